"""Measure the portal's main pages cold, against the minimal page, on the configured database.

Requests go through Django's test client (the whole middleware stack and templates, no network
and no web server), asking for gzip as browsers do, as the steering body, a focal point and
the secretariat. Meant for the dataset of generate_national_dataset on PostgreSQL with the
production settings:

    SECRET_KEY=... DATABASE_URL=postgres://... python manage.py benchmark_pages

Before every request of a measured page, untimed, it writes what that page shows (a report
of the dashboards' default period goes one step round the reporting workflow; a listed action
or decision is saved) and checks that the page shows the write: every figure is a cold one.
Each round also times /about/ (the minimal page); a page's ratio is its median over /about/'s
median in the same rounds. Each page's queries are EXPLAINed. It prints medians, 95th
percentiles, queries, sizes, the most expensive plans' scans and which targets hold, and
exits with status 1 if one is missed. The writes go through the reporting workflow (the data
stays consistent); the saved titles are put back at the end. The measuring is
demo/benchmark.py.
"""

import logging
import statistics

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import override_settings

from coordination.models import User
from demo import benchmark
from reporting.models import QuarterlyReportKind
from strategy.models import PriorityAction, ProgressUpdate, Strategy


class Command(BaseCommand):
    help = (
        "Measure the main pages cold (each request right after a write it must show) against "
        "/about/ in the same rounds: median and 95th percentile, SQL queries and their plans, "
        "size; exit status 1 when a target is missed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=30, help="Timed requests per page.")
        parser.add_argument(
            "--warmup", type=int, default=3, help="Untimed rounds first (cold too)."
        )
        parser.add_argument("--steering", default="steering-bench")
        parser.add_argument(
            "--focal-point",
            default=None,
            help="Default: the first fp-bench-* user, else fp-momd (the demo's).",
        )
        parser.add_argument("--secretariat", default="secretariat-bench")
        parser.add_argument(
            "--no-import",
            action="store_true",
            help="Skip timing the import of the whole action plan from Excel.",
        )
        parser.add_argument(
            "--no-quarterly",
            action="store_true",
            help="Skip timing the periodic PDF and workbook (3 of each, in Arabic).",
        )

    def handle(self, *args, **options):
        self.requests = max(1, options["requests"])
        self.verbosity = options["verbosity"]
        self.warmup = max(0, options["warmup"])
        # The writes notify people: without a broker Celery runs the e-mail tasks here and
        # logs each one; the sign-ins log too. Not what is measured.
        for name in ("celery", "axes"):
            logging.getLogger(name).setLevel(logging.WARNING)
        logging.getLogger("kombu").setLevel(logging.ERROR)
        overrides, unhashed_static = benchmark.settings_overrides()
        if unhashed_static:
            self.stdout.write(
                "Note: no collectstatic manifest in STATIC_ROOT; static URLs are not hashed "
                "for this run."
            )
        with override_settings(**overrides):
            results = self._run(options)
        self._print_table(results)
        self._print_plans(results)
        report_seconds = {}
        steering = User.objects.filter(username=options["steering"]).first()
        if not options["no_quarterly"] and steering is not None:
            report_seconds = self._time_quarterly_reports(steering)
        secretariat = User.objects.filter(username=options["secretariat"]).first()
        if not options["no_import"] and secretariat is not None:
            report_seconds[benchmark.PLAN_IMPORT] = self._time_plan_import(secretariat)
        if not self._print_targets(results, report_seconds):
            raise SystemExit(1)

    def _time_plan_import(self, user) -> float | None:
        """Seconds to check and import the whole plan, every action new (rolled back)."""
        if Strategy.objects.current() is None:
            self.stdout.write("\nNo strategy: no action plan to import.")
            return None
        check, run, actions, state = benchmark.time_plan_import(user)
        self.stdout.write(
            f"\nAction plan import of {actions:,} new actions (ar), as {user}: {state}; "
            f"checked in {check:.1f} s, imported in {run:.1f} s (rolled back)."
        )
        return round(check + run, 1) if state == "imported" else None

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
            runs = []
            for _run in range(benchmark.PDF_RUNS):
                state, report_seconds, size = benchmark.time_quarterly_report(kind, period, user)
                runs.append(report_seconds if state == "ready" else None)
                self.stdout.write(
                    f"  {kind.value} (ar): {state}, {report_seconds or 0:.1f} s, "
                    f"{size / 1024:.0f} KB"
                )
            seconds[kind.value] = None if None in runs else statistics.median(runs)
        return seconds

    def _run(self, options) -> list[benchmark.Result]:
        focal_point_name = options["focal_point"] or benchmark.default_focal_point()
        names = {
            "steering": options["steering"],
            "focal point": focal_point_name,
            "secretariat": options["secretariat"],
        }
        users = {role: User.objects.filter(username=name).first() for role, name in names.items()}
        self.stdout.write(
            f"Database: {connection.vendor} {connection.settings_dict['NAME']!s}; "
            f"{PriorityAction.objects.count():,} actions, "
            f"{ProgressUpdate.objects.count():,} progress updates; DEBUG={settings.DEBUG}; "
            f"{self.warmup} warm-up and {self.requests} timed rounds per page, each request "
            "of a page right after a write it must show."
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
        for page in benchmark.pages(users, clients):
            result = benchmark.measure_page(
                page, clients, names, warmup=self.warmup, requests=self.requests
            )
            results.append(result)
            self.stdout.write(
                f"  {page.name} ({page.role}): {result.status}, {result.writes} writes"
                + (f", {len(result.stale)} NOT SHOWN" if result.stale else "")
            )
        return results

    def _print_table(self, results):
        about = [t for r in results for t in r.about_timings]
        header = (
            f"{'page':<24} {'user':<11} {'status':>6} {'median':>7} {'p95':>7} "
            f"{'/about/':>7} {'ratio':>6} {'max':>4} {'SQL':>4} {'SQL ms':>6} "
            f"{'KB sent':>7} {'KB raw':>7}"
        )
        self.stdout.write("\n" + header)
        self.stdout.write("-" * len(header))
        for result in results:
            limit = "" if result.page == benchmark.MINIMAL else benchmark.ratio_limit(result.page)
            if result.measured:
                numbers = (
                    f"{result.median:>7.1f} {result.p95:>7.1f} {result.about_median:>7.1f} "
                    f"{result.ratio:>6.2f} {limit:>4} "
                    f"{'-' if result.queries is None else result.queries:>4} "
                    f"{result.sql_ms or 0:>6.0f} {(result.size or 0) / 1024:>7.1f} "
                    f"{(result.raw_size or 0) / 1024:>7.1f}"
                )
            else:
                numbers = f"{'-':>7} {'-':>7} {'-':>7} {'-':>6} {limit:>4}"
            self.stdout.write(
                f"{result.page[:24]:<24} {result.role:<11} {result.status:>6} {numbers}"
            )
        if about:
            self.stdout.write(
                f"/about/ over all rounds: median {statistics.median(about):.1f} ms, "
                f"p95 {benchmark.percentile(about, 0.95):.1f} ms."
            )
        encodings = {r.encoding or "identity" for r in results if r.measured}
        self.stdout.write(
            "(ms: server time in this process, cold; /about/: its median in the same rounds; "
            "ratio: median / that; max: the target ratio; SQL: queries of one cold request and "
            "their time in cursor.execute; KB sent: the body as sent, encoding "
            f"{', '.join(sorted(encodings)) or '-'}; KB raw: uncompressed.)"
        )
        for result in results:
            if result.problem and result.status not in ("missing", "no user"):
                self.stdout.write(f"  {result.page} ({result.role}): {result.problem}")
            for stale in result.stale[:3]:
                self.stdout.write(f"  {result.page} ({result.role}): NOT SHOWN {stale}")

    def _print_plans(self, results):
        if not any(result.plans for result in results):
            return
        self.stdout.write(
            f"\nQUERY PLANS (EXPLAIN, planner defaults; the {benchmark.PLANS_SHOWN} most "
            "expensive queries of each page and any sequential scan of a table over "
            f"{benchmark.LARGE_TABLE_ROWS:,} rows)"
        )
        for result in results:
            if not result.plans:
                continue
            self.stdout.write(f"{result.page} ({result.role}): {len(result.plans)} read queries")
            for rank, plan in enumerate(result.plans):
                large = [scan for scan in plan.scans if scan.large_seq_scan]
                if rank >= benchmark.PLANS_SHOWN and not large and not plan.error:
                    continue
                sql = " ".join(plan.sql.split())
                self.stdout.write(f"  cost {plan.cost:>10,.0f}  {sql[:110]}")
                if plan.error:
                    self.stdout.write(f"      could not EXPLAIN: {plan.error[:200]}")
                for scan in plan.scans:
                    flag = "  <- SEQ SCAN OF A LARGE TABLE" if scan.large_seq_scan else ""
                    self.stdout.write(f"      {scan}{flag}")

    def _print_targets(self, results, report_seconds) -> bool:
        self.stdout.write("\nTARGETS")
        misses = []
        for passed, text in benchmark.targets(results, report_seconds):
            self.stdout.write(f"  {'pass' if passed else 'MISS'}  {text}")
            if not passed:
                misses.append(text)
        if misses:
            self.stdout.write(self.style.WARNING(f"\n{len(misses)} TARGETS MISSED:"))
            for text in misses:
                self.stdout.write(f"  - {text}")
            return False
        self.stdout.write(self.style.SUCCESS("\nALL TARGETS MET"))
        return True
