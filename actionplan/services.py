"""Checking an action plan workbook against the strategy (the dry run) and importing it.

The records of the file are matched to the strategy's by their keys: a pillar by its
number, a priority action by its code, an indicator by its action and Arabic name. A record
of the file that matches none is new; one that matches is changed only in the columns whose
value differs; records of the strategy absent from the file are left as they are and listed
as "not in the file". So importing the same file twice changes nothing the second time.

A change of an action's lead or supporting ministries moves who sees the action and who
reports on it: the dry run lists those apart."""

import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field

from auditlog.context import set_actor
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.core.cache import cache
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from actionplan import workbook
from actionplan.models import ImportState, PlanImport
from coordination.models import Ministry
from strategy import figures
from strategy.models import Indicator, IndicatorTarget, Pillar, PriorityAction

logger = logging.getLogger(__name__)

ACCESS_FIELDS = ("lead_ministry", "supporting_ministries")


@dataclass
class Plan:
    """A checked file: its rows by sheet, keyed, ready to import, and what importing does."""

    pillars: dict = field(default_factory=dict)  # number -> values
    actions: dict = field(default_factory=dict)  # code -> values
    indicators: dict = field(default_factory=dict)  # (action code, Arabic name) -> values
    targets: dict = field(default_factory=dict)  # (action code, Arabic name, year) -> values
    problems: list = field(default_factory=list)


def _problem(sheet, row, column, message) -> dict:
    return {"sheet": str(sheet.title), "row": row, "column": str(column), "message": message}


def _label(sheet, key) -> str:
    return str(next(c.label for c in sheet.columns if c.key == key))


def _keyed(rows, sheet, key, plan: Plan) -> dict:
    """The rows by their key; a key met twice is a problem of its second row."""
    keyed, first = {}, {}
    for row in rows:
        value = key(row.values)
        if value is None or "" in (value if isinstance(value, tuple) else (value,)):
            continue
        if value in keyed:
            plan.problems.append(
                _problem(
                    sheet,
                    row.number,
                    "",
                    _("The same record as row %(row)s: each may be listed once.")
                    % {"row": first[value]},
                )
            )
            continue
        keyed[value], first[value] = row, row.number
    return keyed


def read_plan(file, strategy) -> Plan:
    """The file's records with every problem found: in its cells (workbook.read) and
    between records (keys met twice, an unknown pillar, ministry or action, a due date
    before the start)."""
    read = workbook.read(file)
    plan = Plan(problems=[vars(p) for p in read.problems])
    pillars = _keyed(read.rows.get("pillars", []), workbook.PILLARS, lambda v: v["number"], plan)
    actions = _keyed(read.rows.get("actions", []), workbook.ACTIONS, lambda v: v["code"], plan)
    indicators = _keyed(
        read.rows.get("indicators", []),
        workbook.INDICATORS,
        lambda v: (v["action"], v["name_ar"]),
        plan,
    )
    targets = _keyed(
        read.rows.get("targets", []),
        workbook.TARGETS,
        lambda v: (v["action"], v["indicator"], v["year"]),
        plan,
    )
    known_pillars = set(pillars) | set(
        Pillar.objects.filter(strategy=strategy).values_list("number", flat=True)
    )
    ministries = dict(Ministry.objects.values_list("code", "is_active"))
    known_actions = set(actions) | set(
        PriorityAction.objects.filter(pillar__strategy=strategy).values_list("code", flat=True)
    )
    sheet = workbook.ACTIONS
    for row in actions.values():
        values = row.values
        if values["pillar"] is not None and values["pillar"] not in known_pillars:
            plan.problems.append(
                _problem(
                    sheet,
                    row.number,
                    _label(sheet, "pillar"),
                    _("No pillar has the number %(number)s, in the file or the strategy.")
                    % {"number": values["pillar"]},
                )
            )
        codes = [values["lead_ministry"]] if values["lead_ministry"] else []
        for ministry_code in [*codes, *values["supporting_ministries"]]:
            column = (
                "lead_ministry"
                if ministry_code == values["lead_ministry"]
                else "supporting_ministries"
            )
            if ministry_code not in ministries:
                message = _("No ministry has the code “%(code)s”.") % {"code": ministry_code}
            elif not ministries[ministry_code]:
                message = _("The ministry “%(code)s” is inactive.") % {"code": ministry_code}
            else:
                continue
            plan.problems.append(_problem(sheet, row.number, _label(sheet, column), message))
        if values["lead_ministry"] in values["supporting_ministries"]:
            plan.problems.append(
                _problem(
                    sheet,
                    row.number,
                    _label(sheet, "supporting_ministries"),
                    _("The lead ministry cannot support its own action."),
                )
            )
        start, due = values["start_date"], values["due_date"]
        if start and due and due < start:
            plan.problems.append(
                _problem(
                    sheet,
                    row.number,
                    _label(sheet, "due_date"),
                    _("The due date is before the start date."),
                )
            )
    sheet = workbook.INDICATORS
    for (code, _name), row in indicators.items():
        if code not in known_actions:
            plan.problems.append(
                _problem(
                    sheet,
                    row.number,
                    _label(sheet, "action"),
                    _("No priority action has the code “%(code)s”, in the file or the strategy.")
                    % {"code": code},
                )
            )
    known_indicators = set(indicators) | set(
        Indicator.objects.filter(action__pillar__strategy=strategy).values_list(
            "action__code", "name_ar"
        )
    )
    sheet = workbook.TARGETS
    for (code, name, _year), row in targets.items():
        if (code, name) not in known_indicators:
            plan.problems.append(
                _problem(
                    sheet,
                    row.number,
                    _label(sheet, "indicator"),
                    _(
                        "Priority action %(code)s has no indicator named “%(name)s”, in the file "
                        "or the strategy."
                    )
                    % {"code": code, "name": name},
                )
            )
    plan.pillars = {k: r.values for k, r in pillars.items()}
    plan.targets = {k: r.values for k, r in targets.items()}
    plan.actions = {k: r.values for k, r in actions.items()}
    plan.indicators = {k: r.values for k, r in indicators.items()}
    return plan


