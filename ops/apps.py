from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the portal: the health page, backup and restore."""

    name = "ops"
    verbose_name = _("Operations")
