"""The numbers of the dashboards, from records the user may see (the access layer decides),
in a fixed number of small queries whatever the data size: the counts kept with every write
(strategy/models/figures.py) for those who read everything, the facts of the actions
restrict() gives everyone else."""

import datetime
import operator
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Sum,
    Value,
)
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from coordination import access
from coordination.access import AmongIds, AmongSubqueries
from coordination.models import CoordinationBody, Ministry
from coordination.rows import address, dates, escaped, in_language, translated_columns
from meetings.models import Decision, FollowUp, FollowUpStatus, Meeting
from meetings.services.decisions import follow_up_statuses_as_of
from reporting.forms import DashboardFilterForm
from reporting.period_picture import NOT_REPORTED, NOT_REPORTED_COLOUR, NOT_REPORTED_LABEL
from strategy.models import (
    OPEN_STATUSES,
    SENT_STATES,
    STATUS_COLOURS,
    ActionPeriodStatus,
    ActionStatus,
    PeriodStatusCount,
    Pillar,
    PriorityAction,
    ProgressUpdate,
    ReportingCount,
    ReportingDuty,
    ReportState,
    RouteStage,
    StatusCount,
    Strategy,
    period_name,
)
from strategy.models.figures import SEVERITY, STAGE_FIELDS, STATUS_FIELDS
from strategy.templatetags.portal import status_badge

LIST_LENGTH = 8
# Iterating an enumeration costs a generator each time: once here.
STATUSES, STAGES = list(ActionStatus), list(RouteStage)


@dataclass
class Filters:
    period: tuple[datetime.date, datetime.date] | None = None
    pillar: Pillar | None = None
    ministry: Ministry | None = None
    body: CoordinationBody | None = None
    periods: list = field(default_factory=list)
    # A period was chosen: the statuses are those at its end, not today's.
    as_of: bool = False
    # Ids of the actions the user may see, with and without the filters, and the filtered
    # ones' rows, fetched at most once per request (see _fetch_ids).
    ids: dict = field(default_factory=dict)
    rows: list = field(default_factory=list)
    # Every one of the user's actions' due date and status today, by id (see _fetch_ids).
    due_and_status: dict = field(default_factory=dict)


FILTER_NAMES = ("period", "pillar", "ministry", "body")


def filters_from(request, strategy: Strategy | None) -> Filters:
    """The dashboard's filters from the query string; a value that is not a choice is
    ignored."""
    user, query = request.user, request.GET
    periods = strategy.reporting_periods() if strategy else []
    today = timezone.localdate()
    # By default the last closed period: the one whose reports are now due or in.
    closed = [p for p in periods if p[1] < today]
    default = closed[-1] if closed else (strategy.period_containing(today) if strategy else None)
    if any(query.get(name) for name in FILTER_NAMES):
        values = DashboardFilterForm(query, user=user, periods=periods).valid_values()
    else:  # the page as first opened: no form to build
        values = dict.fromkeys(FILTER_NAMES)
    chosen = next((p for p in periods if p[0].isoformat() == values["period"]), None)
    pillar, ministry, body = values["pillar"], values["ministry"], values["body"]
    return Filters(
        period=chosen or default,
        as_of=chosen is not None,
        pillar=pillar,
        ministry=ministry,
        body=body,
        periods=[p for p in periods if p[0] <= today],
    )


def scoped_actions(user, filters: Filters, *, filtered: bool = True):
    """The actions the user may see, narrowed by the pillar and ministry filters (a ministry
    is involved in the actions it leads or supports); without ``filtered``, all of them.
    Unless the user reads everything unfiltered, their ids are fetched once and then
    matched by id: restrict()'s condition, repeated as a subquery in each of the page's
    queries, costs more, and hides from the planner how few actions there are."""
    if from_counts(user, filters) or (not filtered and access.reads_everything(user)):
        actions = PriorityAction.objects.restrict(user)
        return actions.filter(pillar=filters.pillar) if filtered and filters.pillar else actions
    return PriorityAction.objects.filter(AmongIds("pk", scoped_ids(user, filters, filtered)))


# What scoped_rows() gives of each action, in this order.
ROW = (
    "pk",
    "pillar_id",
    "status",
    "lead_ministry_id",
    "due_date",
    "overdue",
    *(f"concerns_{stage.value}" for stage in RouteStage),
)


