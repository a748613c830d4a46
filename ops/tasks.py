from celery import shared_task


@shared_task(ignore_result=False)
def ping() -> str:
    """Answers from a worker, through the result backend: proof that a worker consumes the
    queue (the one task whose result is read)."""
    return "pong"
