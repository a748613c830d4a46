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

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import connection, transaction

from strategy.models import (
    OPEN_STATUSES,
    SENT_STATES,
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
    writes one transaction at a time anyway)."""
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


@dataclass
class Facts:
    """One action's facts, keyed as stored."""

    figure: tuple | None  # (pillar, lead ministry, status, stages...) or None
    periods: dict  # period_start -> (pillar, status, percent, report)
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


def facts_of(action: dict, periods, reports, supporting) -> Facts:
    """``action``: its FIGURE_FIELDS, ``start_date`` and ``id``; ``periods``: its strategy's
    (start, end); ``reports``: its sent or validated reports as (ministry, period_start, state,
    status, percent, pk); ``supporting``: its supporting ministries' ids."""
    pillar, lead = action["pillar_id"], action["lead_ministry_id"]
    figure = tuple(action[name] for name in FIGURE_FIELDS)
    validated = sorted(
        (period_start, status, percent, pk)
        for ministry, period_start, state, status, percent, pk in reports
        if ministry == lead and state == ReportState.VALIDATED
    )
    statuses, latest, index = {}, None, 0
    for start, _end in periods:
        while index < len(validated) and validated[index][0] <= start:
            latest = validated[index]
            index += 1
        if latest is not None:
            statuses[start] = (pillar, latest[1], latest[2], latest[3])
    duties = {}
    if action["status"] in OPEN_STATUSES:
        sent = {(ministry, period_start) for ministry, period_start, *_ in reports}
        for ministry in {lead, *supporting}:
            for start, end in periods:
                if action["start_date"] <= end:
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
        for start, (pillar, status, _percent, _report) in facts.periods.items()
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
    """The stored facts of an action, and the primary keys of its rows."""
    figure = ActionFigure.objects.filter(action_id=action_id).values_list(*FIGURE_FIELDS).first()
    periods, duties, pks = {}, {}, {"periods": {}, "duties": {}}
    for pk, start, pillar, status, percent, report in ActionPeriodStatus.objects.filter(
        action_id=action_id
    ).values_list("pk", "period_start", "pillar_id", "status", "percent_complete", "report_id"):
        periods[start] = (pillar, status, percent, report)
        pks["periods"][start] = pk
    for pk, ministry, start, pillar, sent in ReportingDuty.objects.filter(
        action_id=action_id
    ).values_list("pk", "ministry_id", "period_start", "pillar_id", "sent"):
        duties[(ministry, start)] = (pillar, sent)
        pks["duties"][(ministry, start)] = pk
    return Facts(figure=figure, periods=periods, duties=duties), pks