def _fetch_ids(user, filters: Filters) -> None:
    """The ids of the user's actions, all and filtered, and the filtered ones' ROW, in one
    query (only the filtered ones for those who read everything: all of theirs need no
    ids). The status counts and the lists of overdue and troubled actions are worked out
    from these rows (a few hundred) rather than asked again of the database."""
    actions = PriorityAction.objects.restrict(user).order_by()
    reads_everything = access.reads_everything(user)
    if reads_everything:
        if filters.pillar:
            actions = actions.filter(pillar=filters.pillar)
        if filters.ministry:
            actions = actions.involving([filters.ministry.pk])
        actions = actions.annotate(involved=Value(True))
    elif filters.ministry:
        involved = PriorityAction.objects.involving([filters.ministry.pk]).filter(pk=OuterRef("pk"))
        actions = actions.annotate(involved=Exists(involved))
    else:
        actions = actions.annotate(involved=Value(True))
    today = timezone.localdate()
    actions = actions.annotate(
        overdue=ExpressionWrapper(
            Q(due_date__lt=today, status__in=OPEN_STATUSES), output_field=BooleanField()
        )
    )
    names = (*ROW, "involved")
    rows = sorted(fetch_rows(actions.values_list(*names), names), key=operator.itemgetter(0))
    pillar = filters.pillar.pk if filters.pillar else None
    chosen = [row for row in rows if row[-1] and pillar in (None, row[1])]
    filters.due_and_status = {row[0]: (row[4], row[2]) for row in rows}
    filters.ids[False] = [] if reads_everything else [row[0] for row in rows]
    filters.ids[True] = [row[0] for row in chosen]
    filters.rows = [row[:-1] for row in chosen]
    if not reads_everything:
        # Every action restrict() gives the user, unfiltered: the page's related lists
        # (reports asking for support, returned reports) match them by id.
        access.remember_visible_ids(user, PriorityAction, filters.ids[False])


def scoped_ids(user, filters: Filters, filtered: bool = True) -> list[int]:
    """The ids of scoped_actions() where the counts do not answer."""
    if not filters.ids:
        _fetch_ids(user, filters)
    return filters.ids[filtered]


def scoped_rows(user, filters: Filters) -> list[tuple]:
    """The ROW of each of scoped_actions() where the counts do not answer."""
    scoped_ids(user, filters)
    return filters.rows


def from_counts(user, filters: Filters) -> bool:
    """Whether the kept counts answer: for those who read everything, unless filtered by
    ministry (a ministry's figures are those of the actions it leads or supports, which
    the counts do not tell apart). Everyone else's figures come from the facts of the
    actions restrict() gives them."""
    return access.reads_everything(user) and filters.ministry is None


def status_grid(user, filters: Filters, *, cells: bool = True) -> dict:
    """The per-pillar and overall status counts and the whole-of-route stages, by the
    actions' status today; with ``cells``, the ministry x pillar grid's cells too:
    (lead ministry, pillar) -> (actions, most worrying status)."""
    per_pillar, stages, grid = defaultdict(Counter), Counter(), {}
    if from_counts(user, filters):
        # Every cell's row (a few hundred), added up here: one query for the grid, the
        # pillars and the stages.
        counts = StatusCount.objects.filter(total__gt=0)  # the rest are zeros
        if filters.pillar:
            counts = counts.filter(pillar=filters.pillar)
        names = (
            "lead_ministry_id",
            "pillar_id",
            "total",
            "worst",
            *STATUS_FIELDS.values(),
            *STAGE_FIELDS.values(),
        )
        width = len(STATUS_FIELDS) + len(STAGE_FIELDS)
        sums = defaultdict(lambda: [0] * width)
        for lead, pillar, total, worst, *numbers in fetch_rows(
            counts.order_by().values_list(*names), names
        ):
            sums[pillar] = list(map(operator.add, sums[pillar], numbers))
            if cells:
                grid[(lead, pillar)] = (total, worst)
        for pillar, numbers in sums.items():
            per_pillar[pillar] = Counter(
                {status: n for status, n in zip(STATUSES, numbers, strict=False) if n}
            )
            for stage, n in zip(STAGES, numbers[len(STATUS_FIELDS) :], strict=True):
                stages[stage] += n
    else:
        groups, concerned = Counter(), [0] * len(RouteStage)
        for _pk, pillar, status, lead, _due, _overdue, *stage_flags in scoped_rows(user, filters):
            groups[(pillar, status, lead)] += 1
            for index, flag in enumerate(stage_flags):
                if flag:
                    concerned[index] += 1
        stages.update(dict(zip(STAGES, concerned, strict=True)))
        by_cell = defaultdict(Counter)
        for (pillar, status, lead), n in groups.items():
            status = ActionStatus(status)
            per_pillar[pillar][status] += n
            by_cell[(lead, pillar)][status] += n
        if cells:
            grid = {key: (sum(c.values()), worst_status(c).value) for key, c in by_cell.items()}
    overall = Counter()
    for counts in per_pillar.values():
        overall.update(counts)
    return {"overall": overall, "per_pillar": per_pillar, "cells": grid, "stages": stages}


def filter_ministries(user):
    ministries = Ministry.objects.filter(is_active=True)
    if access.reads_everything(user):
        return ministries
    return ministries.filter(pk__in=access.ministry_ids(user))


EMPTY = (0, None)


