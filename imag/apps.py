from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagConfig(AppConfig):
    """The project-wide pages (home, dashboards, health) and the demo data commands."""

    name = "imag"
    verbose_name = _("IMAG Portal")
