from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from auditlog.registry import auditlog

        from meetings import notification_kinds  # noqa: F401 (registers the kinds)
        from meetings.models import Decision
        from meetings.panels import discussed_in_meetings
        from strategy.panels import register_action_panel

        register_action_panel(discussed_in_meetings)
        # A decision is corrected until its minutes are approved: who changed what is kept.
        auditlog.register(
            Decision,
            include_fields=[
                "kind",
                "agenda_item",
                "lead_ministry",
                "due_date",
                *(f"text_{language}" for language in ("ar", "en", "ckb")),
            ],
            m2m_fields={"responsible_ministries"},
        )
