"""A meeting of a coordination body, who is invited to it, and each user's calendar feed."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from coordination.access import CHANGE, VIEW, AccessPolicy, RestrictedQuerySet


class MeetingKind(models.TextChoices):
    HIGH_LEVEL = "high_level", _("High-level")
    TECHNICAL = "technical", _("Technical")
    WORKSHOP = "workshop", _("Workshop")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class AgendaState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class MeetingQuerySet(RestrictedQuerySet):
    def upcoming(self):
        return self.filter(
            start__gte=timezone.now(), status__in=[MeetingStatus.PLANNED, MeetingStatus.POSTPONED]
        )

    def approving_minutes_of(self, meeting: "Meeting"):
        """The meetings where the minutes of ``meeting`` may be approved: later meetings of
        the same body that have started (an approval is recorded at or after the meeting
        that gave it) and were not cancelled, earliest first."""
        return (
            self.filter(body_id=meeting.body_id, start__gt=meeting.start, start__lte=timezone.now())
            .exclude(status=MeetingStatus.CANCELLED)
            .order_by("start")
        )


class Meeting(models.Model):
    """A meeting of a coordination body; the ministries invited to it may see it."""

    body = models.ForeignKey(
        "coordination.CoordinationBody",
        on_delete=models.PROTECT,
        related_name="meetings",
        verbose_name=_("body"),
    )
    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(
        _("type"), max_length=12, choices=MeetingKind.choices, default=MeetingKind.HIGH_LEVEL
    )
    start = models.DateTimeField(_("start"))
    location = models.CharField(_("place"), max_length=250, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    invited_ministries = models.ManyToManyField(
        "coordination.Ministry",
        blank=True,
        related_name="meeting_invitations",
        verbose_name=_("invited ministries"),
    )
    duration_minutes = models.PositiveSmallIntegerField(_("duration in minutes"), default=120)
    agenda_state = models.CharField(
        _("agenda"), max_length=10, choices=AgendaState.choices, default=AgendaState.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Calendar identity: one UID for the meeting's life, SEQUENCE raised at every update sent.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    access_policy = AccessPolicy(ministry_fields=("invited_ministries",), person_grants=True)
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [
            # The decision register lists decisions by their meeting's date, newest first:
            # its first page walks this index instead of sorting every decision.
            models.Index(fields=["start"], name="meeting_start"),
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.start):%Y-%m-%d})"

    @property
    def end(self):
        return self.start + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def may_be_rescheduled(self) -> bool:
        """Whether it may still be postponed or cancelled: not once it is cancelled or held."""
        return self.status not in (MeetingStatus.CANCELLED, MeetingStatus.HELD)

    @property
    def has_started(self) -> bool:
        """Whether its start has passed: attendance and minutes are recorded from then on."""
        return self.start <= timezone.now()

    def may_approve_minutes_of(self, meeting: "Meeting") -> bool:
        """Whether the minutes of ``meeting`` may be recorded as approved at this meeting
        (the rule of ``MeetingQuerySet.approving_minutes_of``, for one meeting in hand)."""
        return (
            self.body_id == meeting.body_id
            and self.start > meeting.start
            and self.has_started
            and not self.is_cancelled
        )


class MeetingUserObjectPermission(UserObjectPermissionBase):
    """One meeting opened to one person, such as an observer from outside the ministries."""

    content_object = models.ForeignKey(Meeting, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("meeting permission of a user")
        verbose_name_plural = _("meeting permissions of users")


class InvitationResponse(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    ATTENDING = "attending", _("Attending")
    NOT_ATTENDING = "not_attending", _("Not attending")
    DELEGATE = "delegate", _("Sending a delegate")


class Invitation(models.Model):
    """One invitee of a meeting: a member of the body for an invited ministry, or a person
    invited by name. Their answer and, on the day, whether they attended."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("meeting")
    )
    ministry = models.ForeignKey(
        "coordination.Ministry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ministry"),
    )
    membership = models.ForeignKey(
        "coordination.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("seat in the body"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("portal account"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    response = models.CharField(
        _("answer"),
        max_length=14,
        choices=InvitationResponse.choices,
        default=InvitationResponse.PENDING,
    )
    delegate_name = models.CharField(_("delegate"), max_length=200, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    # The calendar SEQUENCE last e-mailed to this invitee: a task run twice sends nothing twice.
    sent_sequence = models.IntegerField(null=True, blank=True, editable=False)
    sent_cancellation = models.BooleanField(default=False, editable=False)

    access_policy = AccessPolicy(
        ministry_fields=("ministry",),
        person_field="user",
        focal_point_actions=frozenset({VIEW, CHANGE}),
        only_with_visible="meeting",
    )
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "ministry__code", "name"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                name="one_invitation_per_seat",
                condition=models.Q(membership__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["meeting", "user"],
                name="one_invitation_per_person",
                condition=models.Q(user__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_response_display()})"


class CalendarFeed(models.Model):
    """A private, revocable address for one user's meetings in their calendar program."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    access_policy = AccessPolicy(recipient_field="user")
    objects = RestrictedQuerySet.as_manager()

    def __str__(self):
        return f"{self.user} calendar"