def grid_rows(cells, pillars, ministries) -> str:
    """The rows of the ministry x pillar grid: each cell's count and most worrying status,
    a link to the list of its actions. Built here rather than in the template (a thousand
    cells through template tags cost more than the rest of the page), with each text
    escaped once rather than once per cell; counts and ids are integers."""
    ministries = {m.pk: m for m in ministries}
    ministry_ids = sorted(
        {ministry_id for ministry_id, _ in cells if ministry_id in ministries},
        key=lambda pk: ministries[pk].code,
    )
    base = escaped(reverse("strategy:action_list"))
    label = escaped(gettext("pillar"))
    columns = [(pillar.pk, int(pillar.number)) for pillar in pillars]
    rows = []
    for ministry_id in ministry_ids:
        ministry = ministries[ministry_id]
        code = escaped(ministry.named)
        row = [f'<tr><th scope="row" class="text-start">{code}</th>\n      ']
        for pillar_id, number in columns:
            count, status = cells.get((ministry_id, pillar_id), EMPTY)
            if not count:
                row.append("<td></td>")
                continue
            row.append(
                f'<td class="grid-{status}"><a href="{base}?pillar='
                f'{int(pillar_id)}&amp;lead={int(ministry_id)}" aria-label="{code}, {label} '
                f'{number}: {count}">{count}</a></td>'
            )
        row.append("\n    </tr>")
        rows.append("".join(row))
    return mark_safe("".join(rows))  # noqa: S308 - every text escaped above


def compliance_rows(rows, ask: dict | None = None) -> str:
    """The compliance table's rows (see grid_rows for why here): each ministry's code, then
    its name, as the periodic report's workbook has them. ``ask`` (the secretariat's, see
    report_request_form): a last cell with a button asking a ministry that has not sent
    every report to send them (strategy's MinistryReportRequestView)."""
    html = []
    if ask:
        form_start = (
            f'<form method="post" action="{escaped(ask["url"])}" class="m-0">'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{escaped(ask["csrf"])}">'
            f'<input type="hidden" name="period" value="{escaped(ask["period"])}">'
        )
        button = escaped(gettext("Ask to report"))
    for row in rows:
        ministry = row["ministry"]
        code, name, due, received, share = (
            escaped(ministry.code),
            escaped(ministry.name),
            row["due"],
            row["received"],
            row["share"],
        )
        ask_cell = ""
        if ask:
            ask_cell = "<td></td>"
            if received < due:
                # The ministry is named for screen readers after the visible words, which
                # the accessible name must contain (WCAG 2.5.3).
                ask_cell = (
                    f'<td>{form_start}<input type="hidden" name="ministry" '
                    f'value="{int(ministry.pk)}"><button type="submit" '
                    f'class="btn btn-sm btn-outline-primary">{button}'
                    f'<span class="visually-hidden"> ({escaped(ministry.named)})</span>'
                    "</button></form></td>"
                )
        html.append(
            f'<tr><td><abbr title="{name}">{code}</abbr></td><th scope="row">{name}</th>'
            f"<td>{int(due)}</td><td>{int(received)}</td>\n      "
            '<td><div class="d-flex align-items-center gap-2"><progress class="w-100" max="100" '
            f'value="{int(share)}" aria-label="{name}">{int(share)}%</progress>'
            f"<span>{int(share)}</span></div></td>{ask_cell}</tr>\n    "
        )
    return mark_safe("".join(html))  # noqa: S308 - every text escaped above


def report_request_form(request, filters) -> dict | None:
    """What compliance_rows needs for the secretariat's "ask to report" buttons; None for
    others, and without a period."""
    if not access.manages_everything(request.user) or not filters.period:
        return None
    return {
        "url": reverse("strategy:ministry_report_request"),
        "csrf": get_token(request),
        "period": filters.period[0].isoformat(),
    }


def shortened(text, length: int) -> str:
    """Truncator(text).chars(length), which scans every character in Python: a text no
    longer than ``length`` (as almost every title is) and already in Unicode's composed form
    comes back whole from it anyway."""
    text = str(text)
    if len(text) <= length and unicodedata.is_normalized("NFC", text):
        return text
    return Truncator(text).chars(length)


def pillar_rows_html(rows) -> str:
    """The rows of the table of actions by pillar and status."""
    base = escaped(reverse("strategy:action_list"))
    html = []
    for row in rows:
        pillar = row["pillar"]
        title = escaped(shortened(pillar.title, 40))
        counts = "".join(f"<td>{int(bar['count'])}</td>" for bar in row["bars"])
        html.append(
            f'<tr><th scope="row"><a href="{base}?pillar={int(pillar.pk)}">{int(pillar.number)}. '
            f"{title}</a></th>{counts}</tr>"
        )
    return mark_safe("".join(html))  # noqa: S308 - every text escaped above


