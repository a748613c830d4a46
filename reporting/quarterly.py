"""The periodic progress report (PDF) and its data workbook (Excel) for one reporting period,
built from what the person who asked may see, as the period stood at its end
(reporting.period_picture): a report validated later for a later period, a follow-up marked
done after the period's end, a decision taken after it never change the period's report.

The PDF is the summary a reader needs without opening the portal: the picture against the
previous period, every action needing attention with what its lead ministry wrote and
asked for, reporting compliance, and the decisions still open at the period's end with each
ministry's follow-up. The complete list of actions is in the workbook, not in the PDF.

A file is kept: asking again for the same period, kind and language, with the same reach
(access.reading_scope), returns the file already made when what it shows is unchanged (the
hash of its data); otherwise a new one is made, which says it replaces the earlier one."""

import datetime
import functools
import hashlib
import json
from collections import Counter, defaultdict

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from coordination import access, generated
from coordination.exports import workbook_with_sheets
from coordination.models import Ministry
from coordination.rows import in_language, joined
from meetings.models import Decision, FollowUp, FollowUpStatus
from meetings.services.decisions import follow_up_statuses_as_of
from reporting import charts, dashboards, period_picture
from reporting.models import QuarterlyReport, QuarterlyReportKind
from reporting.period_picture import NOT_REPORTED
from strategy.models import (
    SENT_STATES,
    ActionStatus,
    Indicator,
    IndicatorDirection,
    IndicatorTarget,
    IndicatorValue,
    Pillar,
    PriorityAction,
    ProgressUpdate,
    ReportState,
    Strategy,
    period_name,
    target_year,
)

STATUS_ORDER = [*ActionStatus.values, NOT_REPORTED]
TROUBLED = (ActionStatus.DELAYED, ActionStatus.AT_RISK)
EXCERPT = 400


def end_of(day: datetime.date) -> datetime.datetime:
    """The last moment of a day in the portal's time zone."""
    return datetime.datetime.combine(day, datetime.time.max, tzinfo=timezone.get_default_timezone())


def previous_period(strategy: Strategy | None, period):
    periods = strategy.reporting_periods() if strategy else []
    earlier = [p for p in periods if p[1] < period[0]]
    return earlier[-1] if earlier else None


def _signed(number: int) -> str:
    """+3 or -3, the sign kept before the number in right-to-left text (a left-to-right
    mark: "+3" would show as "3+")."""
    return f"\u200e{number:+d}" if number else "0"


def summary_rows(counts: Counter, previous: Counter | None) -> list[dict]:
    total = sum(counts.values()) or 1
    return [
        {
            "status": status,
            "label": period_picture.status_label(status),
            "colour": charts.status_hex(status),
            "count": counts.get(status, 0),
            "share": round(100 * counts.get(status, 0) / total),
            "previous": previous.get(status, 0) if previous is not None else None,
            "change": counts.get(status, 0) - previous.get(status, 0)
            if previous is not None
            else None,
            "change_text": _signed(counts.get(status, 0) - previous.get(status, 0))
            if previous is not None
            else "",
        }
        for status in STATUS_ORDER
        if counts.get(status) or (previous and previous.get(status))
    ]


BAR_WIDTH = 160


