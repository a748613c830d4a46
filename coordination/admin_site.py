"""Django's admin, for administrators only. The secretariat keeps bodies, ministries and
people on the portal's own set-up pages; staff status alone (or the secretariat's role)
opens nothing here."""

from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.sites import AdminSite


class AdministratorsAdminSite(AdminSite):
    def has_permission(self, request):
        # Imported here: this module is loaded with the app registry, before the models.
        from coordination import access

        return super().has_permission(request) and access.administers(request.user)


class AdministratorsAdminConfig(AdminConfig):
    """django.contrib.admin, with the administrators' site as ``admin.site``."""

    default_site = "coordination.admin_site.AdministratorsAdminSite"
