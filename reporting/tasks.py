from celery import shared_task

from coordination import generated
from reporting import quarterly
from reporting.models import QuarterlyReport


@shared_task(acks_late=True)
def render_quarterly_report(report_id: int) -> str:
    return quarterly.render(report_id)


@shared_task(acks_late=True)
def render_waiting_quarterly_reports() -> int:
    """Celery beat: quarterly reports asked for while the broker was down."""
    return generated.render_waiting(QuarterlyReport, quarterly.build)