def _shown(value) -> str:
    """A value as the changes list shows it, in the active language."""
    if value is None or value == "":
        return "–"
    if isinstance(value, list):
        return ", ".join(value) or "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if hasattr(value, "isoformat"):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def _existing(strategy) -> tuple[dict, dict, dict, dict]:
    """The strategy's pillars, actions, indicators and targets as the sheets' rows (dicts of column
    keys, with their "pk"), keyed as the file's records are: read as values, a national
    plan's thousands of actions are not built as models to be compared."""
    pillar_fields = [c.key for c in workbook.PILLARS.columns]
    pillars = {
        row["number"]: row
        for row in Pillar.objects.filter(strategy=strategy).values("pk", *pillar_fields)
    }
    through = PriorityAction.supporting_ministries.through
    supporting = defaultdict(list)
    for action_id, code in through.objects.filter(
        priorityaction__pillar__strategy=strategy
    ).values_list("priorityaction_id", "ministry__code"):
        supporting[action_id].append(code)
    actions = {}
    for row in PriorityAction.objects.filter(pillar__strategy=strategy).values(
        "pk", "code", *PLAIN_ACTION_FIELDS, "pillar__number", "lead_ministry__code"
    ):
        row["pillar"], row["lead_ministry"] = (
            row.pop("pillar__number"),
            row.pop("lead_ministry__code"),
        )
        row["supporting_ministries"] = sorted(supporting[row["pk"]])
        actions[row["code"]] = row
    indicator_fields = [c.key for c in workbook.INDICATORS.columns if c.key != "action"]
    indicators = {}
    for row in Indicator.objects.filter(action__pillar__strategy=strategy).values(
        "pk", "action__code", *indicator_fields
    ):
        row["action"] = row.pop("action__code")
        indicators[(row["action"], row["name_ar"])] = row
    targets = {}
    for row in IndicatorTarget.objects.filter(indicator__action__pillar__strategy=strategy).values(
        "pk", "indicator__action__code", "indicator__name_ar", "year", "value"
    ):
        row["action"] = row.pop("indicator__action__code")
        row["indicator"] = row.pop("indicator__name_ar")
        targets[(row["action"], row["indicator"], row["year"])] = row
    return pillars, actions, indicators, targets


def _differences(sheet, before: dict, after: dict) -> list:
    return [
        (column, before.get(column.key), after[column.key])
        for column in sheet.columns
        if column.key in after
        and _comparable(before.get(column.key)) != _comparable(after[column.key])
    ]


def _comparable(value):
    return "" if value is None else value