def status_rows_html(bars, filters: Filters, *, linked: bool) -> str:
    """The rows of the table of actions by status (reporting/_headline.html); with
    ``linked``, each status opens the list of its actions under the dashboard's filters."""
    base = escaped(reverse("strategy:action_list"))
    narrowed = "".join(
        f"&amp;{name}={int(record.pk)}"
        for name, record in (("pillar", filters.pillar), ("ministry", filters.ministry))
        if record
    )
    html = []
    for bar in bars:
        label = escaped(bar["label"])
        if linked:
            label = f'<a href="{base}?status={escaped(bar["status"].value)}{narrowed}">{label}</a>'
        html.append(
            f'<tr><th scope="row">{label}</th><td>{int(bar["count"])}</td>'
            f"<td>{int(bar['share'])}</td></tr>"
        )
    return mark_safe("".join(html))  # noqa: S308 - every text escaped above


def trend_rows_html(trend) -> str:
    """The rows of the trend's table of numbers (reporting/_trend.html)."""
    return mark_safe(  # noqa: S308 - every text escaped
        "".join(
            f'<tr><th scope="row">{escaped(row["label"])}</th>'
            + "".join(f"<td>{int(bar['count'])}</td>" for bar in row["bars"])
            + "</tr>"
            for row in trend
        )
    )


def stage_rows_html(stages) -> str:
    """The rows of the whole-of-route table (reporting/_trend.html), each stage opening
    the list of its actions."""
    base = escaped(reverse("strategy:action_list"))
    return mark_safe(  # noqa: S308 - every text escaped
        "".join(
            f'<tr><th scope="row"><a href="{base}?stage={escaped(row["stage"].value)}">'
            f"{escaped(row['label'])}</a></th><td>{int(row['count'])}</td></tr>"
            for row in stages
        )
    )


ITEM = '<li class="list-group-item px-0">'


def list_items(lists: dict) -> dict:
    """The items of the dashboards' lists (reporting/_lists.html), written here: forty
    items through ``{% url %}``, filters and lookups cost more than the rest of the
    dashboard's markup (see grid_rows). Same markup as the template wrote."""
    action_url, report_url = address("strategy:action_detail"), address("strategy:report_detail")
    meeting_url, decision_url = (
        address("meetings:meeting_detail"),
        address("meetings:decision_detail"),
    )
    short_date, short_datetime = dates("SHORT_DATE_FORMAT"), dates("SHORT_DATETIME_FORMAT")
    statuses = {value: escaped(label) for value, label in FollowUpStatus.choices}

    def action_link(action) -> str:
        return (
            f'{ITEM}<a href="{action_url[0]}{int(action.pk)}{action_url[1]}">'
            f"{escaped(action.code)} {escaped(shortened(action.title, 70))}</a> "
        )

    items = {
        "overdue_actions": "".join(
            f"{action_link(action)}"
            f'<span class="small text-body-secondary">{escaped(action.lead_ministry.named)} · '
            f"{short_date(action.due_date)}</span></li>"
            for action in lists["overdue_actions"]
        ),
        "troubled_actions": "".join(
            f"{action_link(action)}{status_badge(action.status)} "
            f'<span class="small text-body-secondary">{escaped(action.lead_ministry.named)}'
            "</span></li>"
            for action in lists["troubled_actions"]
        ),
        "support_requests": "".join(
            f'{ITEM}<a href="{report_url[0]}{int(report.pk)}{report_url[1]}">'
            f"{escaped(report.action.code)} · {escaped(report.ministry.named)}</a> "
            f'<span class="small">{escaped(shortened(report.support_needed, 90))}</span></li>'
            for report in lists["support_requests"]
        ),
        "overdue_decisions": "".join(
            f'{ITEM}<a href="{decision_url[0]}{int(decision.pk)}{decision_url[1]}">'
            f"{escaped(decision.code)}</a> {escaped(shortened(decision.text, 80))} "
            '<span class="small text-body-secondary">'
            f"{short_date(decision.due_date)} · "
            f"{statuses.get(decision.own_status, '')}</span></li>"
            for decision in lists["overdue_decisions"]
        ),
        "upcoming_meetings": "".join(
            f'{ITEM}<a href="{meeting_url[0]}{int(meeting.pk)}{meeting_url[1]}">'
            f"{escaped(meeting.title)}</a> "
            f'<span class="small text-body-secondary">{escaped(meeting.body.named)} · '
            f"{short_datetime(template_localtime(meeting.start))}"
            "</span></li>"
            for meeting in lists["upcoming_meetings"]
        ),
    }
    return {name: mark_safe(html) for name, html in items.items()}  # noqa: S308 - escaped above


def fetch_rows(queryset, names) -> list[tuple]:
    """The rows of a values_list() queryset of integers and texts, fetched with the database
    cursor: a thousand rows cost half as much without the ORM's iterators (no converters:
    not for dates, which SQLite returns as text). Columns come in the order of ``names``,
    the queryset's field and annotation names (its SQL may select them in another)."""
    compiled = _compiled(queryset)
    if compiled is None:
        return []
    sql, params = compiled
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        selected = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    if selected == list(names):
        return rows
    # Two columns or more here: one column is always in order.
    return list(map(operator.itemgetter(*(selected.index(name) for name in names)), rows))


