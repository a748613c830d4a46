"""Keeping the dashboards' figures (strategy/models/figures.py) in step with the records, in
the transaction of the write that changes them.

``refresh(action_id)`` works out an action's facts afresh from its records (the action, its
supporting ministries, its sent and validated reports), compares them with the stored facts,
writes the difference, and moves the counts by it. It is idempotent: calling it twice, or
for an action that did not change, changes nothing. The model signals (strategy/apps.py) call
it after every save or deletion of an action or a report and every change of an action's
supporting ministries, inside the writer's transaction, so a figure is never newer or older
than the records it counts; the admin and every form are covered alike. Bulk writes that send
no signals (the dataset generators) call ``rebuild()``, which makes every table from scratch,
and so does the ``rebuild_figures`` command.

Counts are moved with ``UPDATE ... SET n = n + delta`` (an upsert), never recomputed from the
facts: a recomputation would miss another transaction's uncommitted facts. Every writer first
takes one transaction-level lock (``lock()``, PostgreSQL's advisory lock), before its first
row lock or write (the services take it first thing, the pre_save and pre_delete signals
before the row is written): refreshes then run one at a time, a refresh always reads the
facts its predecessors committed, the count rows, shared by many actions, are never locked
in opposite orders by two transactions, and no transaction waits for the lock while holding
a row another one needs. Writes that change figures are serialised; they are few (reports
and actions), and reading pages never waits. Outside a transaction (a shell script saving
a model) the figures are written in a transaction of their own, just after the record.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import connection, transaction

from strategy.models import (
    OPEN_STATUSES,
    SENT_STATES,
    ActionStatus,
    ActionStatusChange,
    Pillar,
    PriorityAction,
    ProgressUpdate,
    ReportState,
    RouteStage,
    Strategy,
)
from strategy.models.figures import (
    STAGE_FIELDS,
    STATUS_FIELDS,
    ActionFigure,
    ActionPeriodStatus,
    PeriodStatusCount,
    ReportingCount,
    ReportingDuty,
    StatusCount,
)

# Any number that is ours alone among the portal's advisory locks.
LOCK_KEY = 7_213_013
BATCH = 5000


def lock() -> None:
    """Wait for any other transaction that is changing figures to end (PostgreSQL; SQLite
    writes one transaction at a time anyway). Once per transaction: a report's validation
    asks five times (the service, then before and after saving the report and its action).
    The transaction's list of on-commit callbacks tells one transaction from the next:
    Django replaces it with a new list whenever a transaction commits or rolls back, and
    when a savepoint is rolled back (which may release the lock: it is then taken again)."""
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        return
    if getattr(connection, _LOCKED_IN, None) is connection.run_on_commit:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
    setattr(connection, _LOCKED_IN, connection.run_on_commit)


# On the connection: the on-commit list of the transaction that holds the lock.
_LOCKED_IN = "_imag_figures_locked_in"


@dataclass
class Facts:
    """One action's facts, keyed as stored."""

    figure: tuple | None  # (pillar, lead ministry, status, stages...) or None
    periods: dict  # period_start -> (pillar, status, percent, report, status change)
    duties: dict  # (ministry, period_start) -> (pillar, sent)


NO_FACTS = Facts(figure=None, periods={}, duties={})
# What a strategy's reporting periods depend on.
PERIODS = ("start_date", "end_date", "reporting_frequency")
FIGURE_FIELDS = (
    "pillar_id",
    "lead_ministry_id",
    "status",
    *(f"concerns_{stage.value}" for stage in RouteStage),
)