def effects(plan: Plan, strategy) -> dict:
    """What importing the plan would do, for the dry run's page: new records, changed ones
    (each changed column before and after; lead or supporting ministries apart, as they move
    access and reports), and the strategy's records absent from the file."""
    pillars, actions, indicators, targets = _existing(strategy)
    new, changed = [], []

    def record(kind, key, sheet, before, after):
        if before is None:
            new.append(f"{kind} {key}")
            return
        fields = _differences(sheet, before, after)
        if fields:
            changed.append(
                {
                    "record": f"{kind} {key}",
                    "fields": [[str(c.label), _shown(b), _shown(a)] for c, b, a in fields],
                    "moves_access": any(c.key in ACCESS_FIELDS for c, _b, _a in fields),
                }
            )

    for number, values in plan.pillars.items():
        record(_("Pillar"), number, workbook.PILLARS, pillars.get(number), values)
    for code, values in plan.actions.items():
        record(_("Action"), code, workbook.ACTIONS, actions.get(code), values)
    for key, values in plan.indicators.items():
        record(
            _("Indicator"), f"{key[0]} · {key[1]}", workbook.INDICATORS, indicators.get(key), values
        )
    for key, values in plan.targets.items():
        record(
            _("Target"),
            f"{key[0]} · {key[1]} · {key[2]}",
            workbook.TARGETS,
            targets.get(key),
            values,
        )
    not_in_file = [
        *(f"{_('Pillar')} {n}" for n in sorted(set(pillars) - set(plan.pillars))),
        *(f"{_('Action')} {c}" for c in sorted(set(actions) - set(plan.actions))),
        *(
            f"{_('Indicator')} {a} · {n}"
            for a, n in sorted(set(indicators) - set(plan.indicators))
            if a in plan.actions
        ),
        *(
            f"{_('Target')} {a} · {n} · {y}"
            for a, n, y in sorted(set(targets) - set(plan.targets))
            if (a, n) in plan.indicators
        ),
    ]
    return {
        "new": new,
        "changed": sorted(changed, key=lambda c: not c["moves_access"]),
        "not_in_file": not_in_file,
    }


def progress_key(plan_import_id: int) -> str:
    return f"actionplan:progress:{plan_import_id}"


def progress(plan_import_id: int) -> int | None:
    """How far an import has gone, in percent (kept outside its transaction, which nobody
    else sees before it commits)."""
    try:
        return cache.get(progress_key(plan_import_id))
    except Exception:  # noqa: BLE001 - a cache outage only hides the percentage
        return None


def _report_progress(plan_import_id: int, done: int, total: int) -> None:
    try:
        cache.set(progress_key(plan_import_id), round(100 * done / max(total, 1)), 3600)
    except Exception:  # noqa: BLE001 - a cache outage only hides the percentage
        logger.warning("Progress of action plan import %s not kept", plan_import_id)


def _set(record, values: dict, names) -> bool:
    changed = False
    for name in names:
        if _comparable(getattr(record, name)) != _comparable(values[name]):
            setattr(record, name, values[name] if values[name] is not None else "")
            changed = True
    return changed


PLAIN_ACTION_FIELDS = [
    c.key
    for c in workbook.ACTIONS.columns
    if c.key not in ("code", "pillar", "lead_ministry", "supporting_ministries")
]
BATCH = 1000


def _log_created(records) -> None:
    """The audit trail's "created" entry of records written in bulk (no signal sent), with
    the fields auditlog records for the model, as its own receiver would write it."""
    for record in records:
        LogEntry.objects.log_create(
            record,
            force_log=True,
            action=LogEntry.Action.CREATE,
            changes=model_instance_diff(None, record),
        )


