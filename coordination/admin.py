from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from coordination import services
from coordination.models import CoordinationBody, Membership, Ministry, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "get_full_name", "email", "role", "is_active")
    list_filter = ("role", "is_active", "groups")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Portal role"), {"fields": ("role",)}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (_("Portal role"), {"fields": ("role", "email")}),
    )
    escalating_fields = ("is_superuser", "is_staff", "user_permissions")

    def get_readonly_fields(self, request, obj=None):
        """Only a superuser makes superusers or staff, or grants model permissions. Nobody
        changes groups here: a ministry's group makes its members act for the ministry, and
        the People pages appoint, record and show that (coordination.services); the
        secretariat's group follows the role."""
        readonly = (*super().get_readonly_fields(request, obj), "groups")
        if request.user.is_superuser:
            return readonly
        return (*readonly, *self.escalating_fields)


@admin.register(Ministry)
class MinistryAdmin(TranslationAdmin):
    """Without guardian's object-permission screens: who acts for a ministry is appointed on
    the People pages only, which record it and show it on the person's page."""

    list_display = ("code", "name", "kind", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name_ar", "name_en", "name_ckb")

    def save_model(self, request, obj, form, change):
        # With its group, as the set-up pages save it: the access layer needs it.
        services.save_ministry(obj)

    def has_delete_permission(self, request, obj=None):
        # A ministry is made inactive, never deleted: its records keep naming it.
        return False


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("ministry", "user")


@admin.register(CoordinationBody)
class CoordinationBodyAdmin(TranslationAdmin):
    list_display = ("code", "name", "kind", "parent", "quorum_rule", "quorum", "quorum_share")
    list_filter = ("kind",)
    search_fields = ("code", "name_ar", "name_en")
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("full_name", "body", "ministry", "role", "alternate_for", "is_active")
    list_filter = ("body", "role", "is_active")
    search_fields = ("full_name", "email")
    autocomplete_fields = ("ministry", "user")
