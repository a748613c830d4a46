"""Faults on the real services: Redis down when a report is submitted, a Celery worker killed
in the middle of a task, PostgreSQL restarted under a running portal, and what the health page
says meanwhile. Each test runs against processes of its own (a private redis-server, workers,
a private PostgreSQL cluster, gunicorn), never stopping the shared PostgreSQL and Redis. The
figures measured are printed and repeated at the end of the run."""

import datetime
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import psycopg2
import pytest
from django.db import connection
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from coordination.models import Notification
from coordination.queue import enqueue
from coordination.tasks import send_pending_notification_emails
from imag.celery import app as celery_app
from ops.tasks import ping
from strategy import notification_kinds
from strategy.models import ProgressUpdate, ReportState
from tests.services.processes import (
    PROCESS_SETTINGS,
    ROOT,
    Browser,
    PostgresCluster,
    RedisServer,
    require_services,
    start_portal,
    start_worker,
    stop,
    wait_for,
    worker_database_url,
)

pytestmark = pytest.mark.services

# The container's health check (imag/healthcheck.py, docker-compose.yml) gives up after 5 s.
HEALTH_CHECK_TIMEOUT = 5
# gunicorn kills a request after 30 s by default (the Dockerfile's command): a submit that
# takes longer shows the user an error for a report that was saved.
REQUEST_LIMIT = 30
# How long a test worker's broker waits before it delivers again a message whose worker died.
VISIBILITY_TIMEOUT = 5


def use_broker(broker_url: str, result_backend: str | None) -> None:
    """Point this process's Celery app at another Redis. The app keeps the connection pools
    and the result backend it has made (until a fork), so it lets go of those too; the pools
    stay open in kombu's registry, ready for when the app comes back to their Redis."""
    celery_app.conf.broker_url = broker_url
    celery_app.conf.result_backend = result_backend
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    celery_app._backend_cache = None
    vars(celery_app._local).pop("backend", None)


@pytest.fixture
def redis_server(transactional_db, tmp_path):
    # Set up after the database, so stopped before its tables are emptied: a request still
    # waiting on a frozen Redis then fails and lets go of its rows.
    require_services()
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def portal_redis(redis_server, settings):
    """The portal in this process (views, cache, broker, health page) uses the private Redis."""
    settings.REDIS_URL = redis_server.url
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": redis_server.url}}
    before = celery_app.conf.broker_url, celery_app.conf.result_backend
    use_broker(redis_server.url, redis_server.url)
    yield redis_server
    use_broker(*before)


@pytest.fixture
def mailbox(tmp_path):
    directory = tmp_path / "mailbox"
    directory.mkdir()
    return directory


@pytest.fixture
def workers(portal_redis, mailbox):
    """Starts portal workers on the private Redis, sending e-mail into ``mailbox``."""
    started = []

    def start(name: str, pool: str = "solo", **variables: str) -> subprocess.Popen:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": PROCESS_SETTINGS,
            "DATABASE_URL": worker_database_url(),
            "REDIS_URL": portal_redis.url,
            "EMAIL_BACKEND": "tests.services.mailbox.EmailBackend",
            "IMAG_TEST_MAILBOX": str(mailbox),
            **variables,
        }
        process = start_worker(f"{name}@localhost", environment, pool)
        started.append(process)
        return process

    yield start
    for process in started:
        stop(process, timeout=10)


@pytest.fixture
def secretariat_with_email(secretariat):
    secretariat.email = "secretariat@imag.example"
    secretariat.save()
    return secretariat


def within(seconds: float, function, *args, **kwargs):
    """function(...) in a thread: its result, or a failure after ``seconds`` rather than a
    hanging run (the thread is freed when the fixtures stop the Redis it waits on)."""

    def call():
        try:
            return function(*args, **kwargs)
        finally:
            connection.close()

    executor = ThreadPoolExecutor(max_workers=1)
    try:
        return executor.submit(call).result(timeout=seconds)
    except TimeoutError:
        pytest.fail(f"Still waiting after {seconds} s")
    finally:
        executor.shutdown(wait=False)


