"""The quarterly progress report (PDF) and the data workbook (Excel) for one period, built
from what the person who asked may see."""

import datetime
import logging
import time
from collections import Counter

from django.core.files.base import ContentFile
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coordination.exports import workbook_with_sheets
from meetings.models import Decision, FollowUp, FollowUpStatus
from reporting import dashboards
from reporting.models import QuarterlyReport, QuarterlyReportKind
from strategy.models import (
    Pillar,
    PriorityAction,
    ProgressUpdate,
    Strategy,
    period_label,
)

logger = logging.getLogger(__name__)


def _no_network(url, *args, **kwargs):
    raise ValueError(f"Remote resources are not loaded in reports: {url}")


def report_data(report: QuarterlyReport) -> dict:
    user = report.requested_by
    period = (report.period_start, report.period_end)
    strategy = Strategy.objects.current(report.period_end)
    filters = dashboards.Filters(period=period)
    grid = dashboards.status_grid(user, filters)
    actions = (
        PriorityAction.objects.restrict(user)
        .select_related("pillar", "lead_ministry")
        .order_by("pillar__number", "code")
    )
    decisions = (
        Decision.objects.restrict(user)
        .select_related("meeting__body")
        .prefetch_related(
            Prefetch(
                "follow_ups", queryset=FollowUp.objects.restrict(user).select_related("ministry")
            )
        )
        .filter(meeting__start__date__lte=report.period_end)
        .exclude(follow_up_status=FollowUpStatus.DONE)
        .order_by("-meeting__start", "code")
    )
    pillars = list(Pillar.objects.filter(strategy=strategy)) if strategy else []
    return {
        "report": report,
        "strategy": strategy,
        "period_label": period_label(*period),
        "generated_at": timezone.now(),
        "overall": dashboards.status_bars(grid["overall"]),
        "total": sum(grid["overall"].values()),
        "pillar_rows": [
            {"pillar": p, "bars": dashboards.status_bars(grid["per_pillar"][p.pk])} for p in pillars
        ],
        "compliance": dashboards.compliance(
            user, filters, grid["lead_due"], dashboards.filter_ministries(user)
        ),
        "actions": actions,
        "decisions": decisions,
    }


def render_pdf(report: QuarterlyReport) -> bytes:
    from weasyprint import HTML

    with translation.override(report.language):
        html = render_to_string("dashboard/quarterly_report.html", report_data(report))
    return HTML(string=html, url_fetcher=_no_network).write_pdf()


def render_workbook(report: QuarterlyReport) -> bytes:
    data = report_data(report)
    period_reports = (
        ProgressUpdate.objects.restrict(report.requested_by)
        .filter(period_start=report.period_start)
        .select_related("ministry")
    )
    data["actions"] = data["actions"].prefetch_related(
        Prefetch("progress_updates", queryset=period_reports, to_attr="period_reports")
    )
    with translation.override(report.language):
        actions = [
            [
                a.code,
                a.title,
                a.pillar.number,
                a.lead_ministry.code,
                a.get_status_display(),
                a.percent_complete,
                a.start_date,
                a.due_date,
                ", ".join(f"{r.ministry.code}: {r.get_state_display()}" for r in a.period_reports),
            ]
            for a in data["actions"]
        ]
        reports = [
            [
                r.action.code,
                r.ministry.code,
                r.period_label,
                r.get_state_display(),
                r.get_status_display(),
                r.percent_complete,
                r.narrative,
                r.challenges,
                r.support_needed,
            ]
            for r in ProgressUpdate.objects.restrict(report.requested_by)
            .filter(period_start=report.period_start)
            .select_related("action", "ministry")
            .order_by("action__code", "ministry__code")
        ]
        counts = Counter()
        for row in reports:
            counts[row[3]] += 1
        return workbook_with_sheets(
            [
                (
                    _("Actions"),
                    [
                        _("Code"),
                        _("Title"),
                        _("Pillar"),
                        _("Lead ministry"),
                        _("Status"),
                        _("Percent complete"),
                        _("Start"),
                        _("Due"),
                        _("Reports this period"),
                    ],
                    actions,
                ),
                (
                    _("Reports"),
                    [
                        _("Action"),
                        _("Ministry"),
                        _("Period"),
                        _("State"),
                        _("Status"),
                        _("Percent complete"),
                        _("Narrative"),
                        _("Challenges"),
                        _("Support needed"),
                    ],
                    reports,
                ),
            ]
        )


def waiting_ids() -> list[int]:
    """Reports asked for while the broker was down (their task was never queued). Ten
    minutes leave a queued report, which takes about 30 s, time to be made first."""
    cutoff = timezone.now() - datetime.timedelta(minutes=10)
    return list(
        QuarterlyReport.objects.filter(state="pending", created_at__lt=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:5]
    )


def render(report_id: int) -> str:
    report = QuarterlyReport.objects.select_related("requested_by").get(pk=report_id)
    if report.state == "ready":
        return report.state
    started = time.monotonic()
    try:
        if report.kind == QuarterlyReportKind.PDF:
            content, name = render_pdf(report), "quarterly-report.pdf"
        else:
            content, name = render_workbook(report), "quarterly-data.xlsx"
    except Exception as error:  # noqa: BLE001 - shown on the page, logged with its trace
        logger.exception("Quarterly report %s failed", report_id)
        report.state, report.error = "failed", str(error)[:500]
        report.save(update_fields=["state", "error"])
        return report.state
    report.file.save(name, ContentFile(content), save=False)
    report.state, report.seconds = "ready", round(time.monotonic() - started, 2)
    report.save(update_fields=["file", "state", "seconds"])
    return report.state
