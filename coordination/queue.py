"""Queueing Celery tasks from web requests without ever failing the request."""

import logging

logger = logging.getLogger(__name__)


def enqueue(task, *args) -> bool:
    """Send ``task`` to the broker; True if it was queued. A broker that is down (kombu and
    redis raise several kinds of errors) is logged, and the periodic task that sweeps
    pending work sends it later: the user's saved data never depends on the broker."""
    try:
        task.delay(*args)
    except Exception:  # noqa: BLE001
        logger.warning(
            "Broker unavailable for %s%s; left for the sweep", task.name, args, exc_info=True
        )
        return False
    return True