def facts_of(action: dict, periods, reports, supporting, changes=()) -> Facts:
    """``action``: its FIGURE_FIELDS, ``start_date`` and ``id``; ``periods``: its strategy's
    (start, end); ``reports``: its sent or validated reports as (ministry, period_start, state,
    status, percent, pk); ``supporting``: its supporting ministries' ids; ``changes``: the
    statuses set on it by hand as (set_on, status, percent, pk).

    A period's status: the lead ministry's report validated for it or the latest before it,
    as of the end of that report's period; or the latest status set by hand by the period's
    end, if it was set after that."""
    pillar, lead = action["pillar_id"], action["lead_ministry_id"]
    figure = tuple(action[name] for name in FIGURE_FIELDS)
    validated = sorted(
        (period_start, status, percent, pk)
        for ministry, period_start, state, status, percent, pk in reports
        if ministry == lead and state == ReportState.VALIDATED
    )
    # In the order they were set: two on one day, the later one counts.
    by_hand = sorted(changes, key=lambda change: (change[0], change[3]))
    ends = dict(periods)
    statuses, latest, change, index, change_index = {}, None, None, 0, 0
    for start, end in periods:
        while index < len(validated) and validated[index][0] <= start:
            latest = validated[index]
            index += 1
        while change_index < len(by_hand) and by_hand[change_index][0] <= end:
            change = by_hand[change_index]
            change_index += 1
        if end < action["start_date"]:
            continue  # not begun: the action is not in the period
        reported_as_of = ends.get(latest[0], latest[0]) if latest else None
        if change is not None and (reported_as_of is None or change[0] > reported_as_of):
            statuses[start] = (pillar, change[1], change[2], None, change[3])
        elif latest is not None:
            statuses[start] = (pillar, latest[1], latest[2], latest[3], None)
    # A report is owed for every period the action was open in, by its status then: closing
    # an action today never takes back what it owed before. A period without a status was not
    # reported (open), unless the action has no status in any period: then only today's
    # status is known (records loaded in bulk).
    sent = {(ministry, period_start) for ministry, period_start, *_ in reports}
    unknown = ActionStatus.NOT_STARTED if statuses else action["status"]
    duties = {}
    for start, end in periods:
        status_then = statuses[start][1] if start in statuses else unknown
        if action["start_date"] <= end and status_then in OPEN_STATUSES:
            for ministry in {lead, *supporting}:
                duties[(ministry, start)] = (pillar, (ministry, start) in sent)
    return Facts(figure=figure, periods=statuses, duties=duties)


def _figure_counts(facts: Facts) -> dict:
    if facts.figure is None:
        return {}
    pillar, lead, status, *stages = facts.figure
    counts = Counter({STATUS_FIELDS[status]: 1})
    for stage, concerned in zip(RouteStage, stages, strict=True):
        if concerned:
            counts[STAGE_FIELDS[stage]] += 1
    return {(pillar, lead): counts}


def _period_counts(facts: Facts) -> dict:
    return {
        (start, pillar): Counter({STATUS_FIELDS[status]: 1})
        for start, (pillar, status, *_rest) in facts.periods.items()
    }


def _reporting_counts(facts: Facts) -> dict:
    counts = defaultdict(Counter)
    for (ministry, start), (pillar, sent) in facts.duties.items():
        counts[(start, pillar, ministry)].update(due=1, received=int(sent))
    return counts


# Each count table: its key columns and how one action's facts add to it.
COUNTS = (
    (StatusCount, ("pillar_id", "lead_ministry_id"), _figure_counts),
    (PeriodStatusCount, ("period_start", "pillar_id"), _period_counts),
    (ReportingCount, ("period_start", "pillar_id", "ministry_id"), _reporting_counts),
)


def _value_fields(model) -> list[str]:
    return [
        f.column
        for f in model._meta.concrete_fields
        if not (f.primary_key or f.is_relation or f.generated or f.name == "period_start")
    ]


def _move_counts(model, keys, deltas: dict) -> None:
    """Add ``deltas`` ({key: Counter of value column -> change}) to the count rows, creating
    missing ones; keys in order, so that two writers lock shared rows in the same order."""
    changed = {key: delta for key, delta in deltas.items() if any(delta.values())}
    if not changed:
        return
    table, values = model._meta.db_table, _value_fields(model)
    columns = [*keys, *values]
    quote = connection.ops.quote_name
    rows = [[*key, *(changed[key].get(name, 0) for name in values)] for key in sorted(changed)]
    placeholders = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(rows))
    # Only model table and column names go into the text; the numbers are parameters.
    increments = ", ".join(
        f"{quote(v)} = {quote(table)}.{quote(v)} + EXCLUDED.{quote(v)}" for v in values
    )
    sql = (
        f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) "  # noqa: S608
        f"VALUES {placeholders} ON CONFLICT ({', '.join(map(quote, keys))}) "
        f"DO UPDATE SET {increments}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])


