"""A meeting's decisions and each responsible ministry's follow-up of them."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.access import ADD, CHANGE, VIEW, AccessPolicy, RestrictedQuerySet
from coordination.models import UploadedDocument
from meetings.models.agenda import AgendaItem
from meetings.models.meetings import Meeting


class FollowUpStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    BLOCKED = "blocked", _("Blocked")


class DecisionKind(models.TextChoices):
    DECISION = "decision", _("Decision")
    RECOMMENDATION = "recommendation", _("Recommendation")
    REQUEST = "request", _("Request")


class DecisionQuerySet(RestrictedQuerySet):
    def open(self):
        return self.exclude(follow_up_status=FollowUpStatus.DONE)

    def overdue(self, today: datetime.date | None = None):
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def overdue_for(self, ministry_ids, today: datetime.date | None = None):
        """Decisions past their due date on which one of ``ministry_ids`` has not finished
        its own follow-up, whatever the others did: what a ministry is late on; each with
        that follow-up's status as ``own_status``."""
        unfinished = FollowUp.objects.filter(
            decision=models.OuterRef("pk"), ministry_id__in=ministry_ids
        ).exclude(status=FollowUpStatus.DONE)
        return self.filter(
            models.Exists(unfinished), due_date__lt=today or timezone.localdate()
        ).annotate(own_status=models.Subquery(unfinished.order_by("pk").values("status")[:1]))


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
    kind = models.CharField(
        _("type"), max_length=16, choices=DecisionKind.choices, default=DecisionKind.DECISION
    )
    text = models.TextField(_("decision"))
    # One of the responsible ministries, which leads; the others support it.
    lead_ministry = models.ForeignKey(
        "coordination.Ministry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_decisions",
        verbose_name=_("lead ministry"),
    )
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
        indexes = [
            # The register's filters: by follow-up status, and overdue (open, due before
            # today), which the dashboards' lists of overdue decisions use too.
            models.Index(fields=["follow_up_status"], name="decision_status"),
            models.Index(
                fields=["due_date"],
                condition=~models.Q(follow_up_status=FollowUpStatus.DONE),
                name="decision_open_due",
            ),
        ]

    def __str__(self):
        return self.code


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
        indexes = [
            # Matters arising read the open follow-ups (of one ministry, for its focal
            # points): done ones pile up over the years, the open ones stay few.
            models.Index(
                fields=["ministry", "decision"],
                condition=~models.Q(status=FollowUpStatus.DONE),
                name="follow_up_open",
            ),
        ]

    def __str__(self):
        return f"{self.decision.code} · {self.ministry.code}"

    @property
    def is_open(self) -> bool:
        return self.status != FollowUpStatus.DONE


class FollowUpUpdate(models.Model):
    """One entry of a follow-up's history: its status and note as someone left them at a
    moment. Every write of a follow-up adds one; none is ever changed, so the status a
    follow-up had at any past moment (the end of a reporting period) can be read back."""

    follow_up = models.ForeignKey(
        FollowUp,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("follow-up"),
        # The index on (follow_up, updated_at) below serves the foreign key too.
        db_index=False,
    )
    status = models.CharField(_("status"), max_length=12, choices=FollowUpStatus.choices)
    note = models.TextField(_("note"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    # Read by whoever reads the follow-up; written only by the services that write it.
    access_policy = AccessPolicy(parent="follow_up")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["follow_up", "-updated_at", "-pk"]
        verbose_name = _("follow-up update")
        verbose_name_plural = _("follow-up updates")
        indexes = [
            # "The latest entry of each follow-up at a moment" reads one entry per
            # follow-up from here.
            models.Index(fields=["follow_up", "updated_at"], name="follow_up_update_at"),
        ]

    def __str__(self):
        return f"{self.follow_up_id} · {self.status} · {self.updated_at:%Y-%m-%d %H:%M}"

    @classmethod
    def recording(cls, follow_up: FollowUp) -> "FollowUpUpdate":
        """The (unsaved) entry recording the follow-up as it was just saved: a follow-up
        always reads as its latest entry."""
        return cls(
            follow_up=follow_up,
            status=follow_up.status,
            note=follow_up.note,
            updated_by=follow_up.updated_by,
            updated_at=follow_up.updated_at,
        )


class FollowUpEvidence(UploadedDocument):
    follow_up = models.ForeignKey(
        FollowUp, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("follow-up")
    )
    # The history entry the file came with (none for files older than the entries' link).
    update = models.ForeignKey(
        FollowUpUpdate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evidence",
        verbose_name=_("follow-up update"),
    )

    access_policy = AccessPolicy(parent="follow_up", focal_point_actions=frozenset({VIEW, ADD}))
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["follow_up", "uploaded_at", "pk"]
        verbose_name = _("follow-up evidence")
        verbose_name_plural = _("follow-up evidence")
