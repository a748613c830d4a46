from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Pages that read across the apps below it: home, dashboards, the quarterly report."""

    name = "reporting"
    verbose_name = _("Reporting")