def _current_facts(action_id: int) -> Facts:
    action = (
        PriorityAction.objects.filter(pk=action_id)
        .values("id", "start_date", *FIGURE_FIELDS, *(f"pillar__strategy__{f}" for f in PERIODS))
        .first()
    )
    if action is None:  # deleted
        return NO_FACTS
    strategy = Strategy(**{name: action[f"pillar__strategy__{name}"] for name in PERIODS})
    reports = ProgressUpdate.objects.filter(action_id=action_id, state__in=SENT_STATES)
    supporting = PriorityAction.supporting_ministries.through.objects.filter(
        priorityaction_id=action_id
    ).values_list("ministry_id", flat=True)
    return facts_of(
        action,
        strategy.reporting_periods(),
        list(
            reports.values_list(
                "ministry_id", "period_start", "state", "status", "percent_complete", "pk"
            )
        ),
        list(supporting),
    )


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
        ),
    )
    _write_rows(
        ReportingDuty,
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


def _write_rows(model, old: dict, new: dict, pks: dict, make) -> None:
    """Rows removed, changed and added between two sets of keyed facts."""
    gone = [pks[key] for key in old if key not in new or old[key] != new[key]]
    if gone:
        model.objects.filter(pk__in=gone).delete()
    added = [make(key, value) for key, value in new.items() if old.get(key) != value]
    if added:
        model.objects.bulk_create(added)


TABLES = (
    ActionPeriodStatus,
    ReportingDuty,
    ActionFigure,
    StatusCount,
    PeriodStatusCount,
    ReportingCount,
)


@transaction.atomic
def rebuild() -> dict:
    """Every figure made afresh from the records: the facts of every action, then the counts
    as their sums. Returns the number of rows written per table."""
    lock()
    for model in TABLES:
        model.objects.all().delete()
    periods_of = {
        pk: Strategy(**dict(zip(PERIODS, values, strict=True))).reporting_periods()
        for pk, *values in Strategy.objects.values_list("pk", *PERIODS)
    }
    supporting = defaultdict(list)
    for action_id, ministry_id in PriorityAction.supporting_ministries.through.objects.values_list(
        "priorityaction_id", "ministry_id"
    ):
        supporting[action_id].append(ministry_id)
    reports = defaultdict(list)
    for action_id, *report in (
        ProgressUpdate.objects.filter(state__in=SENT_STATES)
        .order_by()
        .values_list(
            "action_id", "ministry_id", "period_start", "state", "status", "percent_complete", "pk"
        )
        .iterator(chunk_size=BATCH)
    ):
        reports[action_id].append(report)
    figures, statuses, duties = [], [], []
    totals = {model: defaultdict(Counter) for model, _keys, _contribution in COUNTS}
    for action in (
        PriorityAction.objects.order_by("pk")
        .values("id", "start_date", "pillar__strategy_id", *FIGURE_FIELDS)
        .iterator(chunk_size=BATCH)
    ):
        facts = facts_of(
            action,
            periods_of[action["pillar__strategy_id"]],
            reports.get(action["id"], ()),
            supporting.get(action["id"], ()),
        )
        action_id = action["id"]
        figures.append(
            ActionFigure(action_id=action_id, **dict(zip(FIGURE_FIELDS, facts.figure, strict=True)))
        )
        statuses += [
            ActionPeriodStatus(
                action_id=action_id,
                period_start=start,
                pillar_id=pillar,
                status=status,
                percent_complete=percent,
                report_id=report,
            )
            for start, (pillar, status, percent, report) in facts.periods.items()
        ]
        duties += [
            ReportingDuty(
                action_id=action_id,
                ministry_id=ministry,
                period_start=start,
                pillar_id=pillar,
                sent=sent,
            )
            for (ministry, start), (pillar, sent) in facts.duties.items()
        ]
        for model, _keys, contribution in COUNTS:
            for key, counts in contribution(facts).items():
                totals[model][key].update(counts)
    written = {}
    for rows in (figures, statuses, duties):
        if rows:
            type(rows[0]).objects.bulk_create(rows, batch_size=BATCH)
            written[type(rows[0]).__name__] = len(rows)
    for model, keys, _contribution in COUNTS:
        rows = [
            model(**dict(zip(keys, key, strict=True)), **counts)
            for key, counts in totals[model].items()
        ]
        model.objects.bulk_create(rows, batch_size=BATCH)
        written[model.__name__] = len(rows)
    return written


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


def _report_written(sender, instance, **kwargs):
    refresh(instance.action_id)


def _report_deleted(sender, instance, origin=None, **kwargs):
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

    from strategy.models import Pillar

    through = PriorityAction.supporting_ministries.through
    for model in (PriorityAction, ProgressUpdate):
        signals.pre_save.connect(_lock_before_write, sender=model, dispatch_uid=f"figures-{model}")
        signals.pre_delete.connect(
            _lock_before_write, sender=model, dispatch_uid=f"figures-del-{model}"
        )
    signals.post_save.connect(_action_written, sender=PriorityAction, dispatch_uid="figures-a")
    signals.post_delete.connect(_action_written, sender=PriorityAction, dispatch_uid="figures-ad")
    signals.post_save.connect(_report_written, sender=ProgressUpdate, dispatch_uid="figures-r")
    signals.post_delete.connect(_report_deleted, sender=ProgressUpdate, dispatch_uid="figures-rd")
    signals.m2m_changed.connect(_supporting_changed, sender=through, dispatch_uid="figures-s")
    for model in (Strategy, Pillar):
        signals.pre_save.connect(_periods_before, sender=model, dispatch_uid=f"figures-p-{model}")
        signals.post_save.connect(_periods_after, sender=model, dispatch_uid=f"figures-pa-{model}")