def _with_bars(rows: list[dict], *, rtl: bool) -> list[dict]:
    """Each summary row's bar (an SVG rectangle beside its figures: WeasyPrint lays out text
    in SVG without bidi, so the labels stay in the table), growing from the reading side."""
    top = max((row["count"] for row in rows), default=0) or 1
    for row in rows:
        length = round(BAR_WIDTH * row["count"] / top, 1)
        row["bar_width"], row["bar_x"] = length, round(BAR_WIDTH - length, 1) if rtl else 0
    return rows


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def _open_decisions(user, end: datetime.date) -> list[dict]:
    """Decisions of meetings held by the period's end, still open at its end (not every one of
    their follow-ups done by then), full text, with each ministry's follow-up status then."""
    moment = end_of(end)
    decisions = list(
        Decision.objects.restrict(user)
        .filter(meeting__start__lte=moment)
        .select_related("meeting__body")
        .prefetch_related(
            Prefetch(
                "follow_ups",
                queryset=FollowUp.objects.restrict(user)
                .select_related("ministry")
                .order_by("ministry__code"),
            )
        )
        .order_by("meeting__start", "code")
    )
    follow_up_ids = [f.pk for d in decisions for f in d.follow_ups.all()]
    statuses = follow_up_statuses_as_of(follow_up_ids, moment)
    rows = []
    for decision in decisions:
        follow_ups = [
            {
                "ministry": follow_up.ministry,
                "status": statuses.get(follow_up.pk, FollowUpStatus.PENDING),
                "label": FollowUpStatus(statuses.get(follow_up.pk, FollowUpStatus.PENDING)).label,
            }
            for follow_up in decision.follow_ups.all()
        ]
        if follow_ups and all(f["status"] == FollowUpStatus.DONE for f in follow_ups):
            continue
        rows.append(
            {
                "decision": decision,
                "follow_ups": follow_ups,
                "follow_ups_text": joined(
                    f"{f['ministry'].code}: {f['label']}" for f in follow_ups
                ),
            }
        )
    return rows


