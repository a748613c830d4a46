"""Round trips through Redis and a real Celery worker process (CI runs them; `make test-all`)."""

import datetime
import os
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import Notification
from imag.celery import app as celery_app
from ops.tasks import ping
from strategy.models import ProgressUpdate
from tests.services.processes import require_services, start_worker, stop, worker_database_url

pytestmark = pytest.mark.services


@pytest.fixture(scope="module")
def worker(django_db_setup):
    require_services()
    environment = {
        **os.environ,
        "DATABASE_URL": worker_database_url(),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    process = start_worker("imag-test@localhost", environment)
    yield process
    stop(process)


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


@pytest.mark.django_db(transaction=True)
def test_the_worker_emails_a_submitted_report_after_commit(client, worker, story, momd):
    story["secretariat"].email = "secretariat@imag.example"
    story["secretariat"].save()
    period = story["action_momd"].pillar.strategy.period_containing(timezone.localdate())
    client.force_login(story["fp_momd"])
    response = client.post(
        reverse("strategy:report_create", args=[story["action_momd"].pk]),
        {
            "period": period[0].isoformat(),
            "ministry": momd.pk,
            "status": "on_track",
            "percent_complete": "30",
            "narrative": "Sent through Redis",
            "submit_report": "",
            "confirm_submit": "on",
        },
    )
    assert response.status_code == 302
    assert ProgressUpdate.objects.get().narrative == "Sent through Redis"
    notice = Notification.objects.get(recipient=story["secretariat"])
    deadline = time.monotonic() + 30
    while notice.email_sent_at is None and time.monotonic() < deadline:
        time.sleep(0.2)
        notice.refresh_from_db()
    assert notice.email_sent_at is not None
    assert notice.email_sent_at >= notice.created_at - datetime.timedelta(seconds=1)
