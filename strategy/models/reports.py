"""Progress reports, their review events, indicator values, evidence and reminders."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.access import ADD, CHANGE, VIEW, AccessPolicy, RestrictedQuerySet
from coordination.models import UploadedDocument
from strategy.models.actions import Indicator, PriorityAction
from strategy.models.choices import (
    SENT_STATES,
    ActionStatus,
    ReminderStage,
    ReportEventKind,
    ReportState,
    period_name,
)


class ProgressUpdate(models.Model):
    """One ministry's report on one action for one reporting period."""

    action = models.ForeignKey(
        PriorityAction,
        on_delete=models.CASCADE,
        related_name="progress_updates",
        verbose_name=_("priority action"),
    )
    ministry = models.ForeignKey(
        "coordination.Ministry",
        on_delete=models.PROTECT,
        related_name="progress_updates",
        verbose_name=_("ministry"),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices)
    percent_complete = models.PositiveSmallIntegerField(
        _("percent complete"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    narrative = models.TextField(_("narrative"), blank=True)
    challenges = models.TextField(_("challenges"), blank=True)
    support_needed = models.TextField(_("support needed"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("validated or returned by"),
    )
    reviewed_at = models.DateTimeField(_("validated or returned"), null=True, blank=True)
    review_comment = models.TextField(_("secretariat comment"), blank=True)
    # Bumped on every save: a second editor working from an older copy is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    access_policy = AccessPolicy(
        ministry_fields=("ministry",),
        focal_point_actions=frozenset({VIEW, ADD, CHANGE}),
        only_with_visible="action",
        readable_with=("action", {"state": "validated"}),
    )
    objects = RestrictedQuerySet.as_manager()
    # In the audit trail: the action's status as reported, apart from the report's state
    # (both "الحالة" in Arabic).
    audit_labels = {"status": _("Action status"), "state": _("Report state")}

    class Meta:
        ordering = ["action", "-period_start"]
        get_latest_by = "period_start"
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "ministry", "period_start"], name="one_report_per_period"
            ),
            models.CheckConstraint(
                condition=Q(percent_complete__lte=100), name="report_percent_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="report_period_ordered"
            ),
        ]
        indexes = [
            # The validation queue: submitted reports, the longest waiting first, counted
            # and paged without reading the ~90,000 others.
            models.Index(fields=["state", "submitted_at", "id"], name="report_queue"),
            # A ministry's drafts and returned reports, oldest period first (the home page of
            # its focal points): a few hundred rows instead of every open report.
            models.Index(
                fields=["ministry", "period_start", "id"],
                condition=Q(state__in=["draft", "returned"]),
                name="report_open_by_ministry",
            ),
            # A ministry's reports of a period or in a state (returned to it, sent for the
            # last closed period: the ministry dashboard and the action list's reporting).
            models.Index(fields=["ministry", "period_start", "state"], name="report_by_ministry"),
            # The dashboards' "reports asking for support", newest first: every ministry's
            # for the steering body, a ministry's own for its focal points.
            models.Index(
                F("period_start").desc(),
                F("id").desc(),
                condition=Q(state__in=SENT_STATES) & ~Q(support_needed=""),
                name="report_support_requests",
            ),
            models.Index(
                "ministry",
                F("period_start").desc(),
                F("id").desc(),
                condition=Q(state__in=SENT_STATES) & ~Q(support_needed=""),
                name="report_support_by_ministry",
            ),
        ]

    def __str__(self):
        return f"{self.action.code} · {self.ministry.code} · {self.period_label}"

    @property
    def period_label(self) -> str:
        return period_name(self.period_start, self.period_end)

    @property
    def is_editable(self) -> bool:
        """Focal points write drafts and returned reports; the rest is read-only."""
        return self.state in (ReportState.DRAFT, ReportState.RETURNED)

    @property
    def is_withdrawable(self) -> bool:
        """Its ministry may take a submitted report back until the secretariat validates or
        returns it."""
        return self.state == ReportState.SUBMITTED

    @property
    def asks_for_support(self) -> bool:
        return bool(self.support_needed.strip())


