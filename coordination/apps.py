from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "coordination"
    verbose_name = _("Coordination")

    def ready(self):
        # Sign-in signal receivers: the idle clock starts, and whether a second factor is due.
        from coordination import middleware  # noqa: F401
