"""Measuring the portal's main pages cold, for the benchmark_pages command (which says how and
where to run it).

Cold means right after a write: before every request of a measured page, untimed, the
benchmark changes what that page shows (a dashboard: a report of its default period is
validated, reopened, submitted again or returned through the reporting workflow; a list,
detail, register or queue: a record the page lists is saved), and after the request it checks
that the page shows the change. A page served from anything kept across requests would show
the old figure, and that is counted as a miss. Each round also times the minimal page
``/about/`` with the same client, so every page is compared with the minimal page measured in
the same rounds, on the same busy machine.

Each page's queries of one cold request are EXPLAINed (planner defaults); a sequential scan of
a large table is a miss too. targets() decides which targets hold; it and the helpers that
read a page (table_rows, figure, linked_ids) are plain functions, tested in tests/demo/.
"""

import datetime
import gzip
import math
import re
import statistics
import time
import warnings
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import F
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from actionplan import services as plan_services
from actionplan import workbook as plan_workbook
from actionplan.models import ImportState, PlanImport
from coordination import access, two_factor
from coordination.exports import workbook_with_sheets
from coordination.models import User
from coordination.rows import translated_columns
from demo.national_dataset import FOCAL_POINT_PREFIX
from meetings.models import Decision, Meeting
from reporting import dashboards, quarterly
from reporting.models import QuarterlyReport, QuarterlyReportKind
from strategy import services
from strategy.models import (
    OPEN_STATUSES,
    ActionPeriodStatus,
    ActionStatus,
    PriorityAction,
    ProgressUpdate,
    ReportState,
    Strategy,
    owes_report_for,
    period_name,
)

MINIMAL = "/about/"
STEERING_DASHBOARD = "steering dashboard"
MINISTRY_DASHBOARD = "ministry dashboard"
DASHBOARDS = (STEERING_DASHBOARD, MINISTRY_DASHBOARD)
MAX_QUERIES = 20
MAX_PDF_SECONDS = 5
PDF_RUNS = 3
# Median of a page over the median of /about/ in the same rounds, cold.
MAX_RATIO = 3
MAX_RATIO_DASHBOARD = 5
# A sequential scan of a table with more rows than this is a miss (EXPLAIN, planner defaults).
LARGE_TABLE_ROWS = 10_000
# Plans printed per page: the most expensive queries, by the planner's total cost.
PLANS_SHOWN = 3
MARKER = re.compile(r"^\[bench-\d+\] ")
# Searched for on the search page: in the national dataset "mi" begins words of every kind
# (Ministry in actions' descriptions and meetings' places, milestone and migration in reports,
# migration in agenda items, ministries in decisions), hundreds of each for a focal point.
SEARCH_QUERY = "mi"


class SignInRefused(Exception):
    """A benchmark user could not get past the second factor."""


def ratio_limit(page: str) -> int:
    return MAX_RATIO_DASHBOARD if page in DASHBOARDS else MAX_RATIO


@dataclass
class Scan:
    """One scan node of a query plan."""

    node: str
    relation: str
    index: str = ""
    rows: float = 0
    table_rows: float = 0

    @property
    def large_seq_scan(self) -> bool:
        return self.node == "Seq Scan" and self.table_rows > LARGE_TABLE_ROWS

    def __str__(self) -> str:
        using = f" using {self.index}" if self.index else ""
        return (
            f"{self.node}{using} on {self.relation} (~{self.rows:,.0f} of "
            f"{self.table_rows:,.0f} rows)"
        )


@dataclass
class Plan:
    sql: str
    cost: float = 0
    scans: list[Scan] = field(default_factory=list)
    error: str = ""


@dataclass
class Result:
    page: str
    role: str
    url: str = ""
    status: str = ""
    timings: list[float] = field(default_factory=list)
    # /about/ with the same client, timed in the same rounds.
    about_timings: list[float] = field(default_factory=list)
    queries: int | None = None
    sql_ms: float | None = None
    size: int | None = None  # as sent (compressed if the page was)
    raw_size: int | None = None
    encoding: str = ""
    writes: int = 0
    stale: list[str] = field(default_factory=list)  # writes the page did not show
    plans: list[Plan] = field(default_factory=list)
    problem: str = ""

    @property
    def measured(self) -> bool:
        return bool(self.timings)

    @property
    def median(self) -> float:
        return statistics.median(self.timings)

    @property
    def p95(self) -> float:
        return percentile(self.timings, 0.95)

    @property
    def about_median(self) -> float | None:
        return statistics.median(self.about_timings) if self.about_timings else None

    @property
    def ratio(self) -> float | None:
        about = self.about_median
        return self.median / about if self.measured and about else None

    @property
    def large_seq_scans(self) -> list[Scan]:
        return [scan for plan in self.plans for scan in plan.scans if scan.large_seq_scan]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


