"""Queueing Celery tasks from web requests without ever failing the request."""

import logging

logger = logging.getLogger(__name__)


def enqueue(task, *args) -> bool:
    """Send ``task`` to the broker; True if it was queued. A broker that is down (kombu and
    redis raise several kinds of errors) is logged, and the periodic task that sweeps
    pending work sends it later: the user's saved data never depends on the broker.

    One attempt, without Celery's publish retries: against a Redis that accepts connections
    but never answers, each retry waits out the socket timeouts again (25 s with the default
    three, one socket timeout without). redis-py still replaces a connection that Redis
    closed, so the first task after a Redis restart goes through."""
    try:
        task.apply_async(args, retry=False)
    except Exception:  # noqa: BLE001
        logger.warning(
            "Broker unavailable for %s%s; left for the sweep", task.name, args, exc_info=True
        )
        return False
    return True