def _compiled(queryset) -> tuple[str, tuple] | None:
    """The queryset's SQL and parameters; None when it can match nothing (Django then
    writes no SQL, such as ``__in`` an empty list)."""
    try:
        return queryset.query.sql_with_params()
    except EmptyResultSet:
        return None


def fetch_together(first, first_names, second, second_names) -> tuple[list, list]:
    """The rows of two values_list() querysets (see fetch_rows) in one round trip: UNION ALL,
    each side's columns in positions of their own (NULL in the other side's rows), a first
    column telling the sides apart. Dates come back as a raw query returns them."""
    compiled = _compiled(first), _compiled(second)
    if None in compiled:  # one side can match nothing: no need to join them
        return fetch_rows(first, first_names), fetch_rows(second, second_names)
    (first_sql, first_params), (second_sql, second_params) = compiled
    quote = connection.ops.quote_name
    mine = ", ".join(f"a.{quote(name)}" for name in first_names)
    theirs = ", ".join(f"b.{quote(name)}" for name in second_names)
    # Only the querysets' own SQL and their column names go into the text.
    sql = (
        f"SELECT 0, {mine}, {', '.join(['NULL'] * len(second_names))} FROM ({first_sql}) a "  # noqa: S608
        f"UNION ALL SELECT 1, {', '.join(['NULL'] * len(first_names))}, {theirs} "
        f"FROM ({second_sql}) b"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*first_params, *second_params])
        rows = cursor.fetchall()
    width = len(first_names)
    return (
        [row[1 : 1 + width] for row in rows if row[0] == 0],
        [row[1 + width :] for row in rows if row[0] == 1],
    )


def worst_status(counts: Counter) -> str | None:
    return next((status for status in SEVERITY if counts.get(status)), None)


def status_bars(counts: Counter) -> list[dict]:
    """One bar per status, and one for the actions not reported in a past period's picture
    (reporting.period_picture) when there are some."""
    total = sum(counts.values()) or 1
    bars = [
        {
            "status": status,
            "label": status.label,
            "count": counts.get(status, 0),
            "share": round(100 * counts.get(status, 0) / total),
            "colour": STATUS_COLOURS[status],
        }
        for status in ActionStatus
    ]
    if counts.get(NOT_REPORTED):
        bars.append(
            {
                "status": NOT_REPORTED,
                "label": NOT_REPORTED_LABEL,
                "count": counts[NOT_REPORTED],
                "share": round(100 * counts[NOT_REPORTED] / total),
                "colour": NOT_REPORTED_COLOUR,
            }
        )
    return bars


def compliance(user, filters: Filters, ministries) -> list[dict]:
    """Per ministry: reports due for the period (lead or supporting, on open actions started
    by the period's end) against reports submitted or validated. ``ministries`` are those the
    user may see rows for."""
    names = {ministry.pk: ministry for ministry in ministries}
    query = _compliance_query(user, filters, names)
    return _compliance(fetch_rows(query, COMPLIANCE) if query else [], names)


COMPLIANCE = ("ministry_id", "due_n", "received_n")


def _compliance_query(user, filters: Filters, names: dict):
    if not filters.period:
        return None
    if from_counts(user, filters):
        rows = ReportingCount.objects.filter(period_start=filters.period[0])
        if filters.pillar:
            rows = rows.filter(pillar=filters.pillar)
        rows = rows.values_list("ministry_id").annotate(
            due_n=Sum("due"), received_n=Sum("received")
        )
    else:
        rows = ReportingDuty.objects.filter(
            AmongIds("action_id", scoped_ids(user, filters)), period_start=filters.period[0]
        )
        if not access.reads_everything(user):
            rows = rows.filter(ministry_id__in=sorted(names))
        rows = rows.values_list("ministry_id").annotate(
            due_n=Count("*"), received_n=Count("sent", filter=Q(sent=True))
        )
    return rows.order_by().values_list(*COMPLIANCE)


def _compliance(rows, names: dict) -> list[dict]:
    result = []
    for pk, due, received in rows:
        if pk in names and due:
            got = min(received, due)
            result.append(
                {
                    "ministry": names[pk],
                    "due": due,
                    "received": got,
                    "share": round(100 * got / due),
                }
            )
    return sorted(result, key=lambda row: (row["share"], row["ministry"].code))


def _trend_query(user, filters: Filters, strategy: Strategy | None, pillars):
    """The trend's rows: (period start, *counts in STATUS_FIELDS' order) from the kept
    counts, (period start, status, actions) from the facts."""
    if strategy is None:
        return None
    today = timezone.localdate()
    pillar_ids = [filters.pillar.pk] if filters.pillar else [pillar.pk for pillar in pillars]
    if from_counts(user, filters):
        sums = {name: Sum(name) for name in STATUS_FIELDS.values()}
        return (
            PeriodStatusCount.objects.filter(pillar_id__in=pillar_ids, period_start__lte=today)
            .order_by()
            .values_list("period_start")
            .annotate(**sums)
            .values_list("period_start", *sums)
        )
    return (
        ActionPeriodStatus.objects.filter(
            AmongIds("action_id", scoped_ids(user, filters)),
            pillar_id__in=pillar_ids,
            period_start__lte=today,
        )
        .order_by()
        .values_list("period_start", "status")
        .annotate(n=Count("*"))
        .values_list("period_start", "status", "n")
    )


