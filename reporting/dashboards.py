"""The numbers of the dashboards, from records the user may see (the access layer decides),
in a fixed number of grouped queries whatever the data size."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, IntegerField, Q, Sum
from django.db.models.functions import Cast
from django.utils import timezone

from coordination import access
from coordination.models import CoordinationBody, Ministry
from meetings.models import Decision, FollowUp, FollowUpStatus, Meeting
from reporting.forms import DashboardFilterForm
from strategy.models import (
    SENT_STATES,
    STATUS_COLOURS,
    ActionStatus,
    Pillar,
    PriorityAction,
    ProgressUpdate,
    ReportState,
    RouteStage,
    Strategy,
    owes_report_for,
    period_label,
)

LIST_LENGTH = 8
# Worst first: a grid cell takes the colour of its most worrying action.
SEVERITY = [
    ActionStatus.DELAYED,
    ActionStatus.AT_RISK,
    ActionStatus.NOT_STARTED,
    ActionStatus.ON_TRACK,
    ActionStatus.COMPLETED,
    ActionStatus.CANCELLED,
]


@dataclass
class Filters:
    period: tuple[datetime.date, datetime.date] | None = None
    pillar: Pillar | None = None
    ministry: Ministry | None = None
    body: CoordinationBody | None = None
    periods: list = field(default_factory=list)


def filters_from(request, strategy: Strategy | None) -> Filters:
    """The dashboard's filters from the query string; a value that is not a choice is
    ignored."""
    user, query = request.user, request.GET
    periods = strategy.reporting_periods() if strategy else []
    today = timezone.localdate()
    # By default the last closed period: the one whose reports are now due or in.
    closed = [p for p in periods if p[1] < today]
    default = closed[-1] if closed else (strategy.period_containing(today) if strategy else None)
    values = DashboardFilterForm(query, user=user, periods=periods).valid_values()
    chosen = next((p for p in periods if p[0].isoformat() == values["period"]), default)
    pillar, ministry, body = values["pillar"], values["ministry"], values["body"]
    return Filters(
        period=chosen,
        pillar=pillar,
        ministry=ministry,
        body=body,
        periods=[p for p in periods if p[0] <= today],
    )


def scoped_actions(user, filters: Filters):
    """The actions the user may see, narrowed by the pillar and ministry filters (a ministry
    is involved in the actions it leads or supports)."""
    actions = PriorityAction.objects.restrict(user)
    if filters.pillar:
        actions = actions.filter(pillar=filters.pillar)
    if filters.ministry:
        actions = actions.involving([filters.ministry.pk])
    return actions


def status_grid(user, filters: Filters) -> dict:
    """One grouped query gives the ministry x pillar grid, the per-pillar and overall
    status counts, the whole-of-route stages and the reports each lead ministry owes."""
    due = owes_report_for(filters.period[1]) if filters.period else Q(pk__in=[])
    rows = (
        scoped_actions(user, filters)
        .order_by()
        .values("pillar_id", "status", "lead_ministry_id")
        .annotate(
            n=Count("pk"),
            due=Count("pk", filter=due),
            **{
                stage.value: Sum(Cast(f"concerns_{stage.value}", IntegerField()))
                for stage in RouteStage
            },
        )
    )
    overall, per_pillar, cells = Counter(), defaultdict(Counter), defaultdict(Counter)
    lead_due, stages = Counter(), Counter()
    for row in rows:
        overall[row["status"]] += row["n"]
        per_pillar[row["pillar_id"]][row["status"]] += row["n"]
        cells[(row["lead_ministry_id"], row["pillar_id"])][row["status"]] += row["n"]
        lead_due[row["lead_ministry_id"]] += row["due"]
        for stage in RouteStage:
            stages[stage] += row[stage.value] or 0
    return {
        "overall": overall,
        "per_pillar": per_pillar,
        "cells": cells,
        "lead_due": lead_due,
        "stages": stages,
    }


def filter_ministries(user):
    ministries = Ministry.objects.filter(is_active=True)
    if access.reads_everything(user):
        return ministries
    return ministries.filter(pk__in=access.ministry_ids(user))


def grid_rows(cells, pillars, ministries) -> list[dict]:
    """Rows of the ministry x pillar grid: each cell's count and most worrying status."""
    ministries = {m.pk: m for m in ministries}
    ministry_ids = sorted({ministry_id for ministry_id, _ in cells if ministry_id in ministries})
    return [
        {
            "ministry": ministries[ministry_id],
            "cells": [
                {
                    "pillar": pillar,
                    "count": sum(cells[(ministry_id, pillar.pk)].values()),
                    "status": worst_status(cells[(ministry_id, pillar.pk)]),
                }
                for pillar in pillars
            ],
        }
        for ministry_id in sorted(ministry_ids, key=lambda pk: ministries[pk].code)
    ]


def worst_status(counts: Counter) -> str | None:
    return next((status for status in SEVERITY if counts.get(status)), None)


def status_bars(counts: Counter) -> list[dict]:
    total = sum(counts.values()) or 1
    return [
        {
            "status": status,
            "label": status.label,
            "count": counts.get(status, 0),
            "share": round(100 * counts.get(status, 0) / total),
            "colour": STATUS_COLOURS[status],
        }
        for status in ActionStatus
    ]