def submit_report(client, action, ministry, narrative: str):
    period = action.pillar.strategy.period_containing(timezone.localdate())
    return client.post(
        reverse("strategy:report_create", args=[action.pk]),
        {
            "period": period[0].isoformat(),
            "ministry": ministry.pk,
            "status": "on_track",
            "percent_complete": "30",
            "narrative": narrative,
            "submit_report": "",
            "confirm_submit": "on",
        },
    )


def mails(mailbox) -> list[str]:
    return [path.read_text() for path in sorted(mailbox.glob("*.eml"))]


def after_what_is_queued() -> None:
    """Returns once a worker has run everything queued before: one solo worker takes the
    queue in order, so the answer to this ping comes after them."""
    assert ping.delay().get(timeout=60) == "pong"


def health(client) -> tuple[int, dict, float]:
    started = time.monotonic()
    response = client.get(reverse("health"))
    return response.status_code, response.json(), time.monotonic() - started


@pytest.mark.parametrize(("fault", "patience"), [("killed", 5), ("frozen", REQUEST_LIMIT)])
def test_a_report_submitted_while_redis_is_down_is_saved_and_emailed_once_redis_is_back(
    fault, patience, client, portal_redis, workers, mailbox, fp_momd, secretariat_with_email,
    action_momd, momd, caplog, figure,
):  # fmt: skip
    """killed: connections are refused, which the portal knows at once, so the submit must
    not linger. frozen: Redis accepts connections and never answers (a hung server, a
    network dropping packets), which only socket timeouts end: they must end it before
    gunicorn gives up on the request."""
    workers("imag-outbox")  # running all along, as in production
    client.force_login(fp_momd)
    if fault == "killed":
        portal_redis.kill()
    else:
        portal_redis.freeze()

    started = time.monotonic()
    response = within(patience, submit_report, client, action_momd, momd, "Redis is down")
    took = time.monotonic() - started
    figure(f"submit with Redis {fault}: {took:.2f} s (HTTP {response.status_code})")

    assert response.status_code == 302
    report = ProgressUpdate.objects.get()
    assert response.url == reverse("strategy:report_detail", args=[report.pk])
    assert report.narrative == "Redis is down"
    assert report.state == ReportState.SUBMITTED
    page = within(REQUEST_LIMIT, client.get, response.url)
    assert page.status_code == 200
    assert "Your report was submitted to the secretariat." in page.content.decode()
    assert within(REQUEST_LIMIT, client.get, reverse("dashboard:ministry")).status_code == 200
    notice = Notification.objects.get()
    assert (notice.recipient, notice.kind) == (
        secretariat_with_email,
        notification_kinds.REPORT_SUBMITTED,
    )
    assert notice.email_sent_at is None
    assert "Broker unavailable for coordination.tasks.send_notification_emails" in caplog.text
    assert mails(mailbox) == []

    if fault == "killed":
        portal_redis.start()
    else:
        portal_redis.thaw()
    back = time.monotonic()
    # As if the outage had lasted two minutes: the outbox leaves alone what is younger than a
    # minute, whose e-mail may still be on its way.
    Notification.objects.update(created_at=F("created_at") - datetime.timedelta(minutes=2))
    # What beat sends every two minutes, sent here the portal's way (one attempt): the first
    # try after Redis is back must go through, without restarting anything.
    assert enqueue(send_pending_notification_emails)
    assert wait_for(lambda: mails(mailbox), timeout=60), "No e-mail after Redis came back"
    figure(f"e-mail out {time.monotonic() - back:.1f} s after Redis came back ({fault})")

    send_pending_notification_emails.delay()  # and the next round sends nothing more
    after_what_is_queued()
    sent = mails(mailbox)
    assert len(sent) == 1
    assert "To: secretariat@imag.example" in sent[0]
    assert "4.1" in sent[0]
    notice.refresh_from_db()
    assert notice.email_sent_at is not None
    assert notice.email_attempts == 1


