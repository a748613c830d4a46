"""The picture of one reporting period as it was at its end, for the periodic report, its
workbook and the dashboards opened on a past period: the same rule as the trend's.

An action is in period P when it started by P's end. Its status and percent in P are those
of ActionPeriodStatus (strategy/figures.py): its lead ministry's report validated for P, or
the latest validated one before P (carried forward), or a status set by hand by P's end if
it was set after that report's period; an action with none of them is not reported. A report
validated later for a later period never changes P's row; a report of P reopened does.
Every action comes through ``restrict()``: a focal point's picture holds their actions only.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from strategy.models import (
    ActionPeriodStatus,
    ActionStatus,
    PriorityAction,
)
from strategy.models.figures import SEVERITY

CLOSED = (ActionStatus.COMPLETED, ActionStatus.CANCELLED)
# Not a status an action can have: the lack of one in a period.
NOT_REPORTED = "not_reported"
NOT_REPORTED_LABEL = _("Not reported")
NOT_REPORTED_COLOUR = "light"


def status_label(status: str) -> str:
    """A status's name, or "not reported"."""
    return str(NOT_REPORTED_LABEL if status == NOT_REPORTED else ActionStatus(status).label)


@dataclass
class ActionInPeriod:
    pk: int
    code: str
    pillar_id: int
    lead_ministry_id: int
    due_date: datetime.date
    status: str  # an ActionStatus value, or NOT_REPORTED
    percent: int | None
    report_id: int | None
    # The period whose validated report gives the status, when it is an earlier one.
    carried_from: datetime.date | None
    # The day a status set by hand was set, when that gives the status.
    set_on: datetime.date | None
    # Still open and due by the period's end.
    overdue: bool

    @property
    def status_label(self) -> str:
        return status_label(self.status)


def actions_in_period(user, period, *, pillar=None, ministry=None) -> list[ActionInPeriod]:
    """The actions ``user`` may see that were in ``period`` (start, end), with their status
    then, ordered by pillar number and code; ``pillar`` and ``ministry`` (the actions it
    leads or supports) narrow them as the dashboards' filters do."""
    start, end = period
    actions = PriorityAction.objects.restrict(user).filter(start_date__lte=end)
    if pillar is not None:
        actions = actions.filter(pillar=pillar)
    if ministry is not None:
        actions = actions.involving([ministry.pk])
    rows = list(
        actions.order_by("pillar__number", "code").values_list(
            "pk", "code", "pillar_id", "lead_ministry_id", "due_date"
        )
    )
    statuses = {
        action_id: rest
        for action_id, *rest in ActionPeriodStatus.objects.filter(
            action__in=actions.order_by().values("pk"), period_start=start
        ).values_list(
            "action_id",
            "status",
            "percent_complete",
            "report_id",
            "report__period_start",
            "status_change__set_on",
        )
    }
    picture = []
    for pk, code, pillar_id, lead_id, due_date in rows:
        status, percent, report_id, reported_for, set_on = statuses.get(
            pk, (NOT_REPORTED, None, None, None, None)
        )
        row = ActionInPeriod(
            pk=pk,
            code=code,
            pillar_id=pillar_id,
            lead_ministry_id=lead_id,
            due_date=due_date,
            status=status,
            percent=percent,
            report_id=report_id,
            carried_from=reported_for if reported_for and reported_for != start else None,
            set_on=set_on,
            overdue=due_date < end and status not in CLOSED,
        )
        picture.append(row)
    return picture


def _worst(counts: Counter) -> str:
    worst = next((status for status in SEVERITY if counts.get(status)), None)
    return worst.value if worst else NOT_REPORTED


def status_counts(picture: list[ActionInPeriod]) -> dict:
    """The counts the dashboards draw, from a period's picture: overall and per pillar by
    status, and the ministry x pillar grid's cells (lead ministry, pillar) -> (actions, most
    worrying status)."""
    per_pillar, by_cell = defaultdict(Counter), defaultdict(Counter)
    for row in picture:
        status = row.status if row.status == NOT_REPORTED else ActionStatus(row.status)
        per_pillar[row.pillar_id][status] += 1
        by_cell[(row.lead_ministry_id, row.pillar_id)][status] += 1
    overall = Counter()
    for counts in per_pillar.values():
        overall.update(counts)
    cells = {key: (sum(counts.values()), _worst(counts)) for key, counts in by_cell.items()}
    return {"overall": overall, "per_pillar": per_pillar, "cells": cells}
