"""A meeting's minutes, their revisions and the attendees' comments."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.access import ADD, VIEW, AccessPolicy, RestrictedQuerySet
from meetings.models.agenda import AgendaItem
from meetings.models.meetings import Meeting


class MinutesState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CIRCULATED = "circulated", _("Circulated for comment")
    APPROVED = "approved", _("Approved")


class Minutes(models.Model):
    """A meeting's minutes, written per agenda item: draft, circulated to the attendees for
    comment until a deadline, approved (then read-only). Every saved version is kept."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("meeting")
    )
    state = models.CharField(
        _("state"), max_length=10, choices=MinutesState.choices, default=MinutesState.DRAFT
    )
    comment_deadline = models.DateTimeField(_("comments until"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at_meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved at the meeting"),
    )
    version = models.PositiveIntegerField(default=1)

    access_policy = AccessPolicy(
        parent="meeting", released_when={"state__in": ["circulated", "approved"]}
    )
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return f"{self.meeting} · {self.get_state_display()}"

    @property
    def open_for_comment(self) -> bool:
        return self.state == MinutesState.CIRCULATED and (
            self.comment_deadline is None or timezone.now() <= self.comment_deadline
        )

    @property
    def ready_for_approval(self) -> bool:
        """Circulated, and their comment deadline has passed: the attendees had their say.
        Minutes circulated without a deadline are circulated again with one first."""
        return (
            self.state == MinutesState.CIRCULATED
            and self.comment_deadline is not None
            and self.comment_deadline < timezone.now()
        )


class MinutesRevision(models.Model):
    """One saved version of the minutes: the text of every agenda item at that moment."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    texts = models.JSONField(default=dict)  # agenda item id -> text
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    access_policy = AccessPolicy(parent="minutes")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["minutes", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="unique_revision_number")
        ]

    def __str__(self):
        return f"{self.minutes} · {self.number}"


class MinutesComment(models.Model):
    """An attendee's comment on circulated minutes."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="comments")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agenda item"),
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    access_policy = AccessPolicy(parent="minutes", focal_point_actions=frozenset({VIEW, ADD}))
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["minutes", "created_at", "pk"]

    def __str__(self):
        return self.text[:60]