def report_data(report: QuarterlyReport, replacing: QuarterlyReport | None = None) -> dict:
    """What the report shows, as the period stood at its end, for the person who asked;
    ``replacing``: the file made earlier for the same period and reach, which this one
    replaces if what it shows differs."""
    user = report.requested_by
    period = (report.period_start, report.period_end)
    strategy = Strategy.objects.current(report.period_end)
    pillars = list(Pillar.objects.filter(strategy=strategy).order_by("number")) if strategy else []
    picture = period_picture.actions_in_period(user, period)
    counts = period_picture.status_counts(picture)
    before = previous_period(strategy, period)
    before_counts = (
        period_picture.status_counts(period_picture.actions_in_period(user, before))
        if before
        else None
    )
    # The reports of the period sent by now that the user may read: what was asked for
    # (as the dashboards list it, waiting for review or validated).
    period_reports = {
        row.pk: row
        for row in ProgressUpdate.objects.restrict(user)
        .filter(period_start=report.period_start, state__in=SENT_STATES)
        .select_related("ministry")
        .only(
            "pk",
            "action_id",
            "state",
            "ministry_id",
            "ministry__code",
            "narrative",
            "support_needed",
            "challenges",
        )
    }
    lead_of = {row.pk: row.lead_ministry_id for row in picture}
    support_by_action = defaultdict(list)
    for row in period_reports.values():
        if row.support_needed.strip():
            support_by_action[row.action_id].append(row)
    attention = [
        row
        for row in picture
        if row.status in TROUBLED
        or row.status == NOT_REPORTED
        or row.overdue
        or row.pk in support_by_action
    ]
    # The reports that give the troubled actions their status (perhaps an earlier period's).
    status_reports = {
        row.pk: row
        for row in ProgressUpdate.objects.restrict(user)
        .filter(pk__in=[a.report_id for a in attention if a.report_id])
        .only("pk", "narrative", "challenges", "support_needed", "period_start")
    }
    titled = {
        action.pk: action
        for action in PriorityAction.objects.filter(pk__in=[a.pk for a in attention])
        .select_related("lead_ministry")
        .only(
            "pk",
            "code",
            "due_date",
            *(f"title_{code}" for code, _name in settings.LANGUAGES),
            "title",
            "lead_ministry__code",
            *(f"lead_ministry__name_{code}" for code, _name in settings.LANGUAGES),
        )
    }
    by_pillar = defaultdict(list)
    others = []
    period_ends = dict(strategy.reporting_periods()) if strategy else {}
    # Actions whose lead ministry's report of the period waits for review: not reported yet,
    # but not silent either.
    waiting = {
        row.action_id
        for row in period_reports.values()
        if row.state == ReportState.SUBMITTED and row.ministry_id == lead_of.get(row.action_id)
    }
    for row in attention:
        action = titled[row.pk]
        status_report = status_reports.get(row.report_id)
        item = {
            "row": row,
            "action": action,
            "carried_from": period_name(row.carried_from, period_ends[row.carried_from])
            if row.carried_from in period_ends
            else "",
            "waiting_for_review": row.status == NOT_REPORTED and row.pk in waiting,
            "narrative": _excerpt(status_report.narrative) if status_report else "",
            "support": [
                f"{r.ministry.code}: {_excerpt(r.support_needed)}"
                for r in support_by_action.get(row.pk, ())
            ],
        }
        if row.status in TROUBLED:
            by_pillar[row.pillar_id].append(item)
        else:
            others.append(item)
    ministries = list(dashboards.filter_ministries(user).order_by("code"))
    filters = dashboards.Filters(period=period)
    rtl = translation.get_language_bidi()
    summary = summary_rows(counts["overall"], before_counts["overall"] if before_counts else None)
    total = sum(counts["overall"].values())
    previous_total = sum(before_counts["overall"].values()) if before_counts else None
    on_track = counts["overall"].get(ActionStatus.ON_TRACK, 0)
    previous_on_track = (
        before_counts["overall"].get(ActionStatus.ON_TRACK, 0) if before_counts else 0
    )
    scope = (
        None
        if access.reads_everything(user)
        else list(Ministry.objects.filter(pk__in=access.ministry_ids(user)).order_by("code"))
    )
    return {
        "strategy": strategy,
        "period_label": period_name(*period),
        "previous_label": period_name(*before) if before else "",
        "bar_width": BAR_WIDTH,
        "generated_at": timezone.now(),
        "scope_ministries": scope,
        "scope_text": joined(f"{m.code} {m.name}" for m in scope) if scope is not None else "",
        "total": total,
        "previous_total": previous_total,
        "on_track_share": round(100 * on_track / total) if total else 0,
        "previous_on_track_share": round(100 * previous_on_track / previous_total)
        if previous_total
        else None,
        "summary": _with_bars(summary, rtl=rtl),
        "pillar_chart": charts.stacked_columns(
            [
                (
                    str(pillar.number),
                    [(s, counts["per_pillar"][pillar.pk].get(s, 0)) for s in STATUS_ORDER],
                )
                for pillar in pillars
            ],
            rtl=rtl,
        ),
        "pillar_rows": [
            {
                "pillar": pillar,
                "counts": [counts["per_pillar"][pillar.pk].get(s, 0) for s in STATUS_ORDER],
                "total": sum(counts["per_pillar"][pillar.pk].values()),
                "troubled": by_pillar.get(pillar.pk, []),
            }
            for pillar in pillars
        ],
        "status_headers": [period_picture.status_label(s) for s in STATUS_ORDER],
        "other_attention": others,
        "attention_count": len(attention),
        "compliance": dashboards.compliance(user, filters, ministries),
        "decisions": _open_decisions(user, report.period_end),
        "regenerated_after": replacing,
    }


PDF_TEMPLATE = "reporting/quarterly_report.html"


def render_pdf(data: dict) -> bytes:
    return generated.pdf_from_html(render_to_string(PDF_TEMPLATE, data))