def _apply(plan: Plan, strategy, plan_import_id: int) -> None:
    """Write the plan: records changed one by one (their signals keep the figures and the
    audit trail), new actions and indicators in bulk, their figures and audit entries after
    them, in the caller's transaction."""
    pillars, actions, indicators, targets = _existing(strategy)
    ministries = dict(Ministry.objects.values_list("code", "pk"))
    total = len(plan.pillars) + len(plan.actions) + len(plan.indicators) + len(plan.targets)
    done = 0

    def step(n=1):
        nonlocal done
        before, done = done, done + n
        if done // 100 != before // 100 or done == total:
            _report_progress(plan_import_id, done, total)

    pillar_ids = {number: row["pk"] for number, row in pillars.items()}
    pillar_names = [c.key for c in workbook.PILLARS.columns if c.key != "number"]
    for number, values in plan.pillars.items():
        existing = pillars.get(number)
        if existing is None:
            pillar_ids[number] = Pillar.objects.create(
                strategy=strategy, number=number, **{n: values[n] or "" for n in pillar_names}
            ).pk
        elif _differences(workbook.PILLARS, existing, values):
            pillar = Pillar.objects.get(pk=existing["pk"])
            _set(pillar, values, pillar_names)
            pillar.save()
        step()
    action_ids = {code: row["pk"] for code, row in actions.items()}
    new_actions = []
    for code, values in plan.actions.items():
        existing = actions.get(code)
        fields = {
            **{
                name: values[name] if values[name] is not None else ""
                for name in PLAIN_ACTION_FIELDS
            },
            "pillar_id": pillar_ids[values["pillar"]],
            "lead_ministry_id": ministries[values["lead_ministry"]],
        }
        supporting = {ministries[c] for c in values["supporting_ministries"]}
        if existing is None:
            action = PriorityAction(code=code, **fields)
            action.imported_supporting = supporting
            new_actions.append(action)
            continue
        differences = {c.key for c, _b, _a in _differences(workbook.ACTIONS, existing, values)}
        if differences - {"supporting_ministries"}:
            action = PriorityAction.objects.get(pk=existing["pk"])
            for name, value in fields.items():
                setattr(action, name, value)
            action.save()
        if "supporting_ministries" in differences:
            PriorityAction.objects.get(pk=existing["pk"]).supporting_ministries.set(supporting)
        step()
    through = PriorityAction.supporting_ministries.through
    for first in range(0, len(new_actions), BATCH):
        batch = PriorityAction.objects.bulk_create(new_actions[first : first + BATCH])
        through.objects.bulk_create(
            through(priorityaction_id=action.pk, ministry_id=ministry)
            for action in batch
            for ministry in action.imported_supporting
        )
        figures.add_actions([action.pk for action in batch])
        _log_created(batch)
        action_ids.update((action.code, action.pk) for action in batch)
        step(len(batch))
    indicator_names = [c.key for c in workbook.INDICATORS.columns if c.key != "action"]
    new_indicators = []
    for key, values in plan.indicators.items():
        existing = indicators.get(key)
        fields = {
            name: values[name] if values[name] is not None else "" for name in indicator_names
        }
        if existing is None:
            indicator = Indicator(action_id=action_ids[key[0]], **fields)
            indicator.action_code = key[0]
            new_indicators.append(indicator)
        elif _differences(workbook.INDICATORS, existing, values):
            indicator = Indicator.objects.get(pk=existing["pk"])
            _set(indicator, values, indicator_names)
            indicator.save()
        step()
    Indicator.objects.bulk_create(new_indicators, batch_size=BATCH)
    _log_created(new_indicators)
    indicator_ids = {key: row["pk"] for key, row in indicators.items()}
    indicator_ids.update(((i.action_code, i.name_ar), i.pk) for i in new_indicators)
    new_targets = []
    for key, values in plan.targets.items():
        existing = targets.get(key)
        if existing is None:
            new_targets.append(
                IndicatorTarget(
                    indicator_id=indicator_ids[key[:2]], year=values["year"], value=values["value"]
                )
            )
        elif _differences(workbook.TARGETS, existing, values):
            target = IndicatorTarget.objects.get(pk=existing["pk"])
            target.value = values["value"]
            target.save()
        step()
    # Written in bulk without an audit entry each: the import's own record lists them.
    IndicatorTarget.objects.bulk_create(new_targets, batch_size=BATCH)


def check(plan_import_id: int) -> str:
    """The dry run (the Celery task's work): the problems, or what importing would change."""
    plan_import = PlanImport.objects.select_related("strategy").get(pk=plan_import_id)
    with translation.override(plan_import.language), plan_import.file.open("rb") as file:
        plan = read_plan(file, plan_import.strategy)
        plan_import.problems = plan.problems
        plan_import.effects = {} if plan.problems else effects(plan, plan_import.strategy)
    plan_import.state = ImportState.CHECKED
    plan_import.save(update_fields=["problems", "effects", "state"])
    return plan_import.state


def run(plan_import_id: int) -> str:
    """The import (the Celery task's work), in one transaction: all of the file or nothing.
    The file is read and checked again: the strategy may have changed since the dry run."""
    plan_import = PlanImport.objects.select_related("strategy").get(pk=plan_import_id)
    if plan_import.state != ImportState.IMPORTING:
        return plan_import.state
    started = time.monotonic()
    with translation.override(plan_import.language):
        with plan_import.file.open("rb") as file:
            plan = read_plan(file, plan_import.strategy)
        if plan.problems:
            plan_import.problems, plan_import.state = plan.problems, ImportState.CHECKED
            plan_import.save(update_fields=["problems", "state"])
            return plan_import.state
        try:
            # The audit trail names who imported, as it names who saves a form.
            with transaction.atomic(), set_actor(plan_import.uploaded_by):
                _apply(plan, plan_import.strategy, plan_import.pk)
        except Exception as error:  # noqa: BLE001 - shown on the page; nothing was saved
            logger.exception("Action plan import %s failed", plan_import.pk)
            plan_import.state, plan_import.error = ImportState.FAILED, str(error)[:500]
            plan_import.save(update_fields=["state", "error"])
            return plan_import.state
    plan_import.state, plan_import.imported_at = ImportState.IMPORTED, timezone.now()
    plan_import.seconds = round(time.monotonic() - started, 2)
    plan_import.save(update_fields=["state", "imported_at", "seconds"])
    return plan_import.state
