"""PDFs of a meeting's agenda and minutes, made on request."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coordination.access import AccessPolicy, RestrictedQuerySet
from coordination.models import document_path
from meetings.models.meetings import Meeting


class PaperKind(models.TextChoices):
    AGENDA = "agenda", _("Agenda")
    MINUTES = "minutes", _("Minutes")


class PaperState(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class MeetingPaper(models.Model):
    """A PDF of the agenda or the minutes, made by a Celery task."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    kind = models.CharField(max_length=10, choices=PaperKind.choices)
    language = models.CharField(max_length=8)
    state = models.CharField(max_length=10, choices=PaperState.choices, default=PaperState.PENDING)
    file = models.FileField(upload_to=document_path, max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    error = models.TextField(blank=True)

    access_policy = AccessPolicy(parent="meeting")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.meeting} · {self.kind} · {self.state}"
