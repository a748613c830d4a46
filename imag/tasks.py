from celery import shared_task


@shared_task
def ping() -> str:
    """Answers from a worker: the health check's proof that a worker consumes the queue."""
    return "pong"


@shared_task(acks_late=True)
def render_quarterly_report(report_id: int) -> str:
    from imag import quarterly

    return quarterly.render(report_id)
