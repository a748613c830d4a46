"""The strategy, its reporting periods and its pillars."""

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.access import AccessPolicy, RestrictedQuerySet


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
    audit_names_record = True  # a strategy's pillars share its trail (coordination.audit)

    class Meta:
        ordering = ["strategy", "number"]
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="unique_pillar_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"
