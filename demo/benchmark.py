"""Measuring the server time of the portal's main pages, for the benchmark_pages command (which
says how and where to run it): each page gets a Result with its timings, SQL query count and
size, and targets() says which performance targets of the dashboards issue hold.
"""

import datetime
import math
import statistics
import time
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.db import connection
from django.test import Client
from django.test.utils import (
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordination import two_factor
from coordination.models import User
from demo.national_dataset import FOCAL_POINT_PREFIX
from reporting import quarterly
from reporting.models import QuarterlyReport, QuarterlyReportKind
from strategy.models import PriorityAction, Strategy

MINIMAL = "minimal page"
STEERING_DASHBOARD = "steering dashboard"
MAX_QUERIES = 20
MAX_PDF_SECONDS = 30
MAX_RATIO = 3
MAX_RATIO_STEERING_DASHBOARD = 5
# A focal point's page may be this much slower than the steering body's (measurement noise).
FOCAL_POINT_TOLERANCE = 1.2


class SignInRefused(Exception):
    """A benchmark user could not get past the second factor."""


@dataclass
class Result:
    page: str
    role: str
    url: str = ""
    status: str = ""
    timings: list[float] | None = None
    queries: int | None = None
    sql_ms: float | None = None
    slowest: tuple[float, str] | None = None
    size: int | None = None
    problem: str = ""

    @property
    def measured(self) -> bool:
        return bool(self.timings)

    @property
    def median(self) -> float:
        return statistics.median(self.timings)

    @property
    def p95(self) -> float:
        ordered = sorted(self.timings)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _url(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _content(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def settings_overrides() -> tuple[dict, bool]:
    """The settings the test client needs on these settings, and whether static URLs go
    unhashed for want of a collectstatic manifest."""
    hosts = list(settings.ALLOWED_HOSTS)
    if "testserver" not in hosts and "*" not in hosts:
        hosts.append("testserver")
    overrides = {"ALLOWED_HOSTS": hosts}
    storage = staticfiles_storage
    if not (isinstance(storage, ManifestFilesMixin) and storage.read_manifest() is None):
        return overrides, False
    # Without collectstatic the manifest storage fails on every {% static %}; plain
    # static URLs cost the same to build.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    overrides["STORAGES"] = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return overrides, True


def signed_in(user) -> Client:
    """A client past the password and, for roles that need one, the second factor, typed
    on the verification page as a person types it. A benchmark user of such a role gets
    an authenticator if they have none, as at a person's first sign-in."""
    client = Client()
    client.force_login(user)
    if two_factor.is_required(user) or two_factor.is_enrolled(user):
        device = two_factor.authenticator(user) or TOTPDevice.objects.create(
            user=user, name="benchmark", confirmed=True
        )
        response = client.post(
            reverse("account:two_factor_verify"),
            {"code": f"{totp(device.bin_key):06d}"},
            secure=True,
        )
        if response.status_code != 302:
            raise SignInRefused(f"The second factor of {user.username} was refused.")
    return client


def default_focal_point() -> str:
    first = (
        User.objects.filter(username__startswith=FOCAL_POINT_PREFIX)
        .order_by("username")
        .values_list("username", flat=True)
        .first()
    )
    return first or "fp-momd"


def pages(users, clients) -> list[tuple[str, str, str | None]]:
    """The pages to measure as (page, role, URL); the URL is None where there is none."""
    listed = [
        (MINIMAL, "steering", _url("about")),
        (STEERING_DASHBOARD, "steering", _url("dashboard:steering")),
        (STEERING_DASHBOARD, "secretariat", _url("dashboard:steering")),
        ("ministry dashboard", "focal point", _url("dashboard:ministry")),
    ]
    for role in ("steering", "focal point"):
        listed.append(("action list, first page", role, _url("strategy:action_list")))
    for role in ("steering", "focal point"):
        listed.append(("action list, last page", role, _last_page_url(clients.get(role))))
    for role in ("steering", "focal point"):
        listed.append(("action detail", role, _action_url(users[role])))
    for role in ("steering", "focal point"):
        listed.append(("decision register", role, _url("meetings:decision_register")))
    return listed


def _action_url(user) -> str | None:
    if user is None:
        return None
    action = PriorityAction.objects.restrict(user).order_by("pk").first()
    return _url("strategy:action_detail", action.pk) if action else None


def _last_page_url(client: Client | None) -> str | None:
    """The action list's last page, found from the first page's paginator."""
    url = _url("strategy:action_list")
    if client is None or url is None:
        return None
    # Responses carry their template context only with the test environment's
    # instrumented rendering; it is switched on for this one request, not for the timings.
    setup_test_environment()
    try:
        response = client.get(url, secure=True)
    except Exception:  # noqa: BLE001 - measured (and reported) with the first page
        return None
    finally:
        teardown_test_environment()
    paginator = response.context["paginator"] if response.context else None
    if paginator is None:
        return url
    return f"{url}?page={paginator.num_pages}"


def measure_page(page, role, url, clients, names, *, warmup, requests) -> Result:
    """The page's result as ``role``, or why it could not be measured."""
    result = Result(page=page, role=role, url=url or "")
    if role not in clients:
        result.status, result.problem = "no user", f"no user {names[role]!r}"
    elif url is None:
        result.status = "missing"
        result.problem = {
            "action detail": "no action visible to the user, or URL does not resolve",
            "action list, last page": "URL does not resolve or first page failed",
        }.get(page, "URL does not resolve")
    else:
        _measure(clients[role], result, warmup=warmup, requests=requests)
    return result


def _measure(client: Client, result: Result, *, warmup, requests) -> None:
    # secure=True: the production settings redirect plain HTTP to HTTPS.
    try:
        for _ in range(warmup):
            client.get(result.url, secure=True)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(result.url, secure=True)
        captured = [(float(q["time"]) * 1000, q["sql"]) for q in queries.captured_queries]
        result.queries = len(captured)
        result.sql_ms = sum(ms for ms, _ in captured)
        result.slowest = max(captured, default=None)
        result.size = len(_content(response))
        result.status = str(response.status_code)
        if response.status_code != 200:
            result.problem = f"status {response.status_code}"
            return
        timings = []
        for _ in range(requests):
            began = time.perf_counter()
            response = client.get(result.url, secure=True)
            _content(response)
            timings.append((time.perf_counter() - began) * 1000)
        result.timings = timings
    except Exception as error:  # noqa: BLE001 - report the failure and measure the rest
        result.status = "error"
        result.problem = f"{type(error).__name__}: {error}"


def last_finished_quarter() -> tuple[datetime.date, datetime.date] | None:
    """The current strategy's last finished reporting period, None without a strategy."""
    strategy = Strategy.objects.current()
    if strategy is None:
        return None
    today = timezone.localdate()
    current = strategy.period_containing(today) or strategy.reporting_periods()[-1]
    return strategy.period_containing(current[0] - datetime.timedelta(days=1)) or current


def time_quarterly_report(kind, period, user) -> tuple[str, float | None, int]:
    """Make the period's quarterly report of ``kind`` as the Celery task makes it (in this
    process), then remove it and its file: its state, seconds and size in bytes."""
    start, end = period
    report = QuarterlyReport.objects.create(
        period_start=start,
        period_end=end,
        kind=kind,
        language=user.language,
        requested_by=user,
    )
    state = quarterly.render(report.pk)
    report.refresh_from_db()
    size = report.file.size if state == "ready" else 0
    seconds = report.seconds
    report.file.delete(save=False)
    report.delete()
    return state, seconds, size


def baseline(results) -> float | None:
    minimal = next((r for r in results if r.page == MINIMAL and r.measured), None)
    return minimal.median if minimal else None


def targets(results, report_seconds) -> list[tuple[bool, str]]:
    """Every target checked, as (passed, what was checked)."""
    minimal_median = baseline(results)
    checks = []
    for result in results:
        name = f"{result.page} ({result.role})"
        if not result.measured:
            checks.append((False, f"{name}: not measured ({result.problem or result.status})"))
            continue
        checks.append(
            (
                result.queries <= MAX_QUERIES,
                f"{name}: {result.queries} SQL queries <= {MAX_QUERIES}",
            )
        )
        if result.page == MINIMAL:
            continue
        limit = MAX_RATIO_STEERING_DASHBOARD if result.page == STEERING_DASHBOARD else MAX_RATIO
        if minimal_median is None:
            checks.append((False, f"{name}: ratio <= {limit} (no minimal page to compare with)"))
        else:
            ratio = result.median / minimal_median
            checks.append((ratio <= limit, f"{name}: median {ratio:.2f} x minimal page <= {limit}"))
    steering = {r.page: r for r in results if r.role == "steering" and r.measured}
    # A focal point's dashboard is compared with the steering body's.
    counterpart = {"ministry dashboard": STEERING_DASHBOARD}
    for result in results:
        page = counterpart.get(result.page, result.page)
        if result.role != "focal point" or not result.measured or page not in steering:
            continue
        reference = steering[page].median
        checks.append(
            (
                result.median <= FOCAL_POINT_TOLERANCE * reference,
                f"{result.page}: focal point {result.median:.1f} ms <= {FOCAL_POINT_TOLERANCE} x "
                f"steering {reference:.1f} ms",
            )
        )
    for kind, seconds in report_seconds.items():
        if kind == QuarterlyReportKind.PDF:
            checks.append(
                (
                    seconds is not None and seconds < MAX_PDF_SECONDS,
                    f"quarterly {kind}: {seconds} s < {MAX_PDF_SECONDS} s",
                )
            )
    return checks
