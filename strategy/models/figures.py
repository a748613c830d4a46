"""The dashboards' figures, kept in tables updated in the same transaction as every write
that changes them (strategy/figures.py maintains them; ``rebuild_figures`` makes them again
from scratch).

Two kinds of tables. Facts say something about one action (its status in each reporting
period, which ministry owes which report): they are the figures' source of truth and what a
restricted view joins to the user's actions. Counts add the facts up for the unfiltered views
of the readers of everything: a few hundred rows instead of 100,000 reports. Every count is
the sum of the facts with its key, so an action's change moves the counts by the difference
between its old and its new facts.
"""

from django.db import models
from django.db.models import Case, F, Value, When
from django.utils.translation import gettext_lazy as _

from strategy.models.choices import ActionStatus, RouteStage

STATUS_FIELDS = {status: f"n_{status.value}" for status in ActionStatus}
# Worst first: a grid cell takes the colour of its most worrying action.
SEVERITY = [
    ActionStatus.DELAYED,
    ActionStatus.AT_RISK,
    ActionStatus.NOT_STARTED,
    ActionStatus.ON_TRACK,
    ActionStatus.COMPLETED,
    ActionStatus.CANCELLED,
]
STAGE_FIELDS = {stage: f"n_{stage.value}" for stage in RouteStage}


def _counter(verbose_name):
    # Signed: a change is added as one upsert of differences, which may be negative.
    return models.IntegerField(verbose_name, default=0)


# The foreign keys have no index of their own: the unique constraints and indexes below
# lead with the columns the pages look up, and no row is looked up by the others.


class ActionFigure(models.Model):
    """What one action counts for today: its pillar, lead ministry, status and
    whole-of-route stages, as last counted in StatusCount."""

    action = models.OneToOneField(
        "strategy.PriorityAction",
        on_delete=models.DO_NOTHING,  # removed by strategy.figures, with the counts
        primary_key=True,
        related_name="+",
    )
    pillar = models.ForeignKey(
        "strategy.Pillar", on_delete=models.DO_NOTHING, db_index=False, related_name="+"
    )
    lead_ministry = models.ForeignKey(
        "coordination.Ministry", on_delete=models.DO_NOTHING, db_index=False, related_name="+"
    )
    status = models.CharField(max_length=12, choices=ActionStatus.choices)
    concerns_departure = models.BooleanField(default=False)
    concerns_transit = models.BooleanField(default=False)
    concerns_abroad = models.BooleanField(default=False)
    concerns_return = models.BooleanField(default=False)

    def __str__(self):
        return f"{self.action_id}: {self.status}"


class ActionPeriodStatus(models.Model):
    """An action's status in one reporting period of its strategy: its lead ministry's report
    validated for that period, or the latest validated one before it (carried forward),
    unless a status set by hand since that report's period ended, by the period's end, is
    later. No row before the first of them: the action was not reported."""

    action = models.ForeignKey(
        "strategy.PriorityAction",
        on_delete=models.DO_NOTHING,
        db_index=False,
        related_name="period_statuses",
    )
    period_start = models.DateField(_("period start"))
    pillar = models.ForeignKey(
        "strategy.Pillar", on_delete=models.DO_NOTHING, db_index=False, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices)
    percent_complete = models.PositiveSmallIntegerField(_("percent complete"))
    report = models.ForeignKey(
        "strategy.ProgressUpdate",
        on_delete=models.DO_NOTHING,
        db_index=False,
        null=True,
        related_name="+",
    )
    status_change = models.ForeignKey(
        "strategy.ActionStatusChange",
        on_delete=models.DO_NOTHING,
        db_index=False,
        null=True,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(report__isnull=False, status_change__isnull=True)
                | models.Q(report__isnull=True, status_change__isnull=False),
                name="period_status_has_one_source",
            ),
            models.UniqueConstraint(
                fields=["action", "period_start"], name="one_status_per_action_period"
            ),
        ]
        # A focal point's trend counts the statuses of their few hundred actions: read from
        # the index alone, not from a heap page per action and period.
        indexes = [
            models.Index(
                fields=["action", "period_start"],
                include=["status", "pillar"],
                name="period_status_covering",
            )
        ]

    def __str__(self):
        return f"{self.action_id} {self.period_start}: {self.status}"


