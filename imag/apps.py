from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ImagConfig(AppConfig):
    """The project-wide pages (home, dashboards, health) and the demo data commands."""

    name = "imag"
    verbose_name = _("IMAG Portal")

    def ready(self):
        from imag.dashboards import data_changed
        from meetings.models import Decision, FollowUp, Meeting
        from strategy.models import PriorityAction, ProgressUpdate

        for model in (PriorityAction, ProgressUpdate, Decision, FollowUp, Meeting):
            post_save.connect(data_changed, sender=model, dispatch_uid=f"dashboard-{model}")
            post_delete.connect(data_changed, sender=model, dispatch_uid=f"dashboard-d-{model}")
        for relation in (
            PriorityAction.supporting_ministries,
            Meeting.invited_ministries,
            Decision.responsible_ministries,
        ):
            m2m_changed.connect(
                data_changed,
                sender=relation.through,
                dispatch_uid=f"dashboard-m2m-{relation.through}",
            )
