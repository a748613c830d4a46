"""Priority actions, who may act on them, and their indicators."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.db.models.lookups import In
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from coordination.access import AccessPolicy, RestrictedQuerySet
from strategy.models.choices import (
    OPEN_STATUSES,
    SENT_STATES,
    STATUS_COLOURS,
    ActionStatus,
    Priority,
    ReportState,
    RouteStage,
    owes_report_for,
)
from strategy.models.strategies import Pillar, Strategy


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
        from strategy.models.reports import ProgressUpdate  # reports refer to actions

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
        # This period's report: none yet, or one still to be sent. The subquery is read once
        # per action through COALESCE; "IS NULL OR IN (...)" evaluated it twice, which the
        # "report due" filter paid for every visible action (~3,400 for the steering body).
        period_state = Coalesce(Subquery(this_period.values("state")[:1]), models.Value(""))
        queryset = self.annotate(
            last_report_state=Subquery(latest.values("state")[:1]),
            last_report_period=Subquery(latest.values("period_start")[:1]),
            last_report_period_end=Subquery(latest.values("period_end")[:1]),
            report_due=models.ExpressionWrapper(
                owes_report_for(period[1] if period else today)
                & Q(
                    In(
                        period_state,
                        ["", ReportState.DRAFT.value, ReportState.RETURNED.value],
                    )
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
    # In the audit trail, where the action's changes and its reports' are read together.
    audit_labels = {"status": _("Action status")}

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


class ActionStatusChange(models.Model):
    """A status (and percent) set on an action by hand, not by a validated report: it
    counts in the picture of every period from the day it was set (the periodic report's
    as-of rule, strategy/figures.py)."""

    action = models.ForeignKey(
        PriorityAction,
        on_delete=models.CASCADE,
        db_index=False,  # status_change_by_action leads with it
        related_name="status_changes",
        verbose_name=_("priority action"),
    )
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices)
    percent_complete = models.PositiveSmallIntegerField(
        _("percent complete"), validators=[MaxValueValidator(100)]
    )
    set_on = models.DateField(_("set on"))
    set_at = models.DateTimeField(_("set at"), default=timezone.now)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("set by"),
    )

    access_policy = AccessPolicy(parent="action")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["action", "set_at", "pk"]
        verbose_name = _("status set by hand")
        verbose_name_plural = _("statuses set by hand")
        indexes = [models.Index(fields=["action", "set_on"], name="status_change_by_action")]

    def __str__(self):
        return f"{self.action_id} {self.set_on}: {self.status}"


class PriorityActionUserObjectPermission(UserObjectPermissionBase):
    """One action delegated to one person outside its ministries, for what focal points
    may do with it."""

    content_object = models.ForeignKey(PriorityAction, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("priority action permission of a user")
        verbose_name_plural = _("priority action permissions of users")


class IndicatorDirection(models.TextChoices):
    """Which way an indicator improves: most count what is reached (governorates
    connected), some what is cut (days to process a work permit)."""

    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class IndicatorQuerySet(RestrictedQuerySet):
    def with_targets(self):
        """Each indicator with its yearly targets in one more query, in year order."""
        return self.prefetch_related(
            models.Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year"))
        )

    def with_targets_of(self, years):
        """Each indicator with its target of each of ``years`` (a few) in the same query,
        read with ``Indicator.annotated_target(year)``: a page that compares values with
        those years' targets costs no query more."""
        return self.annotate(
            **{
                Indicator.annotated_target_name(year): Subquery(
                    IndicatorTarget.objects.filter(indicator=OuterRef("pk"), year=year)
                    .order_by()
                    .values("value")[:1]
                )
                for year in years
            }
        )


class Indicator(models.Model):
    """A measure of an action's result, from a baseline towards a target for each year."""

    action = models.ForeignKey(
        PriorityAction,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("priority action"),
    )
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    direction = models.CharField(
        _("direction"),
        max_length=8,
        choices=IndicatorDirection.choices,
        default=IndicatorDirection.HIGHER,
    )

    access_policy = AccessPolicy(parent="action")
    objects = IndicatorQuerySet.as_manager()
    audit_names_record = True  # several in one trail (coordination.audit)

    class Meta:
        ordering = ["action", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name

    @staticmethod
    def annotated_target_name(year: int) -> str:
        return f"target_of_{year}"

    def annotated_target(self, year: int):
        """The target of ``year`` annotated by ``with_targets_of`` (None without one)."""
        return getattr(self, self.annotated_target_name(year))

    def target_for(self, year: int):
        """The target of ``year`` (None without one), from the targets prefetched with the
        indicator (``with_targets``): pages list many indicators at a constant cost."""
        return next((target.value for target in self.targets.all() if target.year == year), None)


def target_year(period_end: datetime.date) -> int:
    """The year whose target a period's values are compared with: the year the period ends
    in (a December - February quarter is measured against the later year's target, which
    it works towards)."""
    return period_end.year


class IndicatorTarget(models.Model):
    """What an indicator should reach by the end of one calendar year."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("indicator"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    access_policy = AccessPolicy(parent="indicator")
    objects = RestrictedQuerySet.as_manager()
    audit_names_record = True

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="unique_indicator_year")
        ]

    def __str__(self):
        return f"{self.indicator} – {self.year}"

    def get_additional_data(self) -> dict:
        """Kept by auditlog with each entry: the trail of an indicator's targets finds a
        target's entries, its removal's too, by the indicator (strategy/views/setup.py)."""
        return {"indicator": self.indicator_id}
