from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "coordination"
    verbose_name = _("Coordination")

    def ready(self):
        from auditlog.registry import auditlog

        from coordination.models import User

        # Who opened, changed, deactivated an account or appointed it to a ministry (groups).
        auditlog.register(
            User,
            include_fields=["username", "first_name", "last_name", "email", "role", "language"]
            + ["is_active"],
            m2m_fields={"groups"},
        )
        # Sign-in signal receivers: the idle clock starts, and whether a second factor is due.
        from coordination import middleware  # noqa: F401
