"""One way of writing dates per language: every page a person reaches from home, in each
language, writes its dates in words (day, month name, year), never as numbers that a reader
must guess the order of ("11/30/2026") or that right-to-left text turns around
("2026-07 – 2026-09")."""

import datetime
import io
import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.utils import formats, timezone, translation

from coordination import exports
from coordination.models import User
from tests import shared_data

pytestmark = pytest.mark.django_db

NUMERIC_DATES = re.compile(
    r"(?<![\w/-])("
    r"\d{1,2}/\d{1,2}/\d{2,4}"  # 11/30/2026, 30/11/2026
    r"|\d{4}/\d{1,2}/\d{1,2}"  # 2026/11/30
    r"|\d{4}-\d{1,2}(?:-\d{1,2})?"  # 2026-07, 2026-07-01
    r")(?![\w/-])"
)
# Addresses left out: signing out, files rather than pages, the administrators' site.
SKIPPED = ("/accounts/logout", "/i18n/", "/admin/", "/static/", "/media/")
SKIPPED_ENDINGS = ("/export/", "/download/", ".pdf", ".xlsx", ".ics")
PAGES_PER_PERSON = 60
PAGES_PER_KIND = 3


class _Text(HTMLParser):
    """What a reader sees (text outside scripts and styles, and the options of selects) and
    the page's links."""

    def __init__(self):
        super().__init__()
        self.text, self.links, self._hidden = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


def _read(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def _shape(path: str) -> str:
    """A page's kind: its address with numbers as N, without the query."""
    return re.sub(r"\d+", "N", path.split("?")[0])


def _crawl(client) -> dict[str, str]:
    """The text of pages reached from home through links, breadth first, a few of each kind
    (three action pages say what a hundred would)."""
    seen, queue, texts = {"/"}, ["/"], {}
    per_kind = Counter()
    while queue and len(texts) < PAGES_PER_PERSON:
        path = queue.pop(0)
        response = client.get(path, follow=True)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        path = response.request["PATH_INFO"]  # where a redirect led
        page = _read(response.content.decode())
        texts[path] = " ".join(page.text)
        for href in page.links:
            parts = urlsplit(urljoin(path, href))
            if parts.netloc or parts.scheme not in ("", "http", "https"):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if parts.path.startswith(SKIPPED) or parts.path.endswith(SKIPPED_ENDINGS):
                continue
            if target not in seen and per_kind[_shape(target)] < PAGES_PER_KIND:
                seen.add(target)
                per_kind[_shape(target)] += 1
                queue.append(target)
    return texts


@shared_data.fixture
def demo_portal():
    call_command("seed_demo", "--password", "demo-pass-2026", stdout=io.StringIO())


@pytest.mark.parametrize("username", ["secretariat", "fp-momd"])
@pytest.mark.parametrize("language", ["ar", "ckb", "en"])
def test_no_page_writes_a_date_in_numbers(client, demo_portal, username, language):
    user = User.objects.get(username=username)
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    texts = _crawl(client)
    # The crawl reaches the pages that write dates: lists, dashboards, records of each kind.
    reached = {_shape(path) for path in texts}
    dashboard = "/dashboard/ministry/" if username.startswith("fp-") else "/dashboard/"
    assert {
        "/",
        dashboard,
        "/actions/",
        "/actions/N/",
        "/actions/reports/N/",
        "/meetings/",
        "/meetings/N/",
        "/notifications/",
    } <= reached, sorted(reached)
    numeric = {path: NUMERIC_DATES.findall(text) for path, text in texts.items()}
    assert {path: dates for path, dates in numeric.items() if dates} == {}


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("ar", "16 كانون الأول 2026، 10:05 ص"),
        ("ckb", "16 کانوونی یەکەم 2026، 10:05"),
        ("en", "16 December 2026, 10:05"),
    ],
)
def test_a_date_and_time_is_written_one_way_per_language(language, written):
    moment = timezone.make_aware(datetime.datetime(2026, 12, 16, 10, 5))
    with translation.override(language):
        for name in ("DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"):
            assert formats.date_format(timezone.localtime(moment), name) == written
        assert formats.localize(timezone.localtime(moment)) == written
        day = written.split("،")[0].split(",")[0]
        assert formats.date_format(moment.date(), "SHORT_DATE_FORMAT") == day
        assert formats.localize(moment.date()) == day


@pytest.mark.parametrize("language", ["ar", "ckb", "en"])
def test_excel_dates_name_the_month_as_the_pages_do(language):
    with translation.override(language):
        day_format, moment_format = exports.date_formats()
    assert "mmmm" in day_format and "mmmm" in moment_format
    assert "mm/" not in day_format and "/mm" not in day_format