# -- reading a page -----------------------------------------------------------------------------


class _Tables(HTMLParser):
    """The text of each table row's cells, in page order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table_rows(html: str) -> list[list[str]]:
    parser = _Tables()
    parser.feed(html)
    parser.close()
    return parser.rows


def figure(html: str, headers) -> tuple[tuple[str, ...], ...]:
    """The rows of every table of the page whose first cell is one of ``headers`` (a ministry's
    compliance row, a period's trend row...): what a write to that ministry's report of that
    period must change."""
    wanted = set(headers)
    return tuple(tuple(row) for row in table_rows(html) if row and row[0] in wanted)


def linked_ids(html: str, url_name: str) -> list[int]:
    """Ids of the records of ``url_name`` (a URL taking one id) linked from the page, in page
    order."""
    pattern = re.escape(reverse(url_name, args=[987654321])).replace("987654321", r"(\d+)")
    return [int(pk) for pk in re.findall(f'href="{pattern}[?"#]', html)]


def body(response) -> tuple[str, int, int]:
    """The page's text, and its size as sent and unpacked."""
    sent = b"".join(response.streaming_content) if response.streaming else response.content
    raw = gzip.decompress(sent) if response.get("Content-Encoding") == "gzip" else sent
    return raw.decode(response.charset or "utf-8", errors="replace"), len(sent), len(raw)


# -- the writes that make each request cold ------------------------------------------------------


class Write:
    """An untimed write before each request of one page, and the check that the page shows
    it. ``prepare`` sees the page before the first write."""

    what = ""

    def prepare(self, html: str) -> str | None:
        """Why this page cannot be measured cold, or None."""
        return None

    def write(self) -> str:
        """Make the write; what was done."""
        raise NotImplementedError

    def check(self, html: str) -> str | None:
        """Why the page does not show the last write, or None."""
        return None

    def finish(self) -> None:
        """Put back what is not the workflow's to leave changed."""


class ReportCycle(Write):
    """A report counted on a dashboard in its default period goes round the workflow as the
    secretariat would move it: submitted -> returned -> submitted -> validated -> reopened
    (returned) -> submitted -> returned... Every step changes the ministry's compliance row
    (reports received) or the period's trend row (its status in the period), or both: a
    report sent to be validated states another status than the period shows."""

    def __init__(self, report: ProgressUpdate, writer, *, headers):
        self.report_pk, self.writer, self.headers = report.pk, writer, headers
        self.what = f"report {report.pk} ({', '.join(headers)})"
        self.last_review = ReportState.VALIDATED
        self.shown = None

    def prepare(self, html):
        self.shown = figure(html, self.headers)
        if not self.shown:
            return f"no table row for {' or '.join(self.headers)} on the page"
        return None

    def write(self):
        report = ProgressUpdate.objects.get(pk=self.report_pk)
        user = self.writer
        if report.state == ReportState.VALIDATED:
            services.reopen_report(user=user, report=report, reason="benchmark: reopened")
            return "reopened"
        if report.state == ReportState.SUBMITTED:
            if self.last_review == ReportState.VALIDATED:
                services.return_report(user=user, report=report, comment="benchmark: returned")
                self.last_review = ReportState.RETURNED
                return "returned"
            services.validate_report(user=user, report=report)
            self.last_review = ReportState.VALIDATED
            return "validated"
        status = report.status
        if self.last_review == ReportState.RETURNED:
            # To be validated next: with another status than the period shows now (validating
            # the status the period already carries would change no figure).
            shown = (
                ActionPeriodStatus.objects.filter(
                    action_id=report.action_id, period_start=report.period_start
                )
                .values_list("status", flat=True)
                .first()
            )
            on_track = shown == ActionStatus.ON_TRACK
            status = ActionStatus.AT_RISK if on_track else ActionStatus.ON_TRACK
        services.update_report(
            user=user,
            report=report,
            expected_version=report.version,
            content=services.ReportContent(
                fields={"status": status}, indicator_values={}, evidence=[]
            ),
            submit=True,
        )
        return f"submitted ({ActionStatus(status).label})"

    def check(self, html):
        shown, self.shown = self.shown, figure(html, self.headers)
        if not self.shown:
            return f"no table row for {' or '.join(self.headers)} on the page"
        if shown == self.shown:
            return "figures unchanged: " + " | ".join(" ".join(row) for row in shown)
        return None


class Marker(Write):
    """A record the page lists is saved with a marker at the start of its translated text
    fields ("[bench-7] ..."); the page must show the new marker. The text is put back when
    the run ends."""

    def __init__(self, model, fields, *, pick=None, pk=None, translated=True):
        self.model, self.fields, self.pick, self.pk = model, fields, pick, pk
        self.translated = translated
        self.original: dict[str, str] = {}
        self.count = 0
        self.what = f"{model._meta.verbose_name} {pk or ''}".strip()

    def _columns(self):
        if not self.translated:
            return list(self.fields)
        return [column for name in self.fields for column in translated_columns(name)]

    def prepare(self, html):
        if self.pk is None:
            self.pk = self.pick(html)
            if self.pk is None:
                return f"no {self.model._meta.verbose_name} found on the page"
            self.what = f"{self.model._meta.verbose_name} {self.pk}"
        record = self.model.objects.get(pk=self.pk)
        self.original = {
            column: MARKER.sub("", getattr(record, column) or "") for column in self._columns()
        }
        return None

    def _save(self, prefix: str) -> None:
        record = self.model.objects.get(pk=self.pk)
        for column, text in self.original.items():
            setattr(record, column, f"{prefix}{text}" if text else text)
        record.save()

    def write(self):
        self.count += 1
        self._save(f"[bench-{self.count}] ")
        return f"saved as [bench-{self.count}]"

    def check(self, html):
        if f"[bench-{self.count}]" not in html:
            return f"[bench-{self.count}] not shown"
        return None

    def finish(self):
        if self.original:
            self._save("")


class QueueTurn(Write):
    """The report waiting longest in the validation queue is returned and submitted again:
    it goes to the end of the queue, and another report must head the page."""

    what = "the first report of the queue"

    def __init__(self, writer):
        self.writer = writer
        self.first = None

    def prepare(self, html):
        ids = linked_ids(html, "strategy:report_detail")
        if len(ids) < 2:
            return "fewer than two reports in the validation queue"
        self.first = ids[0]
        return None

    def write(self):
        report = services.return_report(
            user=self.writer,
            report=ProgressUpdate.objects.get(pk=self.first),
            comment="benchmark: back to the end of the queue",
        )
        services.update_report(
            user=self.writer,
            report=report,
            expected_version=report.version,
            content=services.ReportContent(fields={}, indicator_values={}, evidence=[]),
            submit=True,
        )
        return f"report {self.first} returned and submitted again"

    def check(self, html):
        ids = linked_ids(html, "strategy:report_detail")
        turned, self.first = self.first, ids[0] if ids else None
        if self.first is None:
            return "no report in the queue"
        if self.first == turned:
            return f"report {turned} still heads the queue"
        return None


# -- users, pages and the writes for them -------------------------------------------------------


def _url(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def settings_overrides() -> tuple[dict, bool]:
    """The settings the test client needs on these settings, and whether static URLs go
    unhashed for want of a collectstatic manifest."""
    hosts = list(settings.ALLOWED_HOSTS)
    if "testserver" not in hosts and "*" not in hosts:
        hosts.append("testserver")
    # The writes notify people; without a broker the e-mails would be sent in this process
    # (to the console by default): not what is measured, and not for the output.
    overrides = {
        "ALLOWED_HOSTS": hosts,
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
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
    an authenticator if they have none, as at a person's first sign-in. It asks for
    compressed pages, as browsers do."""
    client = Client(HTTP_ACCEPT_ENCODING="gzip")
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


def default_period(user) -> tuple[datetime.date, datetime.date] | None:
    """The dashboards' default period (the last closed one), as the dashboard decides it."""
    request = RequestFactory().get("/")
    request.user = user
    return dashboards.filters_from(request, Strategy.objects.current()).period


def dashboard_report(focal_point) -> ProgressUpdate | None:
    """A report that counts on every dashboard in its default period: the focal point's
    ministry leads the action, in the current strategy, which owes a report for the period.
    The action stays open whatever the report's state: it is open now, and the report's
    status is an open one (the action's status follows it, or a later validated report)."""
    strategy = Strategy.objects.current()
    period = default_period(focal_point) if strategy else None
    if period is None:
        return None
    return (
        ProgressUpdate.objects.restrict(focal_point)
        .filter(
            period_start=period[0],
            ministry_id__in=access.ministry_ids(focal_point),
            ministry_id=F("action__lead_ministry_id"),
            action__pillar__strategy=strategy,
            action__in=PriorityAction.objects.filter(owes_report_for(period[1])).values("pk"),
            status__in=OPEN_STATUSES,
        )
        .select_related("ministry")
        .order_by("pk")
        .first()
    )


def _first_decision(html: str) -> int | None:
    codes = [row[0] for row in table_rows(html) if row]
    found = dict(Decision.objects.filter(code__in=codes).values_list("code", "pk"))
    return next((found[code] for code in codes if code in found), None)


def _first(ids: list[int]) -> int | None:
    return ids[0] if ids else None


def _last(ids: list[int]) -> int | None:
    return ids[-1] if ids else None


def _action_on_page(pick):
    return lambda html: pick(linked_ids(html, "strategy:action_detail"))


@dataclass
class Page:
    name: str
    role: str
    url: str | None
    make_write: object = None  # () -> Write, or None where the page needs no data
    problem: str = ""


def pages(users: dict, clients: dict) -> list[Page]:
    """The pages to measure, each with the write that makes its requests cold."""
    writer = users.get("secretariat")
    focal_point = users.get("focal point")
    report = dashboard_report(focal_point) if focal_point else None

    def report_cycle():
        if report is None or writer is None:
            return None
        start, end = report.period_start, report.period_end
        return ReportCycle(report, writer, headers=(report.ministry.code, period_name(start, end)))

    def action_marker(pick):
        return lambda: Marker(PriorityAction, ("title",), pick=_action_on_page(pick))

    listed = [
        Page(MINIMAL, "steering", _url("about")),
        Page(STEERING_DASHBOARD, "steering", _url("dashboard:steering"), report_cycle),
        Page(STEERING_DASHBOARD, "secretariat", _url("dashboard:steering"), report_cycle),
        Page(MINISTRY_DASHBOARD, "focal point", _url("dashboard:ministry"), report_cycle),
    ]
    for role in ("steering", "focal point"):
        listed.append(
            Page(
                "action list, first page", role, _url("strategy:action_list"), action_marker(_first)
            )
        )
    for role in ("steering", "focal point"):
        listed.append(
            Page(
                "action list, last page",
                role,
                _last_page_url(clients.get(role)),
                action_marker(_last),
            )
        )
    for role in ("steering", "focal point"):
        action = _first_action(users.get(role))
        listed.append(
            Page(
                "action detail",
                role,
                _url("strategy:action_detail", action) if action else None,
                (lambda action=action: Marker(PriorityAction, ("title",), pk=action)),
                "" if action else "no action visible to the user",
            )
        )
    for role in ("steering", "focal point"):
        listed.append(
            Page(
                "decision register",
                role,
                _url("meetings:decision_register"),
                lambda: Marker(Decision, ("text",), pick=_first_decision),
            )
        )
    listed.append(
        Page(
            "validation queue",
            "secretariat",
            _url("strategy:validation_queue"),
            lambda: QueueTurn(writer),
        )
    )
    # The home page lists reports (waiting for the secretariat, or a focal point's to finish)
    # and overdue actions, each by its action's title.
    for role in ("secretariat", "focal point"):
        listed.append(Page("home", role, _url("home"), action_marker(_first)))
    action_list = _url("strategy:action_list")
    listed.append(
        Page(
            "action list, reports due",
            "focal point",
            action_list and f"{action_list}?due=report_due",
            action_marker(_first),
        )
    )
    # A report of the focal point's ministry as the secretariat reviews it and the ministry
    # reads it, and one of its drafts in the form.
    sent = _ministry_report(focal_point, ReportState.SUBMITTED)
    for role in ("secretariat", "focal point"):
        listed.append(
            Page(
                "report page",
                role,
                _url("strategy:report_detail", sent) if sent else None,
                (lambda: Marker(ProgressUpdate, ("narrative",), pk=sent, translated=False)),
                "" if sent else "no submitted report of the focal point's ministry",
            )
        )
    draft = _ministry_report(focal_point, ReportState.DRAFT)
    listed.append(
        Page(
            "report form",
            "focal point",
            _url("strategy:report_update", draft) if draft else None,
            (lambda: Marker(ProgressUpdate, ("narrative",), pk=draft, translated=False)),
            "" if draft else "no draft report of the focal point's ministry",
        )
    )
    for role in ("secretariat", "focal point"):
        listed.append(
            Page(
                "meeting list",
                role,
                _url("meetings:meeting_list"),
                lambda: Marker(Meeting, ("title",), pick=_meeting_on_page),
            )
        )
    for role in ("secretariat", "focal point"):
        meeting = _latest_meeting(users.get(role))
        listed.append(
            Page(
                "meeting detail",
                role,
                _url("meetings:meeting_detail", meeting) if meeting else None,
                (lambda meeting=meeting: Marker(Meeting, ("title",), pk=meeting)),
                "" if meeting else "no meeting visible to the user",
            )
        )
    search = _url("search:search")
    for role in ("steering", "focal point"):
        listed.append(
            Page(
                "search",
                role,
                search and f"{search}?q={SEARCH_QUERY}",
                action_marker(_first),
            )
        )
    for page in listed:
        if page.make_write is report_cycle and report is None:
            page.problem = "no report of the focal point's ministry counts in the default period"
    return listed


def _ministry_report(focal_point, state) -> int | None:
    """The focal point's ministry's first report in ``state`` with a narrative to mark."""
    if focal_point is None:
        return None
    return (
        ProgressUpdate.objects.restrict(focal_point)
        .filter(ministry_id__in=access.ministry_ids(focal_point), state=state)
        .exclude(narrative="")
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )


def _meeting_on_page(html: str) -> int | None:
    return _first(linked_ids(html, "meetings:meeting_detail"))


def _latest_meeting(user) -> int | None:
    """The user's latest visible meeting: the most matters arising come back to it."""
    if user is None:
        return None
    return Meeting.objects.restrict(user).order_by("-start").values_list("pk", flat=True).first()


def _first_action(user) -> int | None:
    if user is None:
        return None
    return PriorityAction.objects.restrict(user).order_by("pk").values_list("pk", flat=True).first()


def _last_page_url(client: Client | None) -> str | None:
    """The action list's last page, found from the first page's pagination links."""
    url = _url("strategy:action_list")
    if client is None or url is None:
        return None
    try:
        html, _, _ = body(client.get(url, secure=True))
    except Exception:  # noqa: BLE001 - measured (and reported) with the first page
        return None
    numbers = [int(n) for n in re.findall(r'href="\?(?:[^"]*&amp;)?page=(\d+)', html)]
    return f"{url}?page={max(numbers)}" if numbers else url


# -- measuring ----------------------------------------------------------------------------------


def measure_page(page: Page, clients, names, *, warmup: int, requests: int) -> Result:
    """The page's result as its role, or why it could not be measured. Every request of the
    page follows a write it must show; /about/ is timed in the same rounds."""
    result = Result(page=page.name, role=page.role, url=page.url or "")
    if page.role not in clients:
        result.status, result.problem = "no user", f"no user {names[page.role]!r}"
        return result
    if page.url is None or page.problem:
        result.status = "missing"
        result.problem = page.problem or "URL does not resolve"
        return result
    client = clients[page.role]
    about = _url("about")
    write = page.make_write() if page.make_write else None
    try:
        response = client.get(page.url, secure=True)
        html, _, _ = body(response)
        result.status = str(response.status_code)
        if response.status_code != 200:
            result.problem = f"status {response.status_code}"
            return result
        if write is not None:
            result.problem = write.prepare(html) or ""
            if result.problem:
                return result
        for round_number in range(warmup + requests):
            timed = round_number >= warmup
            began = time.perf_counter()
            body(client.get(about, secure=True))
            if timed:
                result.about_timings.append((time.perf_counter() - began) * 1000)
            done = _write(write, result)
            began = time.perf_counter()
            response = client.get(page.url, secure=True)
            html, _, _ = body(response)
            if timed:
                result.timings.append((time.perf_counter() - began) * 1000)
            _check(write, done, html, result)
        # One more cold request, its queries counted and explained.
        done = _write(write, result)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.url, secure=True)
        html, result.size, result.raw_size = body(response)
        result.encoding = response.get("Content-Encoding", "")
        _check(write, done, html, result)
        queries = [(float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries]
        result.queries = len(queries)
        result.sql_ms = sum(ms for ms, _ in queries)
        result.plans = explain([sql for _, sql in queries])
    except Exception as error:  # noqa: BLE001 - report the failure and measure the rest
        result.status = "error"
        result.problem = f"{type(error).__name__}: {error}"
    finally:
        if write is not None:
            write.finish()
    return result


def _write(write: Write | None, result: Result) -> str:
    if write is None:
        return ""
    result.writes += 1
    return write.write()


def _check(write: Write | None, done: str, html: str, result: Result) -> None:
    problem = write.check(html) if write is not None else None
    if problem:
        result.stale.append(f"after {write.what} {done}: {problem}")


# -- EXPLAIN -----------------------------------------------------------------------------------


def table_sizes() -> dict[str, float]:
    """Rows of each table, as the planner's statistics have them (counted where they have
    not been gathered yet)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.reltuples FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'm') "
            "AND n.nspname = current_schema()"
        )
        sizes = dict(cursor.fetchall())
        for name, rows in list(sizes.items()):
            if rows < 0:
                cursor.execute(f'SELECT count(*) FROM "{name}"')  # noqa: S608 - catalogue names
                sizes[name] = cursor.fetchone()[0]
    return sizes


def scans(node: dict, sizes: dict[str, float]) -> list[Scan]:
    """The scan nodes of a JSON plan node and its children."""
    found = []
    if "Relation Name" in node:
        found.append(
            Scan(
                node=node["Node Type"],
                relation=node["Relation Name"],
                index=node.get("Index Name", ""),
                rows=node.get("Plan Rows", 0),
                table_rows=sizes.get(node["Relation Name"], 0),
            )
        )
    for child in node.get("Plans", []):
        found += scans(child, sizes)
    return found


def explain(queries: list[str]) -> list[Plan]:
    """Each distinct read query's plan (EXPLAIN without ANALYZE, the planner's settings as
    they are), the most expensive first. Only on PostgreSQL."""
    if connection.vendor != "postgresql":
        return []
    sizes = table_sizes()
    plans, seen = [], set()
    for sql in queries:
        if not sql.lstrip().upper().startswith(("SELECT", "WITH", "(")) or sql in seen:
            continue
        seen.add(sql)
        plan = Plan(sql=sql)
        try:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
                top = cursor.fetchone()[0]
            top = top[0]["Plan"] if isinstance(top, list) else top
            plan.cost = top.get("Total Cost", 0)
            plan.scans = scans(top, sizes)
        except Exception as error:  # noqa: BLE001 - shown; the page is measured anyway
            plan.error = f"{type(error).__name__}: {error}"
        plans.append(plan)
    return sorted(plans, key=lambda p: -p.cost)


# -- quarterly reports -------------------------------------------------------------------------


def last_finished_quarter() -> tuple[datetime.date, datetime.date] | None:
    """The current strategy's last finished reporting period, None without a strategy."""
    strategy = Strategy.objects.current()
    if strategy is None:
        return None
    today = timezone.localdate()
    current = strategy.period_containing(today) or strategy.reporting_periods()[-1]
    return strategy.period_containing(current[0] - datetime.timedelta(days=1)) or current


def time_quarterly_report(kind, period, user, language="ar") -> tuple[str, float | None, int]:
    """Make the period's report of ``kind`` in ``language`` as the Celery task makes it (in
    this process), then remove it and its file: its state, seconds and size in bytes. No
    file is kept from an earlier run: each is made from scratch."""
    start, end = period
    report = QuarterlyReport.objects.create(
        period_start=start,
        period_end=end,
        kind=kind,
        language=language,
        requested_by=user,
    )
    state = quarterly.render(report.pk)
    report.refresh_from_db()
    size = report.file.size if state == "ready" else 0
    seconds = report.seconds
    report.file.delete(save=False)
    report.delete()
    return state, seconds, size


MAX_PLAN_IMPORT_SECONDS = 30
PLAN_IMPORT = "action plan import"


class _RolledBack(Exception):
    pass


def time_plan_import(user, language="ar") -> tuple[float, float, int, str]:
    """Check and import, as the Celery tasks do (in this process), the current strategy's
    plan as exported with every action made new (its code prefixed), in a transaction rolled
    back at the end: seconds to check, seconds to import, actions in the file, final state."""
    strategy = Strategy.objects.current()
    rows = plan_workbook.plan_rows(user, strategy)
    for row in rows["actions"]:
        row["code"] = f"N{row['code']}"
    for row in rows["indicators"]:
        row["action"] = f"N{row['action']}"
    with translation.override(language):
        content = workbook_with_sheets(plan_workbook.sheets(rows))
    outcome = {}
    try:
        with transaction.atomic():
            plan_import = PlanImport(
                strategy=strategy, original_name="bench.xlsx", uploaded_by=user, language=language
            )
            plan_import.file.save("bench.xlsx", ContentFile(content), save=False)
            plan_import.save()
            started = time.perf_counter()
            plan_services.check(plan_import.pk)
            outcome["check"] = time.perf_counter() - started
            PlanImport.objects.filter(pk=plan_import.pk).update(state=ImportState.IMPORTING)
            started = time.perf_counter()
            outcome["state"] = plan_services.run(plan_import.pk)
            outcome["import"] = time.perf_counter() - started
            raise _RolledBack
    except _RolledBack:
        pass
    finally:
        plan_import.file.delete(save=False)
    return outcome["check"], outcome["import"], len(rows["actions"]), outcome["state"]


# -- targets -----------------------------------------------------------------------------------


def targets(results: list[Result], report_seconds: dict) -> list[tuple[bool, str]]:
    """Every target checked, as (passed, what was checked)."""
    checks = []
    for result in results:
        name = f"{result.page} ({result.role})"
        if not result.measured:
            checks.append((False, f"{name}: not measured ({result.problem or result.status})"))
            continue
        checks.append(
            (
                result.queries is not None and result.queries <= MAX_QUERIES,
                f"{name}: {result.queries} SQL queries <= {MAX_QUERIES}",
            )
        )
        checks.append(
            (
                not result.large_seq_scans,
                f"{name}: no sequential scan of a table over {LARGE_TABLE_ROWS:,} rows"
                + "".join(f"; {scan}" for scan in result.large_seq_scans),
            )
        )
        if result.page == MINIMAL:
            continue
        checks.append(
            (
                result.writes > 0 and not result.stale,
                f"{name}: shows each of the {result.writes} writes made before its requests"
                + (
                    f"; {len(result.stale)} not shown, first: {result.stale[0]}"
                    if result.stale
                    else ""
                ),
            )
        )
        limit = ratio_limit(result.page)
        ratio = result.ratio
        checks.append(
            (
                ratio is not None and ratio <= limit,
                f"{name}: median {'-' if ratio is None else f'{ratio:.2f}'} x /about/ "
                f"(same rounds) <= {limit}",
            )
        )
    for kind, seconds in report_seconds.items():
        if kind == PLAN_IMPORT:
            checks.append(
                (
                    seconds is not None and seconds < MAX_PLAN_IMPORT_SECONDS,
                    f"{PLAN_IMPORT}: checked and imported in {seconds} s < "
                    f"{MAX_PLAN_IMPORT_SECONDS} s",
                )
            )
        if kind == QuarterlyReportKind.PDF:
            checks.append(
                (
                    seconds is not None and seconds < MAX_PDF_SECONDS,
                    f"periodic report {kind}: median {seconds} s of {PDF_RUNS} < "
                    f"{MAX_PDF_SECONDS} s",
                )
            )
    return checks
