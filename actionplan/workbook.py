"""The action plan as a workbook, one sheet per kind of record (pillars, priority actions,
indicators): the template a secretariat fills in, the export of a strategy's plan in the same
format (a file exported and imported again changes nothing), and reading a filled one back
into rows, each value checked and every problem named by sheet, row and column in the
reader's language.

Columns are named as the portal's forms name the fields, in the language of whoever
downloads the file; they are read back in any of the portal's languages (a file filled in by
an Arabic reader may be uploaded by an English one)."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from openpyxl import load_workbook

from coordination.exports import in_any_language
from coordination.forms import western_digits
from strategy.models import (
    Indicator,
    IndicatorDirection,
    IndicatorTarget,
    Pillar,
    Priority,
    PriorityAction,
    RouteStage,
)

TEXT, NUMBER, DECIMAL, DATE, MINISTRY, MINISTRIES, YES_NO, PRIORITY, DIRECTION = (
    "text",
    "number",
    "decimal",
    "date",
    "ministry",
    "ministries",
    "yes_no",
    "priority",
    "direction",
)
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# At most this many rows a sheet: a national plan has about 5,000 actions.
MAX_ROWS = 20_000


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # a lazy text: named in the language active when it is read
    kind: str = TEXT
    required: bool = False


@dataclass(frozen=True)
class Sheet:
    key: str
    title: object
    columns: tuple

    def header(self) -> list[str]:
        return [str(column.label) for column in self.columns]


def _named_as_in_forms(model, name: str, kind: str = TEXT, required: bool = False) -> Column:
    return Column(name, model._meta.get_field(name).verbose_name, kind, required)


def _per_language(model, name: str) -> tuple:
    """A translated field's columns, one per language; the Arabic one required (the
    portal's first language)."""
    return tuple(
        _named_as_in_forms(model, f"{name}_{code}", required=code == "ar")
        for code in LANGUAGE_CODES
    )


PILLARS = Sheet(
    "pillars",
    gettext_lazy("Pillars"),
    (
        _named_as_in_forms(Pillar, "number", NUMBER, required=True),
        *_per_language(Pillar, "title"),
    ),
)
ACTIONS = Sheet(
    "actions",
    gettext_lazy("Priority actions"),
    (
        _named_as_in_forms(PriorityAction, "code", required=True),
        Column("pillar", gettext_lazy("Pillar number"), NUMBER, required=True),
        *_per_language(PriorityAction, "title"),
        *(_named_as_in_forms(PriorityAction, f"description_{code}") for code in LANGUAGE_CODES),
        Column("lead_ministry", gettext_lazy("Lead ministry (code)"), MINISTRY, required=True),
        Column(
            "supporting_ministries",
            gettext_lazy("Supporting ministries (codes, separated by commas)"),
            MINISTRIES,
        ),
        _named_as_in_forms(PriorityAction, "start_date", DATE, required=True),
        _named_as_in_forms(PriorityAction, "due_date", DATE, required=True),
        _named_as_in_forms(PriorityAction, "priority", PRIORITY),
        *(Column(f"concerns_{stage.value}", stage.label, YES_NO) for stage in RouteStage),
    ),
)
INDICATORS = Sheet(
    "indicators",
    gettext_lazy("Indicators"),
    (
        Column("action", gettext_lazy("Priority action (code)"), required=True),
        *_per_language(Indicator, "name"),
        _named_as_in_forms(Indicator, "unit"),
        _named_as_in_forms(Indicator, "baseline", DECIMAL, required=True),
        _named_as_in_forms(Indicator, "direction", DIRECTION),
    ),
)
TARGETS = Sheet(
    "targets",
    gettext_lazy("Yearly targets"),
    (
        Column("action", gettext_lazy("Priority action (code)"), required=True),
        Column("indicator", gettext_lazy("Indicator (its Arabic name)"), required=True),
        _named_as_in_forms(IndicatorTarget, "year", NUMBER, required=True),
        _named_as_in_forms(IndicatorTarget, "value", DECIMAL, required=True),
    ),
)
SHEETS = (PILLARS, ACTIONS, INDICATORS, TARGETS)

