from celery import shared_task


@shared_task(acks_late=True)
def render_quarterly_report(report_id: int) -> str:
    from reporting import quarterly

    return quarterly.render(report_id)


@shared_task(acks_late=True)
def render_waiting_quarterly_reports() -> int:
    """Celery beat: quarterly reports asked for while the broker was down."""
    from reporting import quarterly

    return sum(quarterly.render(report_id) == "ready" for report_id in quarterly.waiting_ids())
