from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data, the national-scale dataset generator and the page benchmark (commands only)."""

    name = "demo"
    verbose_name = _("Demo data")