class ReportingDuty(models.Model):
    """A report one ministry owes on one action for one period (the action began by the
    period's end and was open in it, by its status in the period, the ministry leads or
    supports it), and whether it was sent (submitted or validated)."""

    action = models.ForeignKey(
        "strategy.PriorityAction", on_delete=models.DO_NOTHING, db_index=False, related_name="+"
    )
    ministry = models.ForeignKey(
        # A ministry deleted with its supporting roles takes its duties and its counts
        # (ReportingCount) with it: the sums still hold.
        "coordination.Ministry",
        on_delete=models.CASCADE,
        db_index=False,
        related_name="+",
    )
    period_start = models.DateField(_("period start"))
    pillar = models.ForeignKey(
        "strategy.Pillar", on_delete=models.DO_NOTHING, db_index=False, related_name="+"
    )
    sent = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["action", "ministry", "period_start"], name="one_duty_per_report"
            )
        ]
        # A ministry's duties for a period (a focal point's compliance), read from the
        # index alone (it carries the action and whether the report was sent).
        indexes = [
            models.Index(
                fields=["ministry", "period_start"],
                include=["action", "sent"],
                name="duty_by_ministry_covering",
            )
        ]

    def __str__(self):
        return f"{self.action_id} {self.ministry_id} {self.period_start}: {self.sent}"


class StatusCount(models.Model):
    """Actions per lead ministry and pillar by today's status, and how many concern each
    whole-of-route stage: one cell of the ministry x pillar grid."""

    pillar = models.ForeignKey(
        "strategy.Pillar", on_delete=models.CASCADE, db_index=False, related_name="+"
    )
    lead_ministry = models.ForeignKey(
        "coordination.Ministry", on_delete=models.CASCADE, db_index=False, related_name="+"
    )
    n_not_started = _counter(ActionStatus.NOT_STARTED.label)
    n_on_track = _counter(ActionStatus.ON_TRACK.label)
    n_at_risk = _counter(ActionStatus.AT_RISK.label)
    n_delayed = _counter(ActionStatus.DELAYED.label)
    n_completed = _counter(ActionStatus.COMPLETED.label)
    n_cancelled = _counter(ActionStatus.CANCELLED.label)
    n_departure = _counter(RouteStage.DEPARTURE.label)
    n_transit = _counter(RouteStage.TRANSIT.label)
    n_abroad = _counter(RouteStage.ABROAD.label)
    n_return = _counter(RouteStage.RETURN.label)
    # The grid cell as drawn: its actions and the most worrying of their statuses (the first
    # of SEVERITY with any), worked out by the database on every change.
    total = models.GeneratedField(
        expression=sum((F(name) for name in STATUS_FIELDS.values()), Value(0)),
        output_field=models.IntegerField(),
        db_persist=True,
    )
    worst = models.GeneratedField(
        expression=Case(
            *(When(**{f"{STATUS_FIELDS[s]}__gt": 0}, then=Value(s.value)) for s in SEVERITY),
            output_field=models.CharField(max_length=12),
        ),
        output_field=models.CharField(max_length=12, null=True),
        db_persist=True,
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pillar", "lead_ministry"], name="one_status_count")
        ]

    def __str__(self):
        return f"{self.pillar_id} {self.lead_ministry_id}"


class PeriodStatusCount(models.Model):
    """Actions per pillar by their status in a reporting period (ActionPeriodStatus added
    up): the trend."""

    period_start = models.DateField(_("period start"))
    pillar = models.ForeignKey(
        "strategy.Pillar", on_delete=models.CASCADE, db_index=False, related_name="+"
    )
    n_not_started = _counter(ActionStatus.NOT_STARTED.label)
    n_on_track = _counter(ActionStatus.ON_TRACK.label)
    n_at_risk = _counter(ActionStatus.AT_RISK.label)
    n_delayed = _counter(ActionStatus.DELAYED.label)
    n_completed = _counter(ActionStatus.COMPLETED.label)
    n_cancelled = _counter(ActionStatus.CANCELLED.label)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period_start", "pillar"], name="one_period_status_count"
            )
        ]

    def __str__(self):
        return f"{self.period_start} {self.pillar_id}"


class ReportingCount(models.Model):
    """Reports owed and sent per period, pillar and ministry (ReportingDuty added up):
    reporting compliance."""

    period_start = models.DateField(_("period start"))
    pillar = models.ForeignKey(
        "strategy.Pillar", on_delete=models.CASCADE, db_index=False, related_name="+"
    )
    ministry = models.ForeignKey(
        "coordination.Ministry", on_delete=models.CASCADE, db_index=False, related_name="+"
    )
    due = models.IntegerField(default=0)
    received = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period_start", "pillar", "ministry"], name="one_reporting_count"
            )
        ]

    def __str__(self):
        return (
            f"{self.period_start} {self.pillar_id} {self.ministry_id}: {self.received}/{self.due}"
        )
