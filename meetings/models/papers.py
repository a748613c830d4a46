"""PDFs of a meeting's agenda and minutes, made on request."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from coordination.access import AccessPolicy, RestrictedQuerySet
from coordination.generated import GeneratedDocument
from meetings.models.meetings import Meeting


class PaperKind(models.TextChoices):
    AGENDA = "agenda", _("Agenda")
    MINUTES = "minutes", _("Minutes")


class MeetingPaper(GeneratedDocument):
    """A PDF of the agenda or the minutes, made by a Celery task."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    kind = models.CharField(max_length=10, choices=PaperKind.choices)

    access_policy = AccessPolicy(parent="meeting")
    objects = RestrictedQuerySet.as_manager()

    content_type = "application/pdf"

    def __str__(self):
        return f"{self.meeting} · {self.kind} · {self.state}"

    @property
    def download_name(self) -> str:
        return f"{self.kind}-{self.meeting_id}.pdf"
