"""A round trip through Redis and a real Celery worker process (CI runs it; `make test-all`)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from imag.celery import app as celery_app
from imag.tasks import ping

pytestmark = pytest.mark.services
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def worker():
    if not settings.REDIS_URL:
        pytest.fail("Service tests need REDIS_URL (and DATABASE_URL) set: see .ci/run")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "imag",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--hostname=imag-test@%h",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    deadline = time.monotonic() + 60
    while not celery_app.control.ping(timeout=1.0):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("The Celery worker did not start")
    yield process
    process.terminate()
    process.wait(timeout=30)


def test_tasks_are_not_run_in_process_when_redis_is_configured():
    assert celery_app.conf.task_always_eager is False


def test_a_task_goes_through_redis_to_the_worker_and_back(worker):
    result = ping.delay()
    assert result.get(timeout=30) == "pong"
    assert result.successful()


@pytest.mark.django_db
def test_the_health_page_sees_redis_and_the_worker(client, worker):
    checks = client.get(reverse("health")).json()
    assert checks == {"database": "ok", "redis": "ok", "worker": "ok"}
