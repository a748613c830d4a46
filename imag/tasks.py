from celery import shared_task


@shared_task
def ping() -> str:
    """Answers from a worker: the health check's proof that a worker consumes the queue."""
    return "pong"