class ReportEvent(models.Model):
    """Who submitted, validated, returned or reopened a report, when, and why."""

    report = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("progress update"),
    )
    kind = models.CharField(_("event"), max_length=10, choices=ReportEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    comment = models.TextField(_("comment or reason"), blank=True)

    # How the report got where it is: its own ministry's and the secretariat's to read.
    access_policy = AccessPolicy(history_of="report")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["report", "at", "pk"]
        verbose_name = _("report event")
        verbose_name_plural = _("report events")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.at:%Y-%m-%d}"


class IndicatorValue(models.Model):
    """An indicator's value as a report states it."""

    report = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.CASCADE,
        related_name="indicator_values",
        verbose_name=_("progress update"),
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    measured_on = models.DateField(_("measured on"), null=True, blank=True)

    access_policy = AccessPolicy(
        parent="report", focal_point_actions=frozenset({VIEW, ADD, CHANGE})
    )
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "report"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_report")
        ]

    def __str__(self):
        return f"{self.indicator} = {self.value}"


class Evidence(UploadedDocument):
    """A file attached to a report; downloaded only through a view that checks access."""

    report = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("progress update"),
    )

    access_policy = AccessPolicy(parent="report", focal_point_actions=frozenset({VIEW, ADD}))
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["report", "uploaded_at", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")


class Reminder(models.Model):
    """That a reminder went out for one report (action, ministry, period) at one stage, so it
    is sent once however often the reminder task runs."""

    action = models.ForeignKey(PriorityAction, on_delete=models.CASCADE, related_name="+")
    ministry = models.ForeignKey(
        "coordination.Ministry", on_delete=models.CASCADE, related_name="+"
    )
    period_start = models.DateField()
    stage = models.CharField(max_length=16, choices=ReminderStage.choices)
    sent_at = models.DateTimeField(auto_now_add=True)

    access_policy = AccessPolicy(ministry_fields=("ministry",))
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "ministry", "period_start", "stage"],
                name="one_reminder_per_stage",
            )
        ]

    def __str__(self):
        return f"{self.action_id} {self.ministry_id} {self.period_start} {self.stage}"


class ReportComment(models.Model):
    """A message on a report between the secretariat and the report's own ministry. Like
    the report's review events, it belongs to the report's history: a ministry that reads
    the report only once validated (it supports the same action) never reads its comments;
    the steering body reads them all and writes none."""

    report = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("progress update"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    written_at = models.DateTimeField(_("written"), default=timezone.now)
    text = models.TextField(_("comment"))

    access_policy = AccessPolicy(history_of="report", focal_point_actions=frozenset({VIEW, ADD}))
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["report", "written_at", "pk"]
        verbose_name = _("comment on a report")
        verbose_name_plural = _("comments on reports")

    def __str__(self):
        return f"{self.report_id} · {self.written_at:%Y-%m-%d %H:%M}"


class ReportRequest(models.Model):
    """That the secretariat asked a ministry to report for a period: on one action (from
    the action's page) or on every action it owes a report on (from the dashboards'
    compliance table). Its focal points were notified; the request stays as a record of
    who asked whom, and when."""

    ministry = models.ForeignKey(
        "coordination.Ministry",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ministry"),
    )
    action = models.ForeignKey(
        PriorityAction,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_requests",
        verbose_name=_("priority action"),
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("asked by"),
    )
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    notified = models.PositiveSmallIntegerField(_("focal points notified"), default=0)

    access_policy = AccessPolicy(ministry_fields=("ministry",))
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-asked_at", "-pk"]
        verbose_name = _("request to report")
        verbose_name_plural = _("requests to report")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="report_request_period_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.ministry_id} · {self.period_start}"

    @property
    def period_label(self) -> str:
        return period_name(self.period_start, self.period_end)