def _trend(rows, strategy: Strategy, *, from_kept_counts: bool) -> list[dict]:
    counts = defaultdict(Counter)
    for start, *values in rows:
        start = as_date(start)
        if from_kept_counts:
            counts[start] = Counter({s: n for s, n in zip(STATUSES, values, strict=True) if n})
        else:
            status, n = values
            counts[start][ActionStatus(status)] += n
    periods = dict(strategy.reporting_periods())
    return [
        {
            "start": start,
            "label": period_name(start, periods.get(start, start)),
            "counts": counts[start],
            "total": sum(counts[start].values()),
            "bars": status_bars(counts[start]),
        }
        for start in sorted(counts)
        if sum(counts[start].values())
    ]


def trend_and_compliance(user, filters: Filters, strategy, pillars, ministries):
    """The trend: status counts per reporting period begun so far, each action's status in
    a period being its lead ministry's report validated for that period, or the latest
    validated one before it (strategy.models.ActionPeriodStatus); and the compliance rows
    (see compliance()). From the kept counts, both in one query."""
    names = {ministry.pk: ministry for ministry in ministries}
    trend_query = _trend_query(user, filters, strategy, pillars)
    compliance_query = _compliance_query(user, filters, names)
    if trend_query is None:
        return [], compliance(user, filters, ministries)
    kept = from_counts(user, filters)
    trend_names = ["period_start", *(STATUS_FIELDS.values() if kept else ("status", "n"))]
    if compliance_query is None:
        trend_rows, compliance_rows = fetch_rows(trend_query, trend_names), []
    elif not kept:
        # A union of the facts' two scans is planned as a parallel append, whose workers
        # cost more to start (~5 ms) than the two scans take one after the other.
        trend_rows = fetch_rows(trend_query, trend_names)
        compliance_rows = fetch_rows(compliance_query, COMPLIANCE)
    else:
        trend_rows, compliance_rows = fetch_together(
            trend_query, trend_names, compliance_query, COMPLIANCE
        )
    return _trend(trend_rows, strategy, from_kept_counts=kept), _compliance(compliance_rows, names)