YES = pgettext_lazy("a cell of the action plan", "yes")


@dataclass
class Problem:
    """Something wrong in a cell (or a row: no column), said in the reader's language."""

    sheet: str
    row: int
    column: str
    message: str


@dataclass
class Row:
    number: int  # as the spreadsheet numbers it (the header is row 1)
    values: dict


@dataclass
class ReadPlan:
    rows: dict = field(default_factory=dict)  # sheet key -> [Row]
    problems: list = field(default_factory=list)


def _labels_in_every_language(sheet: Sheet) -> dict:
    """Each column by its header as any language writes it (lower case), or by its key."""
    return {
        **in_any_language((column.label, column) for column in sheet.columns),
        **{column.key.lower(): column for column in sheet.columns},
    }


def _titles_in_every_language(sheet: Sheet) -> set:
    return {*in_any_language([(sheet.title, sheet)]), sheet.key}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _yes_words() -> set:
    return {"1", "true", "x", "✓", *in_any_language([(YES, True)])}


CHOICES = {PRIORITY: Priority, DIRECTION: IndicatorDirection}
DEFAULTS = {PRIORITY: Priority.MEDIUM, DIRECTION: IndicatorDirection.HIGHER}


def _choices() -> dict:
    """Each kind of choice's values by their label in any language (lower case) or value."""
    return {
        kind: {
            **{value: value for value in choices.values},
            **in_any_language((label, value) for value, label in choices.choices),
        }
        for kind, choices in CHOICES.items()
    }


class CellError(ValueError):
    pass


def _read_cell(column: Column, value, *, yes_words, choices):
    """The cell's value as the portal keeps it; CellError with a message otherwise."""
    if column.kind == DATE:
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = western_digits(_text(value))
        try:
            return datetime.date.fromisoformat(text) if text else None
        except ValueError:
            raise CellError(
                _("“%(value)s” is not a date: use a date cell, or write it year-month-day.")
                % {"value": text}
            ) from None
    text = western_digits(_text(value))
    if column.kind == NUMBER:
        if not text:
            return None
        if not text.isdecimal():
            raise CellError(_("“%(value)s” is not a whole number.") % {"value": text})
        return int(text)
    if column.kind == DECIMAL:
        if not text:
            return None
        try:
            return Decimal(text).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise CellError(_("“%(value)s” is not a number.") % {"value": text}) from None
    if column.kind == YES_NO:
        return text.lower() in yes_words
    if column.kind in CHOICES:
        if not text:
            return DEFAULTS[column.kind]
        if text.lower() not in choices[column.kind]:
            labels = " / ".join(str(label) for _v, label in CHOICES[column.kind].choices)
            raise CellError(
                _("“%(value)s” is not one of the choices: write %(choices)s.")
                % {"value": text, "choices": labels}
            )
        return choices[column.kind][text.lower()]
    if column.kind == MINISTRIES:
        return sorted({code.strip() for code in text.replace("،", ",").split(",") if code.strip()})
    return _text(value)


