"""Measure the server time of the portal's main pages on the configured database.

Requests go through Django's test client (the whole middleware stack and templates, no network
and no web server), as the steering body, a focal point and the secretariat. Meant for the
dataset of generate_national_dataset on PostgreSQL with the production settings:

    SECRET_KEY=... DATABASE_URL=postgres://... python manage.py benchmark_pages

It prints the median and 95th percentile time of each page, its SQL query count and size, its
ratio to a minimal page that only draws the base layout, and whether the performance targets
of the dashboards issue hold. It is a benchmark, not a test: it always exits 0. The measuring
is demo/benchmark.py.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import override_settings

from coordination.models import User
from demo import benchmark
from reporting.models import QuarterlyReportKind
from strategy.models import PriorityAction, ProgressUpdate


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
        overrides, unhashed_static = benchmark.settings_overrides()
        if unhashed_static:
            self.stdout.write(
                "Note: no collectstatic manifest in STATIC_ROOT; static URLs are not hashed "
                "for this run."
            )
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
        period = benchmark.last_finished_quarter()
        if period is None:
            self.stdout.write("\nNo strategy: no quarterly report to time.")
            return {}
        self.stdout.write(f"\nQuarterly report {period[0]} to {period[1]}, as {user}:")
        seconds = {}
        for kind in QuarterlyReportKind:
            state, report_seconds, size = benchmark.time_quarterly_report(kind, period, user)
            seconds[kind.value] = report_seconds if state == "ready" else None
            self.stdout.write(
                f"  {kind.value}: {state}, {report_seconds or 0:.1f} s, {size / 1024:.0f} KB"
            )
        return seconds

    def _run(self, options) -> list[benchmark.Result]:
        focal_point_name = options["focal_point"] or benchmark.default_focal_point()
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
            try:
                clients[role] = benchmark.signed_in(user)
            except benchmark.SignInRefused as error:
                raise CommandError(str(error)) from error

        results = []
        for page, role, url in benchmark.pages(users, clients):
            result = benchmark.measure_page(
                page, role, url, clients, names, warmup=self.warmup, requests=self.requests
            )
            results.append(result)
            self.stdout.write(f"  {page} ({role}): {result.status}")
        return results

    def _print_table(self, results):
        baseline = benchmark.baseline(results)
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
        self.stdout.write("\nTARGETS")
        misses = []
        for passed, text in benchmark.targets(results, report_seconds):
            self.stdout.write(f"  {'pass' if passed else 'FAIL'}  {text}")
            if not passed:
                misses.append(text)
        if misses:
            self.stdout.write(self.style.WARNING(f"\n{len(misses)} TARGETS MISSED:"))
            for text in misses:
                self.stdout.write(f"  - {text}")
        else:
            self.stdout.write(self.style.SUCCESS("\nALL TARGETS MET"))