def as_date(value) -> datetime.date:
    """A date as a raw query returns it (text on SQLite)."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def route_stages(stages: Counter) -> list[dict]:
    return [{"stage": stage, "label": stage.label, "count": stages[stage]} for stage in RouteStage]


TROUBLED = (ActionStatus.DELAYED, ActionStatus.AT_RISK)
# What the lists show of an action, a report, a decision and a meeting (the rest of their
# columns, descriptions in three languages among them, would be read for nothing).
ACTION_COLUMNS = (
    "code",
    *translated_columns("title"),
    "due_date",
    "status",
    "lead_ministry__code",
    *translated_columns("lead_ministry__name"),
)


def _listed_actions(user, filters: Filters, today) -> tuple[list, list]:
    """The first overdue actions by due date, and the first delayed then at-risk ones by
    due date, in one query: picked from the rows already read where there are some, or by
    two subqueries of the actions the user may see."""
    if from_counts(user, filters):
        actions = scoped_actions(user, filters).order_by()
        # One subquery per status for the troubled ones: each walks the index on (status,
        # due date) for its first rows, where one for both statuses sorts all of them.
        firsts = [actions.overdue(today)] + [actions.filter(status=s) for s in TROUBLED]
        listed = PriorityAction.objects.filter(
            AmongSubqueries(
                "pk", *(q.order_by("due_date", "pk").values("pk")[:LIST_LENGTH] for q in firsts)
            )
        )
    else:
        rows = scoped_rows(user, filters)
        by_due = sorted(rows, key=lambda row: (row[4], row[0]))
        overdue = [row[0] for row in by_due if row[5]][:LIST_LENGTH]
        troubled = [
            row[0]
            for row in sorted(by_due, key=lambda row: row[2], reverse=True)
            if row[2] in TROUBLED
        ][:LIST_LENGTH]
        listed = PriorityAction.objects.filter(AmongIds("pk", sorted({*overdue, *troubled})))
    actions = sorted(
        listed.select_related("lead_ministry").only(*ACTION_COLUMNS).order_by(),
        key=lambda action: (action.due_date, action.pk),
    )
    return (
        [action for action in actions if action.is_overdue(today)][:LIST_LENGTH],
        sorted(
            (action for action in actions if action.status in TROUBLED),
            key=lambda action: action.status,
            reverse=True,  # delayed first; a stable sort keeps the due dates' order
        )[:LIST_LENGTH],
    )


def support_requests(user, filters: Filters, period_start=None) -> list:
    """The latest sent reports asking for support (of ``period_start``'s period only, if
    given) among the user's actions, a ministry's own requests only for its focal points."""
    support = ProgressUpdate.objects.restrict(user)
    if not access.reads_everything(user):
        # A ministry's dashboard lists its own requests, not its partners'.
        support = support.filter(ministry_id__in=access.ministry_ids(user))
    # The conditions of the partial indexes report_support_requests and
    # report_support_by_ministry (strategy/models/reports.py).
    support = support.filter(state__in=SENT_STATES).exclude(support_needed="")
    if not from_counts(user, filters) and (filters.pillar or filters.ministry):
        support = support.filter(AmongIds("action_id", scoped_ids(user, filters)))
    elif filters.pillar:
        support = support.filter(action__pillar=filters.pillar)
    if period_start is not None:
        support = support.filter(period_start=period_start)
    support = (
        support.select_related("action", "ministry")
        .only(
            "support_needed",
            "action__code",
            "ministry__code",
            *translated_columns("ministry__name"),
        )
        .order_by("-period_start", "-pk")
    )
    return list(support[:LIST_LENGTH])


def lists_as_of(user, filters: Filters, picture) -> dict:
    """The dashboards' lists as a chosen period stood at its end, from its picture
    (reporting.period_picture): the actions overdue and those at risk or delayed then, the
    requests for support sent for the period, and the decisions whose follow-up (the user's
    own, for a focal point) was not done by then though due; no meetings to come."""
    end = filters.period[1]
    by_due = sorted(picture, key=lambda row: (row.due_date, row.pk))
    overdue = [row for row in by_due if row.overdue][:LIST_LENGTH]
    troubled = sorted(
        (row for row in by_due if row.status in TROUBLED), key=lambda row: row.status, reverse=True
    )[:LIST_LENGTH]
    actions = {
        action.pk: action
        for action in PriorityAction.objects.filter(pk__in={r.pk for r in overdue + troubled})
        .select_related("lead_ministry")
        .only(*ACTION_COLUMNS)
    }

    def as_then(row):
        action = actions[row.pk]
        action.status = row.status  # its status at the period's end, for the badge
        return action

    moment = datetime.datetime.combine(
        end, datetime.time.max, tzinfo=timezone.get_default_timezone()
    )
    due = Decision.objects.restrict(user).filter(meeting__start__lte=moment, due_date__lt=end)
    if filters.body:
        due = due.filter(meeting__body=filters.body)
    follow_ups = FollowUp.objects.restrict(user).filter(decision__in=due.values("pk"))
    if filters.ministry:
        follow_ups = follow_ups.filter(ministry=filters.ministry)
    pairs = list(follow_ups.order_by("pk").values_list("pk", "decision_id"))
    statuses = follow_up_statuses_as_of([pk for pk, _decision in pairs], moment)
    late = {}
    for pk, decision_id in pairs:
        if statuses[pk] != FollowUpStatus.DONE:
            late.setdefault(decision_id, statuses[pk])
    decisions = list(
        Decision.objects.filter(pk__in=late)
        .only("code", *translated_columns("text"), "due_date")
        .order_by("due_date", "pk")[:LIST_LENGTH]
    )
    for decision in decisions:
        decision.own_status = late[decision.pk]
    return {
        "overdue_actions": [as_then(row) for row in overdue],
        "troubled_actions": [as_then(row) for row in troubled],
        "support_requests": support_requests(user, filters, period_start=filters.period[0]),
        "overdue_decisions": decisions,
        "upcoming_meetings": [],
    }


def action_lists(user, filters: Filters) -> dict:
    today = timezone.localdate()
    overdue_actions, troubled_actions = _listed_actions(user, filters, today)
    support = support_requests(user, filters)
    # A ministry's (its own, or one chosen): those on which its own follow-up is late.
    decisions = Decision.objects.restrict(user)
    if filters.ministry:
        decisions = decisions.overdue_for([filters.ministry.pk], today)
    elif not access.reads_everything(user):
        decisions = decisions.overdue_for(access.ministry_ids(user), today)
    else:
        decisions = decisions.overdue(today).annotate(own_status=F("follow_up_status"))
    decisions = decisions.only("code", *translated_columns("text"), "due_date")
    meetings = (
        Meeting.objects.restrict(user)
        .upcoming()
        .select_related("body")
        .only(
            *translated_columns("title"), "start", "body__code", *translated_columns("body__name")
        )
    )
    if filters.body:
        decisions = decisions.filter(meeting__body=filters.body)
        meetings = meetings.filter(body=filters.body)
    return {
        "overdue_actions": overdue_actions,
        "troubled_actions": troubled_actions,
        "support_requests": support,
        "overdue_decisions": list(decisions.order_by("due_date")[:LIST_LENGTH]),
        "upcoming_meetings": list(meetings.order_by("start")[:5]),
    }


def _reports_to_write(user, filters: Filters, strategy) -> list[dict]:
    """The first actions by due date on which one of the user's ministries still owes the
    report of this period or of the last period whose deadline has passed, from the kept
    reporting duties (an index-only lookup) and the rows of the user's actions already read.
    Someone acting for no ministry (an action delegated to a person) has no duties: their
    actions' own reports say what is due."""
    ministries = sorted(access.ministry_ids(user))
    if not ministries:
        actions = scoped_actions(user, filters, filtered=False).with_reporting(
            user, strategy=strategy
        )
        # As values: only the two annotations the list shows are worked out.
        return list(
            actions.filter(Q(report_due=True) | Q(report_overdue=True))
            .order_by("due_date")
            .values("pk", "code", "title", "report_due", "report_overdue")[:LIST_LENGTH]
        )
    today = timezone.localdate()
    current = strategy.period_containing(today) if strategy else None
    closed = strategy.last_overdue_period(today) if strategy else None
    periods = [period[0] for period in (current, closed) if period]
    if not periods:
        return []
    scoped_ids(user, filters, filtered=False)  # the user's actions, through restrict()
    actions = filters.due_and_status
    owed = defaultdict(set)
    for action_id, start in ReportingDuty.objects.filter(
        ministry_id__in=ministries, period_start__in=periods, sent=False
    ).values_list("action_id", "period_start"):
        if action_id in actions:  # only the actions restrict() gave the user
            owed[action_id].add(as_date(start))
    # Owed while still open today, as the actions' own reports say (with_reporting).
    open_now = [pk for pk in owed if actions[pk][1] in OPEN_STATUSES]
    first = sorted(open_now, key=lambda pk: (actions[pk][0], pk))[:LIST_LENGTH]
    titles = in_language(PriorityAction, "title")
    named = {
        row["pk"]: row
        for row in PriorityAction.objects.filter(pk__in=first).values("pk", "code", *titles.fields)
    }
    return [
        {
            "pk": pk,
            "code": named[pk]["code"],
            "title": titles(named[pk]),
            "report_due": current is not None and current[0] in owed[pk],
            "report_overdue": closed is not None and closed[0] in owed[pk],
        }
        for pk in first
    ]