def test_a_task_whose_worker_is_killed_runs_again_on_another_worker_once(
    client, portal_redis, workers, mailbox, fp_momd, secretariat_with_email, action_momd, momd,
    figure,
):  # fmt: skip
    """The whole worker dies (SIGKILL: out of memory, a lost machine) while its task is in
    the middle of sending an e-mail. The message was never acknowledged (acks_late), so the
    broker gives it to the next worker after the visibility timeout."""
    doomed = workers(
        "imag-doomed",
        IMAG_TEST_MAIL_PAUSE="300",
        IMAG_TEST_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT),
    )
    client.force_login(fp_momd)
    assert submit_report(client, action_momd, momd, "A worker dies").status_code == 302

    paused = mailbox / "paused.pid"
    assert wait_for(lambda: paused.exists() and paused.read_text(), timeout=30)
    assert int(paused.read_text()) == doomed.pid  # a solo worker runs its task itself
    os.kill(doomed.pid, signal.SIGKILL)
    doomed.wait()
    killed = time.monotonic()
    notice = Notification.objects.get()
    assert notice.email_sent_at is None  # its transaction died with the worker
    assert mails(mailbox) == []

    workers("imag-successor", IMAG_TEST_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT))
    assert wait_for(lambda: mails(mailbox), timeout=60), "The task did not run again"
    figure(
        f"task ran again {time.monotonic() - killed:.1f} s after its worker was killed "
        f"(visibility timeout {VISIBILITY_TIMEOUT} s)"
    )

    after_what_is_queued()
    assert len(mails(mailbox)) == 1
    notice.refresh_from_db()
    assert notice.email_sent_at is not None
    assert notice.email_attempts == 1
    broker = portal_redis.client()
    assert (broker.llen("celery"), broker.hlen("unacked")) == (0, 0)


def test_a_task_whose_pool_process_is_killed_is_given_back_at_once(
    client, portal_redis, workers, mailbox, fp_momd, secretariat_with_email, action_momd, momd,
    figure,
):  # fmt: skip
    """Only the pool process running the task dies; the worker sees it go and, with acks_late
    and reject_on_worker_lost, hands the message back to the broker at once. This worker has
    production's visibility timeout (an hour): a quick second run can only come from that."""
    worker = workers("imag-prefork", pool="prefork", IMAG_TEST_MAIL_PAUSE="300")
    client.force_login(fp_momd)
    assert submit_report(client, action_momd, momd, "A pool process dies").status_code == 302

    paused = mailbox / "paused.pid"
    assert wait_for(lambda: paused.exists() and paused.read_text(), timeout=30)
    pool_process = int(paused.read_text())
    assert pool_process != worker.pid
    os.kill(pool_process, signal.SIGKILL)
    killed = time.monotonic()

    assert wait_for(lambda: mails(mailbox), timeout=60), "The task did not run again"
    figure(f"task ran again {time.monotonic() - killed:.1f} s after its pool process was killed")
    after_what_is_queued()
    assert worker.poll() is None  # the worker itself carried on
    assert len(mails(mailbox)) == 1
    notice = Notification.objects.get()
    assert notice.email_sent_at is not None
    assert notice.email_attempts == 1


