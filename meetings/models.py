import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from coordination.access import AccessPolicy, RestrictedQuerySet


class MeetingKind(models.TextChoices):
    HIGH_LEVEL = "high_level", _("High-level")
    TECHNICAL = "technical", _("Technical")
    WORKSHOP = "workshop", _("Workshop")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingQuerySet(RestrictedQuerySet):
    def upcoming(self):
        return self.filter(start__gte=timezone.now(), status=MeetingStatus.PLANNED)


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

    access_policy = AccessPolicy(ministry_fields=("invited_ministries",), person_grants=True)
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.start):%Y-%m-%d})"


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

    access_policy = AccessPolicy(parent="meeting")
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