def ministry_lists(user, filters: Filters, strategy) -> dict:
    """What a focal point must act on: reports due or returned, decisions to follow up;
    each list's items written out (see list_items, escaped likewise), from rows read as
    values."""
    today = timezone.localdate()
    returned = (
        ProgressUpdate.objects.restrict(user, access.CHANGE)
        .filter(state=ReportState.RETURNED)
        .values_list("pk", "action__code", "period_start", "period_end", "review_comment")
    )
    follow_ups = (
        FollowUp.objects.restrict(user, access.CHANGE)
        .exclude(status=FollowUpStatus.DONE)
        .order_by("decision__due_date")
        .values_list("pk", "decision__code", "status", "decision__due_date")
    )
    action_url, report_url = address("strategy:action_detail"), address("strategy:report_update")
    follow_up_url = address("meetings:follow_up")
    short_date = dates("SHORT_DATE_FORMAT")
    statuses = {value: escaped(label) for value, label in FollowUpStatus.choices}
    badges = {
        name: f' <span class="badge text-bg-{colour}">{escaped(text)}</span>'
        for name, colour, text in (
            ("report_overdue", "danger", gettext("Report overdue")),
            ("report_due", "warning", gettext("Report due this period")),
            ("overdue", "danger", gettext("Overdue")),
        )
    }

    def report_badge(row) -> str:
        if row["report_overdue"]:
            return badges["report_overdue"]
        return badges["report_due"] if row["report_due"] else ""

    def due(date) -> str:
        if not date:
            return ""
        return f" · {short_date(date)}{badges['overdue'] if date < today else ''}"

    reports_due = _reports_to_write(user, filters, strategy)
    items = {
        "reports_due": "".join(
            f'{ITEM}<a href="{action_url[0]}{int(row["pk"])}{action_url[1]}">'
            f"{escaped(row['code'])} {escaped(shortened(row['title'], 70))}</a>"
            f"{report_badge(row)}</li>"
            for row in reports_due
        ),
        "returned_reports": "".join(
            f'{ITEM}<a href="{report_url[0]}{int(pk)}{report_url[1]}">'
            f"{escaped(code)} · {escaped(period_name(start, end))}</a> "
            f'<span class="small">{escaped(shortened(comment, 80))}</span></li>'
            for pk, code, start, end, comment in returned[:LIST_LENGTH]
        ),
        "follow_ups": "".join(
            f'{ITEM}<a href="{follow_up_url[0]}{int(pk)}{follow_up_url[1]}">{escaped(code)}</a> '
            f"{statuses.get(status, '')}{due(due_date)}</li>"
            for pk, code, status, due_date in follow_ups[:LIST_LENGTH]
        ),
    }
    return {
        "reports_due": reports_due,
        "ministry_items": {name: mark_safe(html) for name, html in items.items()},  # noqa: S308
    }