def test_the_health_page_says_when_redis_or_the_workers_are_down(
    client, portal_redis, workers, figure, administrator
):
    """200 while the database answers (the portal works without Redis: the outbox waits), and
    quickly enough for the container's health check, whatever Redis does."""
    client.force_login(administrator)  # who reads why a check is down
    assert health(client)[:2] == (
        200,
        {"database": "ok", "redis": "ok", "worker": "down: no worker answered"},
    )
    workers("imag-health")
    assert health(client)[:2] == (200, {"database": "ok", "redis": "ok", "worker": "ok"})

    portal_redis.freeze()
    status, checks, took = health(client)
    figure(f"health page with Redis frozen: {took:.2f} s {checks}")
    assert status == 200
    assert checks["database"] == "ok"
    assert checks["redis"].startswith("down")
    assert checks["worker"].startswith("down")
    assert took < HEALTH_CHECK_TIMEOUT

    portal_redis.thaw()
    recovered = wait_for(lambda: health(client)[1]["worker"] == "ok", timeout=60)
    assert recovered, "The worker did not come back after Redis answered again"

    portal_redis.kill()
    status, checks, took = health(client)
    figure(f"health page with Redis killed: {took:.2f} s {checks}")
    assert status == 200
    assert checks["database"] == "ok"
    assert checks["redis"].startswith("down")
    assert checks["worker"].startswith("down")
    assert took < HEALTH_CHECK_TIMEOUT


PASSWORD = "restart-proof-2026"


@pytest.fixture
def private_postgres():
    cluster = PostgresCluster()
    try:
        cluster.create()
        yield cluster
    finally:
        cluster.destroy()


def client_backends(cluster: PostgresCluster) -> set[int]:
    """The server processes serving the portal's connections to the ``imag`` database."""
    with psycopg2.connect(cluster.url("postgres")) as database, database.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity"
            " WHERE datname = 'imag' AND backend_type = 'client backend'"
        )
        return {pid for (pid,) in cursor.fetchall()}


@pytest.fixture
def portal_on_private_postgres(private_postgres):
    """gunicorn serving the portal from a migrated database on the private cluster, with one
    focal point (who signs in without a second factor); without Redis, since only the
    database is under test here."""
    administration = psycopg2.connect(private_postgres.url("postgres"))
    administration.autocommit = True
    with administration.cursor() as cursor:
        cursor.execute("CREATE DATABASE imag")
    administration.close()
    environment = {
        key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DEBUG"}
    }
    environment.update(
        DATABASE_URL=private_postgres.url("imag"),
        ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SETTINGS_MODULE=PROCESS_SETTINGS,
    )
    create_user = (
        "from coordination.models import Role, User; "
        f"User.objects.create_user('sara', password='{PASSWORD}', role=Role.FOCAL_POINT)"
    )
    for command in (["migrate", "--no-input", "-v0"], ["shell", "-c", create_user]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=environment, check=True
        )
    process, port = start_portal(environment)
    yield port
    stop(process)


def test_the_portal_answers_the_first_request_after_postgresql_restarts(
    private_postgres, portal_on_private_postgres, figure
):
    browser = Browser(portal_on_private_postgres)
    browser.log_in("sara", PASSWORD)
    assert browser.get("/actions/")[0] == 200
    before = client_backends(private_postgres)
    assert before, "The portal should keep its connection between requests (CONN_MAX_AGE)"

    started = time.monotonic()
    private_postgres.restart()
    figure(f"pg_ctl restart -m fast took {time.monotonic() - started:.2f} s")
    # The connection the portal kept is dead now; CONN_HEALTH_CHECKS replaces it at once.
    statuses = [browser.get(path)[0] for path in ("/actions/", "/health/", "/actions/")]
    failed = sum(status != 200 for status in statuses)
    figure(f"requests failing after the restart: {failed} of {len(statuses)} {statuses}")
    assert statuses == [200, 200, 200]
    assert client_backends(private_postgres).isdisjoint(before)

    private_postgres.stop()
    started = time.monotonic()
    status, body = Browser(portal_on_private_postgres).get("/health/")  # as the load balancer
    took = time.monotonic() - started
    page = browser.get("/actions/")[0]
    figure(f"PostgreSQL stopped: health HTTP {status} in {took:.2f} s {body}; a page: {page}")
    assert status == 503
    assert json.loads(body)["database"].startswith("down")
    assert took < HEALTH_CHECK_TIMEOUT
    assert page == 500
    private_postgres.start()
    assert browser.get("/actions/")[0] == 200
    assert browser.get("/health/")[0] == 200
