"""What the load balancer asks: is the database, Redis and a Celery worker answering?"""

import redis
from celery import current_app as celery_app
from django.conf import settings
from django.db import connection

OK = "ok"
DOWN = "down"
NOT_CONFIGURED = "not configured (tasks run in-process)"


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any failure is "down", with its reason
        return f"down: {type(error).__name__}"
    return OK


def redis_status() -> str:
    if not settings.REDIS_URL:
        return NOT_CONFIGURED
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        return f"down: {type(error).__name__}"
    return OK


def worker_status() -> str:
    if not settings.REDIS_URL:
        return NOT_CONFIGURED
    try:
        replies = celery_app.control.ping(timeout=1.0)
    except Exception as error:  # noqa: BLE001
        return f"down: {type(error).__name__}"
    return OK if replies else "down: no worker answered"


def overall() -> dict[str, str]:
    redis_state = redis_status()
    return {
        "database": database_status(),
        "redis": redis_state,
        # Workers are asked through Redis: while it is down, asking only waits out the broker's
        # timeouts and retries (6 s refused, 5 s frozen), past the container's 5 s health check.
        "worker": "down: Redis is down" if redis_state.startswith("down") else worker_status(),
    }


def public(checks: dict[str, str]) -> dict[str, str]:
    """What anyone may read: ok or down for each check, without the reason or how the portal
    is set up (running without Redis is fine, so ok)."""
    return {name: OK if state in (OK, NOT_CONFIGURED) else DOWN for name, state in checks.items()}