def compliance(user, filters: Filters, lead_due: Counter, ministries) -> list[dict]:
    """Per ministry: reports due for the period (lead or supporting, on open actions started
    by the period's end) against reports submitted or validated. ``lead_due`` comes from
    status_grid; ``ministries`` are those the user may see rows for."""
    if not filters.period:
        return []
    due_actions = (
        scoped_actions(user, filters).filter(owes_report_for(filters.period[1])).values("pk")
    )
    due = Counter(lead_due)
    supporting = (
        PriorityAction.supporting_ministries.through.objects.filter(priorityaction__in=due_actions)
        .order_by()
        .values_list("ministry_id")
        .annotate(n=Count("pk"))
        .values_list("ministry_id", "n")
    )
    for ministry_id, n in supporting:
        due[ministry_id] += n
    received = Counter(
        dict(
            ProgressUpdate.objects.restrict(user)
            .filter(period_start=filters.period[0], state__in=SENT_STATES, action__in=due_actions)
            .order_by()
            .values_list("ministry_id")
            .annotate(n=Count("pk"))
            .values_list("ministry_id", "n")
        )
    )
    names = {ministry.pk: ministry for ministry in ministries}
    rows = []
    for pk, n in due.items():
        if pk in names and n:
            got = min(received.get(pk, 0), n)
            rows.append(
                {"ministry": names[pk], "due": n, "received": got, "share": round(100 * got / n)}
            )
    return sorted(rows, key=lambda row: (row["share"], row["ministry"].code))


def trend(user, filters: Filters, strategy: Strategy | None) -> list[dict]:
    """Status counts per reporting period, from the lead ministries' validated reports."""
    if strategy is None:
        return []
    rows = ProgressUpdate.objects.restrict(user).filter(
        state=ReportState.VALIDATED,
        action__pillar__strategy=strategy,
        ministry_id=F("action__lead_ministry_id"),
    )
    if filters.pillar or filters.ministry:
        rows = rows.filter(action__in=scoped_actions(user, filters).values("pk"))
    counts = defaultdict(Counter)
    for period_start, status, n in (
        rows.order_by()
        .values_list("period_start", "status")
        .annotate(n=Count("pk"))
        .values_list("period_start", "status", "n")
    ):
        counts[period_start][status] += n
    periods = {start: end for start, end in strategy.reporting_periods()}
    return [
        {
            "label": period_label(start, periods.get(start, start)),
            "counts": counts[start],
            "total": sum(counts[start].values()),
            "bars": status_bars(counts[start]),
        }
        for start in sorted(counts)
    ]


def route_stages(stages: Counter) -> list[dict]:
    return [{"stage": stage, "label": stage.label, "count": stages[stage]} for stage in RouteStage]


def action_lists(user, filters: Filters) -> dict:
    actions = scoped_actions(user, filters).select_related("lead_ministry")
    today = timezone.localdate()
    support = ProgressUpdate.objects.restrict(user)
    if not access.reads_everything(user):
        # A ministry's dashboard lists its own requests, not its partners'.
        support = support.filter(ministry_id__in=access.ministry_ids(user))
    support = (
        support.filter(state__in=SENT_STATES)
        .exclude(support_needed="")
        .filter(action__in=scoped_actions(user, filters).values("pk"))
        .select_related("action", "ministry")
        .order_by("-period_start", "-pk")
    )
    decisions = Decision.objects.restrict(user).overdue(today).select_related("meeting__body")
    meetings = Meeting.objects.restrict(user).upcoming().select_related("body")
    if filters.body:
        decisions = decisions.filter(meeting__body=filters.body)
        meetings = meetings.filter(body=filters.body)
    if filters.ministry:
        decisions = decisions.filter(responsible_ministries=filters.ministry)
    return {
        "overdue_actions": actions.overdue(today).order_by("due_date")[:LIST_LENGTH],
        "troubled_actions": actions.filter(
            status__in=[ActionStatus.AT_RISK, ActionStatus.DELAYED]
        ).order_by("-status", "due_date")[:LIST_LENGTH],
        "support_requests": support[:LIST_LENGTH],
        "overdue_decisions": decisions.order_by("due_date")[:LIST_LENGTH],
        "upcoming_meetings": meetings.order_by("start")[:5],
    }


def ministry_lists(user, strategy) -> dict:
    """What a focal point must act on: reports due or returned, decisions to follow up."""
    actions = PriorityAction.objects.restrict(user).with_reporting(user, strategy=strategy)
    return {
        "reports_due": actions.filter(Q(report_due=True) | Q(report_overdue=True))
        .select_related("lead_ministry")
        .order_by("due_date")[:LIST_LENGTH],
        "returned_reports": ProgressUpdate.objects.restrict(user, access.CHANGE)
        .filter(state=ReportState.RETURNED)
        .select_related("action", "ministry")[:LIST_LENGTH],
        "follow_ups": FollowUp.objects.restrict(user, access.CHANGE)
        .exclude(status=FollowUpStatus.DONE)
        .select_related("decision", "ministry")
        .order_by("decision__due_date")[:LIST_LENGTH],
    }