def _indicator_rows(user, period) -> list[list]:
    """Each indicator of the user's actions: its direction, baseline and the value each
    ministry gave it in every validated report up to the period's end (the lead and a
    supporting ministry may both measure it), the period named, with the target of that
    period's year; an indicator without a value yet, with the target of this period's year."""
    actions = PriorityAction.objects.restrict(user).filter(start_date__lte=period[1])
    names = in_language(Indicator, "name")
    indicators = {
        row["pk"]: row
        for row in Indicator.objects.filter(action__in=actions.values("pk"))
        .order_by("action__pillar__number", "action__code", "pk")
        .values("pk", "action__code", "unit", "baseline", "direction", *names.fields)
    }
    targets = {
        (indicator_id, year): value
        for indicator_id, year, value in IndicatorTarget.objects.filter(
            indicator_id__in=list(indicators)
        )
        .order_by()
        .values_list("indicator_id", "year", "value")
    }
    values = defaultdict(list)
    for indicator_id, start, end, ministry, value in (
        IndicatorValue.objects.filter(
            indicator_id__in=list(indicators),
            report__state=ReportState.VALIDATED,
            report__period_start__lte=period[0],
        )
        .order_by("report__period_start", "report__ministry__code")
        .values_list(
            "indicator_id",
            "report__period_start",
            "report__period_end",
            "report__ministry__code",
            "value",
        )
    ):
        values[indicator_id].append((period_name(start, end), target_year(end), ministry, value))
    directions = dict(IndicatorDirection.choices)
    rows = []
    for pk, row in indicators.items():
        unmeasured = [(None, target_year(period[1]), None, None)]
        for named_period, year, ministry, value in values.get(pk) or unmeasured:
            rows.append(
                [
                    row["action__code"],
                    names(row),
                    row["unit"],
                    str(directions[row["direction"]]),
                    row["baseline"],
                    named_period,
                    ministry,
                    value,
                    targets.get((pk, year)),
                ]
            )
    return rows


def workbook_sheets(report: QuarterlyReport, data: dict) -> list:
    """The workbook's sheets as (title, header, rows), rows as lists."""
    user = report.requested_by
    period = (report.period_start, report.period_end)
    picture = period_picture.actions_in_period(user, period)
    titles = in_language(PriorityAction, "title")
    details = {
        row["pk"]: row
        for row in PriorityAction.objects.filter(pk__in=[row.pk for row in picture]).values(
            "pk", "lead_ministry__code", "pillar__number", "start_date", *titles.fields
        )
    }
    actions = [
        [
            row.code,
            titles(details[row.pk]),
            details[row.pk]["pillar__number"],
            details[row.pk]["lead_ministry__code"],
            row.status_label,
            row.percent,
            row.carried_from,
            row.set_on,
            details[row.pk]["start_date"],
            row.due_date,
        ]
        for row in picture
    ]
    reports = [
        [
            r.action.code,
            r.ministry.code,
            period_name(r.period_start, r.period_end),
            r.get_state_display(),
            r.get_status_display(),
            r.percent_complete,
            r.narrative,
            r.challenges,
            r.support_needed,
        ]
        for r in ProgressUpdate.objects.restrict(user)
        # Sent reports only: a draft is its ministry's work in progress, not the period's.
        .filter(period_start=report.period_start, state__in=SENT_STATES)
        .select_related("action", "ministry")
        .order_by("action__code", "ministry__code")
    ]
    summary = [
        [row["label"], row["count"], row["share"], row["previous"], row["change"]]
        for row in data["summary"]
    ]
    pillars = [
        [f"{row['pillar'].number}. {row['pillar'].title}", *row["counts"], row["total"]]
        for row in data["pillar_rows"]
    ]
    compliance = [
        [row["ministry"].code, row["ministry"].name, row["due"], row["received"], row["share"]]
        for row in data["compliance"]
    ]
    decisions = [
        [
            d["decision"].code,
            d["decision"].meeting.start,
            d["decision"].text,
            d["decision"].due_date,
            d["follow_ups_text"],
        ]
        for d in data["decisions"]
    ]
    return [
        (
            _("Summary"),
            [
                _("Status"),
                _("Actions"),
                "%",
                data["previous_label"] or _("Previous period"),
                _("Change"),
            ],
            summary,
        ),
        (_("By pillar"), [_("Pillar"), *data["status_headers"], _("Total")], pillars),
        (
            _("Actions"),
            [
                _("Code"),
                _("Title"),
                _("Pillar"),
                _("Lead ministry"),
                _("Status at the period's end"),
                _("Percent complete"),
                _("Carried forward from the period of"),
                _("Status set by hand on"),
                _("Start"),
                pgettext("due date", "Due"),
            ],
            actions,
        ),
        (
            _("Reports"),
            [
                _("Action"),
                _("Ministry"),
                _("Period"),
                _("Report's state"),
                _("Status reported"),
                _("Percent complete"),
                _("Narrative"),
                _("Challenges"),
                _("Support needed"),
            ],
            reports,
        ),
        (
            _("Indicators"),
            [
                _("Action"),
                _("Indicator"),
                _("Unit"),
                _("Direction"),
                _("Baseline"),
                _("Period"),
                _("Ministry"),
                _("Value"),
                _("Target for the period's year"),
            ],
            _indicator_rows(user, period),
        ),
        (
            _("Compliance"),
            [
                _("Code"),
                _("Ministry"),
                pgettext("number of reports due", "Due"),
                _("Received"),
                "%",
            ],
            compliance,
        ),
        (
            _("Open decisions"),
            [_("Code"), _("Meeting"), _("Decision"), pgettext("due date", "Due"), _("Follow-up")],
            decisions,
        ),
    ]


