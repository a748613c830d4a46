from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from meetings import notification_kinds  # noqa: F401 (registers the kinds)
        from meetings.panels import discussed_in_meetings
        from strategy.panels import register_action_panel

        register_action_panel(discussed_in_meetings)
