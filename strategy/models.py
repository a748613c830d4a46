import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from coordination.access import ADD, CHANGE, VIEW, AccessPolicy, RestrictedQuerySet
from coordination.models import UploadedDocument


class ReportingFrequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMIANNUAL = "semiannual", _("Every six months")
    ANNUAL = "annual", _("Annual")


MONTHS_PER_PERIOD = {
    ReportingFrequency.MONTHLY: 1,
    ReportingFrequency.QUARTERLY: 3,
    ReportingFrequency.SEMIANNUAL: 6,
    ReportingFrequency.ANNUAL: 12,
}


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    return day.replace(year=day.year + month_index // 12, month=month_index % 12 + 1, day=1)


class StrategyQuerySet(RestrictedQuerySet):
    def current(self, as_of: datetime.date | None = None) -> "Strategy | None":
        """The strategy in force on ``as_of`` (today by default): the latest one begun by then."""
        as_of = as_of or timezone.localdate()
        return self.filter(start_date__lte=as_of).order_by("-start_date").first()

    def current_with_pillars(self) -> tuple["Strategy | None", list["Pillar"]]:
        """The current strategy and its pillars in one query (the pillars of every strategy
        begun so far: a few dozen rows), for pages counted to the query."""
        pillars = list(
            Pillar.objects.select_related("strategy")
            .filter(strategy__start_date__lte=timezone.localdate())
            .order_by("-strategy__start_date", "number")
        )
        if not pillars:
            return self.current(), []
        strategy = pillars[0].strategy
        return strategy, [pillar for pillar in pillars if pillar.strategy_id == strategy.pk]


class Strategy(models.Model):
    """The National Strategy for Migration Management: its period and how often ministries
    report on it."""

    code = models.CharField(_("code"), max_length=30, unique=True)
    title = models.CharField(_("title"), max_length=250)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    reporting_frequency = models.CharField(
        _("reporting frequency"),
        max_length=12,
        choices=ReportingFrequency.choices,
        default=ReportingFrequency.QUARTERLY,
    )
    report_due_days = models.PositiveSmallIntegerField(
        _("days to report after a period ends"), default=15
    )

    access_policy = AccessPolicy(shared_reference=True)
    objects = StrategyQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")), name="strategy_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def reporting_periods(self) -> list[tuple[datetime.date, datetime.date]]:
        """(first day, last day) of every reporting period, aligned on calendar months
        from the strategy's first month."""
        months = MONTHS_PER_PERIOD[self.reporting_frequency]
        periods = []
        start = self.start_date.replace(day=1)
        while start <= self.end_date:
            following = _add_months(start, months)
            periods.append((start, following - datetime.timedelta(days=1)))
            start = following
        return periods

    def period_containing(self, day: datetime.date) -> tuple[datetime.date, datetime.date] | None:
        return next(((s, e) for s, e in self.reporting_periods() if s <= day <= e), None)

    def report_due_date(self, period_end: datetime.date) -> datetime.date:
        return period_end + datetime.timedelta(days=self.report_due_days)

    def last_overdue_period(self, today: datetime.date):
        """The latest period whose report deadline has passed, or None."""
        passed = [p for p in self.reporting_periods() if self.report_due_date(p[1]) < today]
        return passed[-1] if passed else None

    def reportable_periods(
        self, start: datetime.date, today: datetime.date
    ) -> list[tuple[datetime.date, datetime.date]]:
        """Periods a report may be written for today: from ``start`` to the current period,
        newest first (late reports for earlier periods stay possible)."""
        return [p for p in reversed(self.reporting_periods()) if p[1] >= start and p[0] <= today]


class Pillar(models.Model):
    """A pillar (strategic objective) of the strategy, in the strategy's own order."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="pillars", verbose_name=_("strategy")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=250)

    access_policy = AccessPolicy(shared_reference=True)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["strategy", "number"]
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="unique_pillar_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    DELAYED = "delayed", _("Delayed")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


# Bootstrap colour of each status: the traffic light the steering body reads at a glance.
STATUS_COLOURS = {
    ActionStatus.NOT_STARTED: "secondary",
    ActionStatus.ON_TRACK: "success",
    ActionStatus.AT_RISK: "warning",
    ActionStatus.DELAYED: "danger",
    ActionStatus.COMPLETED: "primary",
    ActionStatus.CANCELLED: "dark",
}
OPEN_STATUSES = (
    ActionStatus.NOT_STARTED,
    ActionStatus.ON_TRACK,
    ActionStatus.AT_RISK,
    ActionStatus.DELAYED,
)


def owes_report_for(period_end: datetime.date) -> Q:
    """Actions that owe a report for a period ending on ``period_end``: started by then and
    still open."""
    return Q(status__in=OPEN_STATUSES, start_date__lte=period_end)


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class RouteStage(models.TextChoices):
    """Whole of route: migrants departing, in transit, abroad, and returning."""

    DEPARTURE = "departure", _("Departure")
    TRANSIT = "transit", _("Transit")
    ABROAD = "abroad", _("Abroad")
    RETURN = "return", _("Return")


class PriorityActionQuerySet(RestrictedQuerySet):
    def overdue(self, today: datetime.date | None = None):
        return self.filter(due_date__lt=today or timezone.localdate(), status__in=OPEN_STATUSES)

    def concerning(self, stage: str):
        return self.filter(**{f"concerns_{RouteStage(stage).value}": True})

    def involving(self, ministry_ids):
        """The actions the ministries lead or support. The ids come first and the supporting
        side is an EXISTS: an OR across the many-to-many join with DISTINCT scales worst."""
        ministry_ids = sorted(ministry_ids)
        supports = PriorityAction.supporting_ministries.through.objects.filter(
            priorityaction_id=OuterRef("pk"), ministry_id__in=ministry_ids
        )
        return self.filter(Q(lead_ministry_id__in=ministry_ids) | Q(Exists(supports)))

    def for_list(self):
        return self.select_related("pillar", "lead_ministry").prefetch_related(
            "supporting_ministries"
        )

    def with_reporting(self, user, today: datetime.date | None = None, strategy=False):
        """Annotate the reporting picture as the user sees it (their own ministry's reports
        for a focal point, the lead ministry's for everyone else): the last report, whether
        this period's report is still to be submitted, and whether the report of the last
        period whose deadline has passed is missing (overdue)."""
        from coordination import access

        today = today or timezone.localdate()
        # The outer queryset is already restricted; a report of the user's own ministries on
        # a visible action is visible, so ids suffice (nesting restrict() again would repeat
        # the whole scope in every subquery).
        reports = ProgressUpdate.objects.filter(action=OuterRef("pk")).order_by()
        if access.reads_everything(user):
            reports = reports.filter(ministry=OuterRef("lead_ministry"))
        else:
            reports = reports.filter(ministry_id__in=sorted(access.ministry_ids(user)))
        latest = reports.order_by("-period_start", "-pk")
        if strategy is False:  # not given: the strategy running today
            strategy = Strategy.objects.current(today)
        period = strategy.period_containing(today) if strategy else None
        closed = strategy.last_overdue_period(today) if strategy else None
        this_period = reports.filter(period_start=period[0]) if period else reports.none()
        closed_sent = (
            reports.filter(period_start=closed[0], state__in=SENT_STATES) if closed else None
        )
        queryset = self.annotate(
            last_report_state=Subquery(latest.values("state")[:1]),
            last_report_period=Subquery(latest.values("period_start")[:1]),
            period_report_state=Subquery(this_period.values("state")[:1]),
        ).annotate(
            report_due=models.ExpressionWrapper(
                owes_report_for(period[1] if period else today)
                & (
                    Q(period_report_state__isnull=True)
                    | Q(period_report_state__in=[ReportState.DRAFT, ReportState.RETURNED])
                ),
                output_field=models.BooleanField(),
            ),
        )
        if closed is None:
            return queryset.annotate(report_overdue=models.Value(False))
        return queryset.annotate(
            report_overdue=models.ExpressionWrapper(
                owes_report_for(closed[1]) & ~Exists(closed_sent),
                output_field=models.BooleanField(),
            )
        )


class PriorityAction(models.Model):
    """A priority action of the strategy, led by one ministry and supported by others."""

    pillar = models.ForeignKey(
        Pillar, on_delete=models.PROTECT, related_name="actions", verbose_name=_("pillar")
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    lead_ministry = models.ForeignKey(
        "coordination.Ministry",
        on_delete=models.PROTECT,
        related_name="led_actions",
        verbose_name=_("lead ministry"),
    )
    supporting_ministries = models.ManyToManyField(
        "coordination.Ministry",
        blank=True,
        related_name="supported_actions",
        verbose_name=_("supporting ministries"),
    )
    start_date = models.DateField(_("start date"))
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    priority = models.CharField(
        _("priority"), max_length=8, choices=Priority.choices, default=Priority.MEDIUM
    )
    percent_complete = models.PositiveSmallIntegerField(
        _("percent complete"), default=0, validators=[MaxValueValidator(100)]
    )
    concerns_departure = models.BooleanField(_("departure"), default=False)
    concerns_transit = models.BooleanField(_("transit"), default=False)
    concerns_abroad = models.BooleanField(_("abroad"), default=False)
    concerns_return = models.BooleanField(_("return"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    access_policy = AccessPolicy(
        ministry_fields=("lead_ministry", "supporting_ministries"), person_grants=True
    )
    objects = PriorityActionQuerySet.as_manager()

    class Meta:
        ordering = ["pillar__number", "code"]
        verbose_name = _("priority action")
        verbose_name_plural = _("priority actions")
        constraints = [
            models.UniqueConstraint(fields=["pillar", "code"], name="unique_action_code"),
            models.CheckConstraint(
                condition=Q(due_date__gte=F("start_date")), name="action_due_after_start"
            ),
            models.CheckConstraint(
                condition=Q(percent_complete__lte=100), name="action_percent_at_most_100"
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def stages(self) -> list[RouteStage]:
        return [stage for stage in RouteStage if getattr(self, f"concerns_{stage.value}")]

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS[self.status]

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.status in OPEN_STATUSES and self.due_date < (today or timezone.localdate())


class PriorityActionUserObjectPermission(UserObjectPermissionBase):
    """One action delegated to one person outside its ministries, for what focal points
    may do with it."""

    content_object = models.ForeignKey(PriorityAction, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("priority action permission of a user")
        verbose_name_plural = _("priority action permissions of users")


class Indicator(models.Model):
    """A measure of an action's result, from a baseline towards a target."""

    action = models.ForeignKey(
        PriorityAction,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("priority action"),
    )
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    access_policy = AccessPolicy(parent="action")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["action", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name


def period_label(start: datetime.date, end: datetime.date) -> str:
    """ "2026-07 – 2026-09": readable in every language and sortable."""
    return f"{start:%Y-%m} – {end:%Y-%m}"


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    VALIDATED = "validated", _("Validated")
    RETURNED = "returned", _("Returned")


# A report counts as sent for its period once submitted, whatever the review says next.
SENT_STATES = (ReportState.SUBMITTED, ReportState.VALIDATED)


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

    def __str__(self):
        return f"{self.action.code} · {self.ministry.code} · {self.period_label}"

    @property
    def period_label(self) -> str:
        return period_label(self.period_start, self.period_end)

    @property
    def is_editable(self) -> bool:
        """Focal points write drafts and returned reports; the rest is read-only."""
        return self.state in (ReportState.DRAFT, ReportState.RETURNED)

    @property
    def asks_for_support(self) -> bool:
        return bool(self.support_needed.strip())


class ReportEventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    VALIDATED = "validated", _("Validated")
    RETURNED = "returned", _("Returned")
    REOPENED = "reopened", _("Reopened")


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

    access_policy = AccessPolicy(parent="report")
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


class ReminderStage(models.TextChoices):
    DUE_SOON = "due_soon", _("Due within 7 days")
    OVERDUE = "overdue", _("Overdue")
    DRAFT_STALE = "draft_stale", _("Draft untouched")
    RETURNED_STALE = "returned_stale", _("Returned, not resubmitted")
    SUBMITTED_STALE = "submitted_stale", _("Awaiting validation")


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