def workbook_cover(data: dict) -> tuple:
    """The workbook's first sheet: what it is, for whom, when it was issued, and which file
    it replaces, as the PDF's cover says."""
    rows = [
        [_("Strategy"), data["strategy"].title if data["strategy"] else ""],
        [_("Period"), data["period_label"]],
        [_("Issued on"), timezone.localtime(data["generated_at"]).replace(tzinfo=None)],
        [
            _("Covers the priority actions of"),
            data["scope_text"] or _("every ministry"),
        ],
        [
            _("Status in the period"),
            _(
                "An action's status is its lead ministry's report validated for the period, or "
                "the latest one before it (carried forward), or a status set by hand since."
            ),
        ],
    ]
    if data["regenerated_after"] is not None:
        earlier = data["regenerated_after"].requested_at
        rows.append(
            [_("Replaces the file issued on"), timezone.localtime(earlier).replace(tzinfo=None)]
        )
    return (_("Report"), [_("Periodic report"), data["period_label"]], rows)


def build(report: QuarterlyReport) -> bytes:
    """The file's content; ``generated.render`` runs it in the requester's language. What
    it shows is gathered and hashed first (the page's text without its date of issue, or the
    workbook's cells): when a file made earlier for the same reach shows the same, its
    content is given again (and recorded as such) without typesetting it anew."""
    earlier = earlier_version(report)
    data = report_data(report, replacing=earlier)
    if report.kind == QuarterlyReportKind.PDF:
        shown = render_to_string(
            PDF_TEMPLATE, {**data, "generated_at": None, "regenerated_after": None}
        )
        make = functools.partial(render_pdf, data)
    else:
        sheets = workbook_sheets(report, data)
        shown = json.dumps(sheets, default=str)
        # The cover (with its date of issue) is not part of what the file shows.
        make = functools.partial(workbook_with_sheets, [workbook_cover(data), *sheets])
    report.content_hash = hashlib.sha256(shown.encode()).hexdigest()
    kept = same_content(report)
    if kept is not None:
        report.kept_from = kept
        with kept.file.open("rb") as file:
            return file.read()
    report.replaces = earlier
    return make()


def _same_reach(report: QuarterlyReport):
    return (
        QuarterlyReport.objects.filter(
            period_start=report.period_start,
            period_end=report.period_end,
            kind=report.kind,
            language=report.language,
            state="ready",
            made_from_scope=access.reading_scope(report.requested_by),
        )
        .exclude(pk=report.pk)
        .order_by("-requested_at")
    )


def same_content(report: QuarterlyReport) -> QuarterlyReport | None:
    return _same_reach(report).filter(content_hash=report.content_hash).first()


def earlier_version(report: QuarterlyReport) -> QuarterlyReport | None:
    """The latest file made for the same period and reach, which this one replaces if what
    it shows has changed since: the one first issued, when the latest was given again."""
    latest = _same_reach(report).select_related("kept_from").first()
    return (latest.kept_from or latest) if latest is not None else None


def render(report_id: int) -> str:
    """Make the report (the Celery task's work, also timed by ``benchmark_pages``)."""
    return generated.render(QuarterlyReport, report_id, build)