def _difference(new: dict, old: dict) -> dict:
    keys = set(new) | set(old)
    result = {}
    for key in keys:
        delta = Counter(new.get(key, {}))
        delta.subtract(old.get(key, {}))
        result[key] = delta
    return result


def _stored_facts(action_id: int) -> tuple[Facts, dict]:
    """The stored facts of an action, and the primary keys of its rows: the three tables in
    one query, each row's columns lined up by type (the first says which table)."""
    quote = connection.ops.quote_name
    concerns = ", ".join(quote(f"concerns_{stage.value}") for stage in RouteStage)
    figure, period, duty = (
        quote(model._meta.db_table) for model in (ActionFigure, ActionPeriodStatus, ReportingDuty)
    )
    nothing = ", ".join(["NULL"] * len(RouteStage))
    # Only model table and column names go into the text; the id is a parameter.
    sql = (
        f"SELECT 0, NULL, NULL, pillar_id, lead_ministry_id, status, NULL, NULL, {concerns} "  # noqa: S608
        f"FROM {figure} WHERE action_id = %s "
        "UNION ALL SELECT 1, id, period_start, pillar_id, percent_complete, status, report_id, "
        f"status_change_id, {nothing} FROM {period} WHERE action_id = %s "
        f"UNION ALL SELECT 2, id, period_start, pillar_id, ministry_id, NULL, NULL, NULL, sent"
        f"{', NULL' * (len(RouteStage) - 1)} FROM {duty} WHERE action_id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [action_id] * 3)
        rows = cursor.fetchall()
    figure_row, periods, duties, pks = None, {}, {}, {"periods": {}, "duties": {}}
    for kind, pk, start, pillar, number, status, report, change, *flags in rows:
        if kind == 0:
            figure_row = (pillar, number, status, *(bool(flag) for flag in flags))
            continue
        start = _date(start)
        if kind == 1:
            periods[start] = (pillar, status, number, report, change)
            pks["periods"][start] = pk
        else:
            duties[(number, start)] = (pillar, bool(flags[0]))
            pks["duties"][(number, start)] = pk
    return Facts(figure=figure_row, periods=periods, duties=duties), pks


def _date(value) -> datetime.date:
    # A date as the database returns it to a raw query (text on SQLite).
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def _current_facts(action_id: int) -> Facts:
    """The action's facts from its records: the action with its strategy's periods, its
    sent and validated reports and its supporting ministries, in one query lined up as in
    _stored_facts."""
    quote = connection.ops.quote_name
    action, pillar, strategy, report = (
        quote(model._meta.db_table) for model in (PriorityAction, Pillar, Strategy, ProgressUpdate)
    )
    supporting = quote(PriorityAction.supporting_ministries.through._meta.db_table)
    changed = quote(ActionStatusChange._meta.db_table)
    concerns = ", ".join(f"a.{quote(f'concerns_{stage.value}')}" for stage in RouteStage)
    nothing = ", ".join(["NULL"] * len(RouteStage))
    states = ", ".join(["%s"] * len(SENT_STATES))
    # Only model table and column names go into the text; the values are parameters.
    sql = (
        "SELECT 0, a.pillar_id, a.lead_ministry_id, a.start_date, s.start_date, s.end_date, "  # noqa: S608
        f"a.status, s.reporting_frequency, NULL, {concerns} FROM {action} a "
        f"JOIN {pillar} p ON p.id = a.pillar_id JOIN {strategy} s ON s.id = p.strategy_id "
        "WHERE a.id = %s "
        "UNION ALL SELECT 1, ministry_id, id, period_start, NULL, NULL, state, status, "
        f"percent_complete, {nothing} FROM {report} WHERE action_id = %s AND state IN ({states}) "
        "UNION ALL SELECT 2, ministry_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
        f"{nothing} FROM {supporting} WHERE priorityaction_id = %s "
        "UNION ALL SELECT 3, NULL, id, set_on, NULL, NULL, status, NULL, percent_complete, "
        f"{nothing} FROM {changed} WHERE action_id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [action_id, action_id, *SENT_STATES, action_id, action_id])
        rows = cursor.fetchall()
    record, reports, ministries, changes = None, [], [], []
    for kind, first, second, day, other_day, last_day, text, other_text, number, *flags in rows:
        if kind == 0:
            record = {
                "id": action_id,
                "start_date": _date(day),
                "pillar_id": first,
                "lead_ministry_id": second,
                "status": text,
                **{
                    f"concerns_{stage.value}": bool(flag)
                    for stage, flag in zip(RouteStage, flags, strict=True)
                },
            }
            periods = Strategy(
                start_date=_date(other_day),
                end_date=_date(last_day),
                reporting_frequency=other_text,
            ).reporting_periods()
        elif kind == 1:
            reports.append((first, _date(day), text, other_text, number, second))
        elif kind == 2:
            ministries.append(first)
        else:
            changes.append((_date(day), text, number, second))
    if record is None:  # deleted
        return NO_FACTS
    return facts_of(record, periods, reports, ministries, changes)


@transaction.atomic(savepoint=False)
def refresh(action_id: int) -> None:
    """Bring the action's facts and the counts up to date with its records (see the module's
    docstring)."""
    lock()
    old, pks = _stored_facts(action_id)
    new = _current_facts(action_id)
    if new == old:
        return
    _write_figure(action_id, old, new)
    _write_rows(
        ActionPeriodStatus,
        ("action", "period_start"),
        old.periods,
        new.periods,
        pks["periods"],
        lambda start, value: ActionPeriodStatus(
            action_id=action_id,
            period_start=start,
            pillar_id=value[0],
            status=value[1],
            percent_complete=value[2],
            report_id=value[3],
            status_change_id=value[4],
        ),
    )
    _write_rows(
        ReportingDuty,
        ("action", "ministry", "period_start"),
        old.duties,
        new.duties,
        pks["duties"],
        lambda key, value: ReportingDuty(
            action_id=action_id,
            ministry_id=key[0],
            period_start=key[1],
            pillar_id=value[0],
            sent=value[1],
        ),
    )
    for model, keys, contribution in COUNTS:
        _move_counts(model, keys, _difference(contribution(new), contribution(old)))


def _write_figure(action_id, old: Facts, new: Facts) -> None:
    if new.figure == old.figure:
        return
    if new.figure is None:
        ActionFigure.objects.filter(action_id=action_id).delete()
        return
    values = dict(zip(FIGURE_FIELDS, new.figure, strict=True))
    if old.figure is None:
        ActionFigure.objects.create(action_id=action_id, **values)
    else:
        ActionFigure.objects.filter(action_id=action_id).update(**values)


def _write_rows(model, unique: tuple, old: dict, new: dict, pks: dict, make) -> None:
    """Rows removed, changed and added between two sets of keyed facts: one delete for the
    keys gone, one upsert on the table's ``unique`` fields for the rest."""
    gone = [pks[key] for key in old if key not in new]
    if gone:
        model.objects.filter(pk__in=gone).delete()
    written = [make(key, value) for key, value in new.items() if old.get(key) != value]
    if written:
        model.objects.bulk_create(
            written,
            update_conflicts=True,
            unique_fields=unique,
            update_fields=[
                f.name
                for f in model._meta.concrete_fields
                if not f.primary_key and f.name not in unique
            ],
        )


TABLES = (
    ActionPeriodStatus,
    ReportingDuty,
    ActionFigure,
    StatusCount,
    PeriodStatusCount,
    ReportingCount,
)


def _facts_of_actions(actions) -> list[tuple[int, Facts]]:
    """The facts of each of ``actions`` (a queryset of priority actions) from their records,
    read in a few queries whatever their number."""
    periods_of = {
        pk: Strategy(**dict(zip(PERIODS, values, strict=True))).reporting_periods()
        for pk, *values in Strategy.objects.values_list("pk", *PERIODS)
    }
    ids = actions.values("pk")
    supporting = defaultdict(list)
    for action_id, ministry_id in PriorityAction.supporting_ministries.through.objects.filter(
        priorityaction__in=ids
    ).values_list("priorityaction_id", "ministry_id"):
        supporting[action_id].append(ministry_id)
    reports = defaultdict(list)
    for action_id, *report in (
        ProgressUpdate.objects.filter(state__in=SENT_STATES, action__in=ids)
        .order_by()
        .values_list(
            "action_id", "ministry_id", "period_start", "state", "status", "percent_complete", "pk"
        )
        .iterator(chunk_size=BATCH)
    ):
        reports[action_id].append(report)
    changes = defaultdict(list)
    for action_id, *change in (
        ActionStatusChange.objects.filter(action__in=ids)
        .order_by()
        .values_list("action_id", "set_on", "status", "percent_complete", "pk")
        .iterator(chunk_size=BATCH)
    ):
        changes[action_id].append(tuple(change))
    return [
        (
            action["id"],
            facts_of(
                action,
                periods_of[action["pillar__strategy_id"]],
                reports.get(action["id"], ()),
                supporting.get(action["id"], ()),
                changes.get(action["id"], ()),
            ),
        )
        for action in actions.order_by("pk")
        .values("id", "start_date", "pillar__strategy_id", *FIGURE_FIELDS)
        .iterator(chunk_size=BATCH)
    ]


# The fact tables' columns as _write_facts inserts them (attribute names: the columns).
FACT_COLUMNS = {
    ActionFigure: ("action_id", *FIGURE_FIELDS),
    ActionPeriodStatus: (
        "action_id",
        "period_start",
        "pillar_id",
        "status",
        "percent_complete",
        "report_id",
        "status_change_id",
    ),
    ReportingDuty: ("action_id", "ministry_id", "period_start", "pillar_id", "sent"),
}
# Rows per INSERT: within SQLite's limit of bound values (32,766) for the widest table.
INSERT_ROWS = 2000


def _insert(model, rows: list) -> None:
    """Insert value tuples in FACT_COLUMNS order, a few thousand a statement: as bulk_create
    would, without building a model instance per row (an import or a rebuild writes hundreds
    of thousands)."""
    quote = connection.ops.quote_name
    columns = FACT_COLUMNS[model]
    names = ", ".join(quote(model._meta.get_field(name).column) for name in columns)
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for first in range(0, len(rows), INSERT_ROWS):
            chunk = rows[first : first + INSERT_ROWS]
            # Only model table and column names go into the text; the values are parameters.
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({names}) "  # noqa: S608
                f"VALUES {', '.join([row] * len(chunk))}",
                [value for values in chunk for value in values],
            )


def _write_facts(facts_by_action) -> tuple[dict, dict]:
    """Insert the fact rows of actions that have none yet; the counts they add, by table."""
    rows = {model: [] for model in FACT_COLUMNS}
    totals = {model: defaultdict(Counter) for model, _keys, _contribution in COUNTS}
    for action_id, facts in facts_by_action:
        rows[ActionFigure].append((action_id, *facts.figure))
        rows[ActionPeriodStatus] += [
            (action_id, start, *values) for start, values in facts.periods.items()
        ]
        rows[ReportingDuty] += [
            (action_id, ministry, start, pillar, sent)
            for (ministry, start), (pillar, sent) in facts.duties.items()
        ]
        for model, _keys, contribution in COUNTS:
            for key, counts in contribution(facts).items():
                totals[model][key].update(counts)
    written = {}
    for model, values in rows.items():
        if values:
            _insert(model, values)
            written[model.__name__] = len(values)
    return written, totals


@transaction.atomic
def rebuild() -> dict:
    """Every figure made afresh from the records: the facts of every action, then the counts
    as their sums. Returns the number of rows written per table."""
    lock()
    for model in TABLES:
        model.objects.all().delete()
    written, totals = _write_facts(_facts_of_actions(PriorityAction.objects.all()))
    for model, keys, _contribution in COUNTS:
        rows = [
            model(**dict(zip(keys, key, strict=True)), **counts)
            for key, counts in totals[model].items()
        ]
        model.objects.bulk_create(rows, batch_size=BATCH)
        written[model.__name__] = len(rows)
    return written


@transaction.atomic(savepoint=False)
def add_actions(action_ids) -> None:
    """The facts of actions just created without their signals (an import in bulk), and
    the counts moved by them: what ``refresh()`` writes one action at a time, in a few
    statements for them all."""
    lock()
    _written, totals = _write_facts(
        _facts_of_actions(PriorityAction.objects.filter(pk__in=list(action_ids)))
    )
    for model, keys, _contribution in COUNTS:
        _move_counts(model, keys, totals[model])


def dump() -> dict:
    """Every figure table's rows, without ids and without count rows that are all zero:
    what ``rebuild()`` would write, for comparing."""
    result = {}
    for model in TABLES:
        fields = [f.attname for f in model._meta.concrete_fields if not f.auto_created]
        values = _value_fields(model) if model in (m for m, _k, _c in COUNTS) else []
        rows = set()
        for row in model.objects.values_list(*fields):
            record = dict(zip(fields, row, strict=True))
            if values and not any(record[name] for name in values):
                continue
            rows.add(row)
        result[model.__name__] = rows
    return result


# Signal handlers, connected by strategy/apps.py. "pre" handlers take the lock before the row
# is written (see the module's docstring); "post" handlers refresh the action concerned.


def _lock_before_write(sender, **kwargs):
    lock()


def _action_written(sender, instance, **kwargs):
    refresh(instance.pk)


def _record_of_action_written(sender, instance, **kwargs):
    refresh(instance.action_id)


def _record_of_action_deleted(sender, instance, origin=None, **kwargs):
    # Deleted with its action: the action's own deletion refreshes it once.
    if isinstance(origin, PriorityAction) or getattr(origin, "model", None) is PriorityAction:
        return
    refresh(instance.action_id)


def _supporting_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action.startswith("pre_"):
        lock()
        if reverse and action == "pre_clear":  # a ministry's actions: known only before
            instance._figures_cleared = list(
                instance.supported_actions.values_list("pk", flat=True)
            )
        return
    if not reverse:
        refresh(instance.pk)
        return
    for action_id in sorted(pk_set or getattr(instance, "_figures_cleared", ())):
        refresh(action_id)


def _periods_before(sender, instance, **kwargs):
    """A strategy's dates or frequency, or a pillar's strategy, before the change: another
    set of periods makes every figure again."""
    lock()
    names = PERIODS if sender is Strategy else ("strategy_id",)
    old = sender.objects.filter(pk=instance.pk).values_list(*names).first()
    instance._figures_periods = old


def _periods_after(sender, instance, created, **kwargs):
    names = PERIODS if sender is Strategy else ("strategy_id",)
    old = getattr(instance, "_figures_periods", None)
    if not created and old is not None and old != tuple(getattr(instance, n) for n in names):
        rebuild()


def connect() -> None:
    from django.db.models import signals

    through = PriorityAction.supporting_ministries.through
    for model in (PriorityAction, ProgressUpdate, ActionStatusChange):
        signals.pre_save.connect(_lock_before_write, sender=model, dispatch_uid=f"figures-{model}")
        signals.pre_delete.connect(
            _lock_before_write, sender=model, dispatch_uid=f"figures-del-{model}"
        )
    signals.post_save.connect(_action_written, sender=PriorityAction, dispatch_uid="figures-a")
    signals.post_delete.connect(_action_written, sender=PriorityAction, dispatch_uid="figures-ad")
    for model in (ProgressUpdate, ActionStatusChange):
        signals.post_save.connect(
            _record_of_action_written, sender=model, dispatch_uid=f"figures-w-{model}"
        )
        signals.post_delete.connect(
            _record_of_action_deleted, sender=model, dispatch_uid=f"figures-d-{model}"
        )
    signals.m2m_changed.connect(_supporting_changed, sender=through, dispatch_uid="figures-s")
    for model in (Strategy, Pillar):
        signals.pre_save.connect(_periods_before, sender=model, dispatch_uid=f"figures-p-{model}")
        signals.post_save.connect(_periods_after, sender=model, dispatch_uid=f"figures-pa-{model}")
