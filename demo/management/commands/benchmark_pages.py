"""Measure the server time of the portal's main pages on the configured database.

Requests go through Django's test client (the whole middleware stack and templates, no network
and no web server), as the steering body, a focal point and the secretariat. Meant for the
dataset of generate_national_dataset on PostgreSQL with the production settings:

    SECRET_KEY=... DATABASE_URL=postgres://... python manage.py benchmark_pages

It prints the median and 95th percentile time of each page, its SQL query count and size, its
ratio to a minimal page that only draws the base layout, and whether the performance targets
of the dashboards issue hold. It is a benchmark, not a test: it always exits 0.
"""

import datetime
import math
import statistics
import time
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
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
from reporting import quarterly
from reporting.models import QuarterlyReport, QuarterlyReportKind
from strategy.models import PriorityAction, ProgressUpdate, Strategy

MINIMAL = "minimal page"
STEERING_DASHBOARD = "steering dashboard"
COLD_PREFIX = "recomputed: "
MAX_QUERIES = 20
MAX_PDF_SECONDS = 30
MAX_RATIO = 3
MAX_RATIO_STEERING_DASHBOARD = 5
# A focal point's page may be this much slower than the steering body's (measurement noise).
FOCAL_POINT_TOLERANCE = 1.2


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


class Command(BaseCommand):
    help = (
        "Measure median and 95th percentile server time, SQL queries and size of the main "
        "pages (dashboards, action list and detail, decision register) against a minimal page."
    )

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=30, help="Timed requests per page.")
        parser.add_argument("--warmup", type=int, default=3, help="Untimed requests first.")
        parser.add_argument("--steering", default="steering-bench")
        parser.add_argument(
            "--focal-point",
            default=None,
            help="Default: the first fp-bench-* user, else fp-momd (the demo's).",
        )
        parser.add_argument("--secretariat", default="secretariat-bench")
        parser.add_argument(
            "--no-quarterly",
            action="store_true",
            help="Skip timing the quarterly PDF and workbook (about 35 s).",
        )

    def handle(self, *args, **options):
        self.requests = max(1, options["requests"])
        self.verbosity = options["verbosity"]
        self.warmup = max(0, options["warmup"])
        hosts = list(settings.ALLOWED_HOSTS)
        if "testserver" not in hosts and "*" not in hosts:
            hosts.append("testserver")
        overrides = {"ALLOWED_HOSTS": hosts}
        storage = staticfiles_storage
        if isinstance(storage, ManifestFilesMixin) and storage.read_manifest() is None:
            # Without collectstatic the manifest storage fails on every {% static %}; plain
            # static URLs cost the same to build.
            self.stdout.write(
                "Note: no collectstatic manifest in STATIC_ROOT; static URLs are not hashed "
                "for this run."
            )
            warnings.filterwarnings("ignore", "No directory at", UserWarning)
            overrides["STORAGES"] = {
                **settings.STORAGES,
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            }
        with override_settings(**overrides):
            results = self._run(options)
        self._print_table(results)
        report_seconds = {}
        steering = User.objects.filter(username=options["steering"]).first()
        if not options["no_quarterly"] and steering is not None:
            report_seconds = self._time_quarterly_reports(steering)
        self._print_targets(results, report_seconds)

    def _time_quarterly_reports(self, user) -> dict[str, float | None]:
        """Seconds to make the last finished quarter's PDF and workbook, as the Celery task
        makes them (in this process); the reports and their files are removed afterwards."""
        strategy = Strategy.objects.current()
        if strategy is None:
            self.stdout.write("\nNo strategy: no quarterly report to time.")
            return {}
        today = timezone.localdate()
        current = strategy.period_containing(today) or strategy.reporting_periods()[-1]
        start, last_quarter_end = (
            strategy.period_containing(current[0] - datetime.timedelta(days=1)) or current
        )
        self.stdout.write(f"\nQuarterly report {start} to {last_quarter_end}, as {user}:")
        seconds = {}
        for kind in QuarterlyReportKind:
            report = QuarterlyReport.objects.create(
                period_start=start,
                period_end=last_quarter_end,
                kind=kind,
                language=user.language,
                requested_by=user,
            )
            state = quarterly.render(report.pk)
            report.refresh_from_db()
            seconds[kind.value] = report.seconds if state == "ready" else None
            size = report.file.size if state == "ready" else 0
            self.stdout.write(
                f"  {kind.value}: {state}, {report.seconds or 0:.1f} s, {size / 1024:.0f} KB"
            )
            report.file.delete(save=False)
            report.delete()
        return seconds

    # -- measuring ------------------------------------------------------------------------------

    def _run(self, options) -> list[Result]:
        focal_point_name = options["focal_point"] or self._default_focal_point()
        users = {
            "steering": User.objects.filter(username=options["steering"]).first(),
            "focal point": User.objects.filter(username=focal_point_name).first(),
            "secretariat": User.objects.filter(username=options["secretariat"]).first(),
        }
        names = {
            "steering": options["steering"],
            "focal point": focal_point_name,
            "secretariat": options["secretariat"],
        }
        self.stdout.write(
            f"Database: {connection.vendor} {connection.settings_dict['NAME']!s}; "
            f"{PriorityAction.objects.count():,} actions, "
            f"{ProgressUpdate.objects.count():,} progress updates; DEBUG={settings.DEBUG}; "
            f"{self.warmup} warm-up and {self.requests} timed requests per page."
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SHOW jit")
                self.stdout.write(f"PostgreSQL jit={cursor.fetchone()[0]}")
        self.stdout.write(
            "Users: " + ", ".join(f"{role} {names[role]}" for role in users) + "\n",
        )
        clients = {}
        for role, user in users.items():
            if user is None:
                self.stdout.write(self.style.WARNING(f"No user {names[role]!r} ({role})."))
                continue
            clients[role] = self._signed_in(user)

        pages = [
            (MINIMAL, "steering", _url("about")),
            (STEERING_DASHBOARD, "steering", _url("dashboard:steering")),
            (STEERING_DASHBOARD, "secretariat", _url("dashboard:steering")),
            ("ministry dashboard", "focal point", _url("dashboard:ministry")),
            # The same pages with the cached figures thrown away before every request: what
            # the first visitor after a change waits for.
            (COLD_PREFIX + STEERING_DASHBOARD, "steering", _url("dashboard:steering")),
            (COLD_PREFIX + "ministry dashboard", "focal point", _url("dashboard:ministry")),
        ]
        for role in ("steering", "focal point"):
            pages.append(("action list, first page", role, _url("strategy:action_list")))
        for role in ("steering", "focal point"):
            pages.append(("action list, last page", role, self._last_page_url(clients.get(role))))
        for role in ("steering", "focal point"):
            pages.append(("action detail", role, self._action_url(users[role])))
        for role in ("steering", "focal point"):
            pages.append(("decision register", role, _url("meetings:decision_register")))
        # Lists and records are kept rendered too (coordination.page_cache).
        pages += [
            (COLD_PREFIX + page, role, url)
            for page, role, url in pages
            if page.startswith(("action", "decision"))
        ]

        results = []
        for page, role, url in pages:
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
                self._measure(clients[role], result)
            results.append(result)
            self.stdout.write(f"  {page} ({role}): {result.status}")
        return results

    def _signed_in(self, user) -> Client:
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
                raise CommandError(f"The second factor of {user.username} was refused.")
        return client

    def _measure(self, client: Client, result: Result) -> None:
        # secure=True: the production settings redirect plain HTTP to HTTPS.
        cold = result.page.startswith(COLD_PREFIX)
        try:
            for _ in range(self.warmup):
                client.get(result.url, secure=True)
            if cold:
                cache.clear()
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
            for _ in range(self.requests):
                if cold:
                    cache.clear()
                began = time.perf_counter()
                response = client.get(result.url, secure=True)
                _content(response)
                timings.append((time.perf_counter() - began) * 1000)
            result.timings = timings
        except Exception as error:  # noqa: BLE001 - report the failure and measure the rest
            result.status = "error"
            result.problem = f"{type(error).__name__}: {error}"

    def _default_focal_point(self) -> str:
        first = (
            User.objects.filter(username__startswith="fp-bench")
            .order_by("username")
            .values_list("username", flat=True)
            .first()
        )
        return first or "fp-momd"

    def _action_url(self, user) -> str | None:
        if user is None:
            return None
        action = PriorityAction.objects.restrict(user).order_by("pk").first()
        return _url("strategy:action_detail", action.pk) if action else None

    def _last_page_url(self, client: Client | None) -> str | None:
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

    # -- reporting ------------------------------------------------------------------------------

    def _baseline(self, results) -> float | None:
        minimal = next((r for r in results if r.page == MINIMAL and r.measured), None)
        return minimal.median if minimal else None

    def _print_table(self, results):
        baseline = self._baseline(results)
        header = (
            f"{'page':<26} {'user':<12} {'status':>7} {'median ms':>10} {'p95 ms':>8} "
            f"{'SQL':>4} {'SQL ms':>7} {'KB':>7} {'ratio':>6}"
        )
        self.stdout.write("\n" + header)
        self.stdout.write("-" * len(header))
        for result in results:
            if result.measured:
                ratio = f"{result.median / baseline:.2f}" if baseline else "-"
                numbers = (
                    f"{result.median:>10.1f} {result.p95:>8.1f} {result.queries:>4} "
                    f"{result.sql_ms:>7.0f} {result.size / 1024:>7.1f} {ratio:>6}"
                )
            else:
                queries = "-" if result.queries is None else result.queries
                size = "-" if result.size is None else f"{result.size / 1024:.1f}"
                numbers = f"{'-':>10} {'-':>8} {queries:>4} {'-':>7} {size:>7} {'-':>6}"
            self.stdout.write(f"{result.page:<26} {result.role:<12} {result.status:>7} {numbers}")
        self.stdout.write(
            "(SQL: queries of one request; SQL ms: their time in cursor.execute, which on SQLite "
            "leaves out fetching the rows; KB: response body before compression.)"
        )
        for result in results:
            if result.problem and result.status not in ("missing", "no user"):
                self.stdout.write(f"  {result.page} ({result.role}): {result.problem}")
        if self.verbosity >= 2:
            self.stdout.write("\nSlowest query of each page:")
            for result in results:
                if result.slowest:
                    ms, sql = result.slowest
                    self.stdout.write(f"  {result.page} ({result.role}), {ms:.0f} ms: {sql[:400]}")

    def _print_targets(self, results, report_seconds):
        baseline = self._baseline(results)
        misses = []
        self.stdout.write("\nTARGETS")

        def check(passed: bool, text: str):
            self.stdout.write(f"  {'pass' if passed else 'FAIL'}  {text}")
            if not passed:
                misses.append(text)

        for result in results:
            name = f"{result.page} ({result.role})"
            if not result.measured:
                check(False, f"{name}: not measured ({result.problem or result.status})")
                continue
            check(
                result.queries <= MAX_QUERIES,
                f"{name}: {result.queries} SQL queries <= {MAX_QUERIES}",
            )
            if result.page == MINIMAL:
                continue
            page = result.page.removeprefix(COLD_PREFIX)
            limit = MAX_RATIO_STEERING_DASHBOARD if page == STEERING_DASHBOARD else MAX_RATIO
            if page != result.page:
                # Shown for what it costs, not a target: the pages' medians are the ones
                # served from the cache, as most visits are between two changes.
                continue
            if baseline is None:
                check(False, f"{name}: ratio <= {limit} (no minimal page to compare with)")
            else:
                ratio = result.median / baseline
                check(ratio <= limit, f"{name}: median {ratio:.2f} x minimal page <= {limit}")
        steering = {
            r.page: r
            for r in results
            if r.role == "steering" and r.measured and not r.page.startswith(COLD_PREFIX)
        }
        # A focal point's dashboard is compared with the steering body's.
        counterpart = {"ministry dashboard": STEERING_DASHBOARD}
        for result in results:
            page = counterpart.get(result.page, result.page)
            if result.role != "focal point" or not result.measured or page not in steering:
                continue
            reference = steering[page].median
            check(
                result.median <= FOCAL_POINT_TOLERANCE * reference,
                f"{result.page}: focal point {result.median:.1f} ms <= {FOCAL_POINT_TOLERANCE} x "
                f"steering {reference:.1f} ms",
            )
        for kind, seconds in report_seconds.items():
            if kind == QuarterlyReportKind.PDF:
                check(
                    seconds is not None and seconds < MAX_PDF_SECONDS,
                    f"quarterly {kind}: {seconds} s < {MAX_PDF_SECONDS} s",
                )
        if misses:
            self.stdout.write(self.style.WARNING(f"\n{len(misses)} TARGETS MISSED:"))
            for text in misses:
                self.stdout.write(f"  - {text}")
        else:
            self.stdout.write(self.style.SUCCESS("\nALL TARGETS MET"))
