from celery import shared_task


@shared_task(ignore_result=False)
def ping() -> str:
    """Answers from a worker, through the result backend: proof that a worker consumes the
    queue (the one task whose result is read)."""
    return "pong"


@shared_task(acks_late=True)
def render_quarterly_report(report_id: int) -> str:
    from imag import quarterly

    return quarterly.render(report_id)


@shared_task(acks_late=True)
def render_waiting_quarterly_reports() -> int:
    """Celery beat: quarterly reports asked for while the broker was down."""
    from imag import quarterly

    return sum(quarterly.render(report_id) == "ready" for report_id in quarterly.waiting_ids())
