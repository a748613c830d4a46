import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from coordination.access import ADD, CHANGE, VIEW, AccessPolicy, RestrictedQuerySet
from coordination.models import UploadedDocument, document_path


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

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.start):%Y-%m-%d})"

    @property
    def end(self):
        return self.start + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED


class MeetingUserObjectPermission(UserObjectPermissionBase):
    """One meeting opened to one person, such as an observer from outside the ministries."""

    content_object = models.ForeignKey(Meeting, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("meeting permission of a user")
        verbose_name_plural = _("meeting permissions of users")


class AgendaItemKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    DISCUSSION = "discussion", _("Discussion")
    DECISION = "decision", _("Decision")


class AgendaItem(models.Model):
    """One point of a meeting's agenda, possibly about priority actions."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=AgendaItemKind.choices,
        default=AgendaItemKind.INFORMATION,
    )
    presenter_ministry = models.ForeignKey(
        "coordination.Ministry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("presenter"),
    )
    minutes_allotted = models.PositiveSmallIntegerField(_("minutes allotted"), default=15)
    priority_actions = models.ManyToManyField(
        "strategy.PriorityAction",
        blank=True,
        related_name="agenda_items",
        verbose_name=_("priority actions"),
    )
    follows_decision = models.ForeignKey(
        "meetings.Decision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("follow-up of decision"),
    )

    access_policy = AccessPolicy(
        parent="meeting", released_when={"meeting__agenda_state": "published"}
    )
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "order"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="unique_agenda_order")
        ]

    def __str__(self):
        return f"{self.order}. {self.title}"


class FollowUpStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    BLOCKED = "blocked", _("Blocked")


class DecisionQuerySet(RestrictedQuerySet):
    def open(self):
        return self.exclude(follow_up_status=FollowUpStatus.DONE)

    def overdue(self, today: datetime.date | None = None):
        return self.open().filter(due_date__lt=today or timezone.localdate())


class Decision(models.Model):
    """A decision of a meeting, followed up by the ministries responsible for it."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    code = models.CharField(_("code"), max_length=30, unique=True)
    text = models.TextField(_("decision"))
    responsible_ministries = models.ManyToManyField(
        "coordination.Ministry",
        related_name="decisions",
        verbose_name=_("responsible ministries"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    follow_up_status = models.CharField(
        _("follow-up status"),
        max_length=12,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.PENDING,
    )

    access_policy = AccessPolicy(ministry_fields=("responsible_ministries",))
    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting__start", "code"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.code


class BriefingDocument(UploadedDocument):
    """A paper for an agenda item, for those who may see the meeting."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("agenda item"),
    )

    access_policy = AccessPolicy(parent="agenda_item")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["agenda_item", "uploaded_at", "pk"]
        verbose_name = _("briefing document")
        verbose_name_plural = _("briefing documents")


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

    @property
    def counts_for_quorum(self) -> bool:
        """Members, chairs and alternates count; observers and the secretariat do not."""
        return bool(self.attended) and (
            self.membership is not None and self.membership.role in QUORUM_ROLES
        )


QUORUM_ROLES = ("chair", "member", "alternate")


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


class FollowUp(models.Model):
    """One responsible ministry's follow-up of a decision, which that ministry updates."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("decision")
    )
    ministry = models.ForeignKey(
        "coordination.Ministry",
        on_delete=models.PROTECT,
        related_name="follow_ups",
        verbose_name=_("ministry"),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.PENDING,
    )
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    access_policy = AccessPolicy(
        ministry_fields=("ministry",),
        focal_point_actions=frozenset({VIEW, CHANGE}),
    )
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["decision", "ministry__code"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.UniqueConstraint(fields=["decision", "ministry"], name="one_follow_up_each")
        ]

    def __str__(self):
        return f"{self.decision.code} · {self.ministry.code}"

    @property
    def is_open(self) -> bool:
        return self.status != FollowUpStatus.DONE


class FollowUpEvidence(UploadedDocument):
    follow_up = models.ForeignKey(
        FollowUp, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("follow-up")
    )

    access_policy = AccessPolicy(parent="follow_up", focal_point_actions=frozenset({VIEW, ADD}))
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["follow_up", "uploaded_at", "pk"]
        verbose_name = _("follow-up evidence")
        verbose_name_plural = _("follow-up evidence")


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