def read(file) -> ReadPlan:
    """The rows of each sheet of an uploaded workbook, with the problems of its cells. A
    sheet or a required column that cannot be found is a problem of row 1."""
    plan = ReadPlan()
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable workbook is the same answer
        plan.problems.append(Problem("", 0, "", _("The file cannot be read as an Excel workbook.")))
        return plan
    titles = {name.strip().lower(): name for name in book.sheetnames}
    yes_words, choices = _yes_words(), _choices()
    for sheet in SHEETS:
        found = next((titles[t] for t in _titles_in_every_language(sheet) if t in titles), None)
        plan.rows[sheet.key] = []
        if found is None:
            plan.problems.append(
                Problem(str(sheet.title), 1, "", _("The workbook has no sheet of this name."))
            )
            continue
        rows = book[found].iter_rows(values_only=True)
        header = next(rows, ())
        known = _labels_in_every_language(sheet)
        positions = {}
        for index, title in enumerate(header):
            column = known.get(_text(title).lower())
            if column is not None:
                positions[column.key] = index
        missing = [c for c in sheet.columns if c.required and c.key not in positions]
        for column in missing:
            plan.problems.append(
                Problem(str(sheet.title), 1, str(column.label), _("This column is missing."))
            )
        if missing:
            continue
        for number, cells in enumerate(rows, start=2):
            if number > MAX_ROWS + 1:
                plan.problems.append(
                    Problem(
                        str(sheet.title),
                        number,
                        "",
                        _("A sheet may have at most %(rows)s rows.") % {"rows": MAX_ROWS},
                    )
                )
                break
            if not any(_text(cell) for cell in cells):
                continue
            values = {}
            for column in sheet.columns:
                index = positions.get(column.key)
                raw = cells[index] if index is not None and index < len(cells) else None
                try:
                    values[column.key] = _read_cell(
                        column, raw, yes_words=yes_words, choices=choices
                    )
                except CellError as error:
                    plan.problems.append(
                        Problem(str(sheet.title), number, str(column.label), str(error))
                    )
                    values[column.key] = None
                    continue
                if column.required and values[column.key] in (None, ""):
                    plan.problems.append(
                        Problem(
                            str(sheet.title), number, str(column.label), _("This cell is required.")
                        )
                    )
            plan.rows[sheet.key].append(Row(number, values))
    book.close()
    return plan


def _cell(column: Column, value):
    """A value as the sheet shows it, read back to the same by ``read``."""
    if column.kind == YES_NO:
        return str(YES) if value else ""
    if column.kind in CHOICES:
        choices = CHOICES[column.kind]
        return str(choices(value).label) if value in choices.values else value
    if column.kind == MINISTRIES:
        return ", ".join(value)
    return value


def sheets(plan: dict | None = None) -> list[tuple]:
    """The workbook's sheets as coordination.exports.workbook_with_sheets takes them: each
    sheet's title, header and rows; ``plan``: each sheet's rows as dicts of column keys
    (plan_rows), none for the empty template."""
    plan = plan or {}
    return [
        (
            sheet.title,
            sheet.header(),
            [
                [_cell(column, row[column.key]) for column in sheet.columns]
                for row in plan.get(sheet.key, ())
            ],
        )
        for sheet in SHEETS
    ]


def plan_rows(user, strategy) -> dict:
    """A strategy's plan as rows of the sheets, through the access layer (those who export
    it, the secretariat, read every action)."""
    actions = (
        PriorityAction.objects.restrict(user)
        .filter(pillar__strategy=strategy)
        .select_related("pillar", "lead_ministry")
        .prefetch_related("supporting_ministries")
        .order_by("pillar__number", "code")
    )
    fields = [
        c.key
        for c in ACTIONS.columns
        if c.key not in ("pillar", "lead_ministry", "supporting_ministries")
    ]
    indicators = list(
        Indicator.objects.filter(action__in=actions.values("pk"))
        .select_related("action")
        .order_by("action__pillar__number", "action__code", "pk")
    )
    return {
        "pillars": [
            {c.key: getattr(pillar, c.key) for c in PILLARS.columns}
            for pillar in Pillar.objects.filter(strategy=strategy).order_by("number")
        ],
        "actions": [
            {
                **{name: getattr(action, name) for name in fields},
                "pillar": action.pillar.number,
                "lead_ministry": action.lead_ministry.code,
                "supporting_ministries": sorted(m.code for m in action.supporting_ministries.all()),
            }
            for action in actions
        ],
        "indicators": [
            {
                **{
                    c.key: getattr(indicator, c.key)
                    for c in INDICATORS.columns
                    if c.key != "action"
                },
                "action": indicator.action.code,
            }
            for indicator in indicators
        ],
        "targets": [
            {
                "action": target.indicator.action.code,
                "indicator": target.indicator.name_ar,
                "year": target.year,
                "value": target.value,
            }
            for target in IndicatorTarget.objects.filter(indicator__in=[i.pk for i in indicators])
            .select_related("indicator__action")
            .order_by(
                "indicator__action__pillar__number", "indicator__action__code", "indicator", "year"
            )
        ],
    }
