"""The quarterly progress report (PDF) and the data workbook (Excel) for one period, built
from what the person who asked may see."""

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination import generated
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


def report_data(report: QuarterlyReport) -> dict:
    user = report.requested_by
    period = (report.period_start, report.period_end)
    strategy = Strategy.objects.current(report.period_end)
    filters = dashboards.Filters(period=period)
    grid = dashboards.status_grid(user, filters, cells=False)
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
        "compliance": dashboards.compliance(user, filters, dashboards.filter_ministries(user)),
        "actions": actions,
        "decisions": decisions,
    }


def render_pdf(report: QuarterlyReport) -> bytes:
    html = render_to_string("reporting/quarterly_report.html", report_data(report))
    return generated.pdf_from_html(html)


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


def build(report: QuarterlyReport) -> bytes:
    """The file's content; ``generated.render`` runs it in the requester's language."""
    if report.kind == QuarterlyReportKind.PDF:
        return render_pdf(report)
    return render_workbook(report)


def render(report_id: int) -> str:
    """Make the report (the Celery task's work, also timed by ``benchmark_pages``)."""
    return generated.render(QuarterlyReport, report_id, build)
