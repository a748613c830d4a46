"""The deployment's security (issue 12, items 6 and 8c-8e): sign-in throttling by the client's
real address behind the TLS proxy, Office uploads with macros or that unpack to too much, the
compose file's single published entry point, and what the public health page tells."""

import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from coordination.forms import MultipleDocumentField
from tests.documents import upload

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct-horse-battery"
# docker-compose.yml's proxy, as gunicorn sees it, and two ministries' offices behind it.
PROXY = "172.18.0.2"
OFFICE = "10.20.0.7"
OTHER_OFFICE = "10.30.0.9"


# Item 6: sign-in failures are counted per client address, not per proxy address.


def sign_in(client, username, password, address, **headers):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
        **headers,
    )


@pytest.mark.django_db
def test_the_client_address_is_read_from_the_trusted_proxys_header(client, story):
    sign_in(client, "mona", "wrong", OFFICE)
    # What the client wrote itself, before the proxy appended its address, is ignored.
    sign_in(client, "omar", "wrong", f"192.0.2.66, {OTHER_OFFICE}")
    addresses = dict(AccessAttempt.objects.values_list("username", "ip_address"))
    assert addresses == {"mona": OFFICE, "omar": OTHER_OFFICE}


@pytest.mark.django_db
def test_five_failures_lock_that_name_from_that_address_only(client, story, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "mona", "wrong", OFFICE).status_code == 200
    assert sign_in(client, "mona", "wrong", OFFICE).status_code == 429
    assert sign_in(client, "mona", PASSWORD, OFFICE).status_code == 429
    assert sign_in(client, "omar", PASSWORD, OFFICE).status_code == 302
    # A new browser: the one above is signed in as Omar now.
    assert sign_in(Client(), "mona", PASSWORD, OTHER_OFFICE).status_code == 302


def fail_across_names(client, count, address):
    for number in range(count):
        sign_in(client, f"guess{number}", "Summer2026!", address)


@pytest.mark.django_db
def test_fifty_failures_across_names_block_that_address(client, story, settings):
    assert settings.SIGN_IN_FAILURES_PER_ADDRESS == 50
    fail_across_names(client, settings.SIGN_IN_FAILURES_PER_ADDRESS - 1, OFFICE)
    assert sign_in(client, "guess-last", "Summer2026!", OFFICE).status_code == 429
    blocked = sign_in(client, "omar", PASSWORD, OFFICE)
    assert blocked.status_code == 429
    assert "Too many failed sign-ins from this address" in blocked.content.decode()
    assert sign_in(Client(), "omar", PASSWORD, OTHER_OFFICE).status_code == 302


@pytest.mark.django_db
def test_fewer_failures_leave_the_shared_address_open(client, story, settings):
    fail_across_names(client, settings.SIGN_IN_FAILURES_PER_ADDRESS - 1, OFFICE)
    assert sign_in(client, "omar", PASSWORD, OFFICE).status_code == 302


@pytest.mark.django_db
def test_failures_older_than_the_window_are_forgotten(client, story, settings):
    from axes.models import AccessFailureLog
    from django.utils import timezone

    fail_across_names(client, settings.SIGN_IN_FAILURES_PER_ADDRESS, OFFICE)
    window = settings.SIGN_IN_FAILURE_WINDOW_MINUTES
    AccessFailureLog.objects.update(
        attempt_time=timezone.now() - timezone.timedelta(minutes=window, seconds=1)
    )
    assert sign_in(client, "omar", PASSWORD, OFFICE).status_code == 302


@pytest.mark.django_db
def test_retries_while_an_address_is_blocked_do_not_prolong_the_block(client, story, settings):
    from coordination import sign_in_limits

    fail_across_names(client, settings.SIGN_IN_FAILURES_PER_ADDRESS, OFFICE)
    fail_across_names(client, 20, OFFICE)
    assert sign_in_limits.failures_from(OFFICE) == settings.SIGN_IN_FAILURES_PER_ADDRESS


@pytest.mark.django_db
def test_the_failure_log_is_kept_for_ninety_days(client, story):
    from axes.models import AccessFailureLog
    from django.utils import timezone

    from coordination.tasks import forget_old_sign_in_failures

    fail_across_names(client, 3, OFFICE)
    AccessFailureLog.objects.filter(username="guess0").update(
        attempt_time=timezone.now() - timezone.timedelta(days=91)
    )
    assert forget_old_sign_in_failures() == 1
    assert set(AccessFailureLog.objects.values_list("username", flat=True)) == {"guess1", "guess2"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [("ar", "محاولات دخول فاشلة كثيرة من هذا العنوان"), ("ckb", "لەم ناونیشانەوە")],
)
def test_a_blocked_address_is_told_in_the_browsers_language(
    client, story, settings, language, words
):
    fail_across_names(client, settings.SIGN_IN_FAILURES_PER_ADDRESS, OFFICE)
    page = sign_in(client, "omar", PASSWORD, OFFICE, HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 429
    assert words in page.content.decode()


def test_without_a_proxy_the_forwarded_header_is_ignored():
    from tests.project.test_settings import settings_value

    result = settings_value(
        "settings.AXES_IPWARE_META_PRECEDENCE_ORDER", SECRET_KEY="k", TRUSTED_PROXY_COUNT="0"
    )
    assert result.stdout.strip() == "('REMOTE_ADDR',)"


# Item 8c: Office files with macros, or that unpack to far more than they weigh, are refused.

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
VBA_PROJECT = "application/vnd.ms-office.vbaProject"


def office_file(*content_types: str, parts: dict | None = None) -> bytes:
    overrides = "".join(
        f'<Override PartName="/part{n}.xml" ContentType="{kind}"/>'
        for n, kind in enumerate(content_types)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", f'<?xml version="1.0"?><Types>{overrides}</Types>')
        for name, content in (parts or {"part0.xml": b"<x/>"}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def form_errors(name: str, content: bytes) -> list[str]:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        MultipleDocumentField().clean([upload(name, content)])
    return refused.value.messages


@pytest.mark.parametrize(
    "content_types",
    [
        (WORD_MAIN, WORD_MACRO_MAIN),
        (WORD_MACRO_MAIN, WORD_MAIN),
        (WORD_MAIN, VBA_PROJECT),
        (EXCEL_MAIN, "application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
    ],
)
def test_an_office_file_declaring_macros_is_refused_whatever_else_it_declares(content_types):
    assert form_errors("report.docx", office_file(*content_types)) == [
        "“report.docx” is not a PDF, Word, Excel, JPEG or PNG file that the portal accepts: "
        "it contains macros. Save it as a Word or Excel file without macros (.docx, .xlsx), "
        "or as PDF."
    ]


def test_an_office_file_with_a_macro_project_part_is_refused():
    content = office_file(WORD_MAIN, parts={"part0.xml": b"<x/>", "word/vbaProject.bin": b"\0"})
    assert "it contains macros" in form_errors("report.docx", content)[0]


def zip_bomb(megabytes: int) -> bytes:
    """A small .docx that declares one part of ``megabytes`` of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<Types><Override PartName="/word/document.xml" ContentType="{WORD_MAIN}"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/image1.png", "w", force_zip64=True) as part:
            zeros = bytes(1024 * 1024)
            for _ in range(megabytes):
                part.write(zeros)
    return buffer.getvalue()


TOO_LARGE = (
    "“{name}” is too large once unpacked: an Office file may hold at most 100.0\xa0MB in at "
    "most 5000 parts. Split it into smaller files, or save it as PDF."
)


def test_an_office_file_that_unpacks_to_200_mb_is_refused():
    content = zip_bomb(200)
    assert len(content) < 1024 * 1024
    assert form_errors("bomb.docx", content) == [TOO_LARGE.format(name="bomb.docx")]


def test_an_office_file_with_too_many_parts_is_refused():
    parts = {f"xl/worksheets/sheet{n}.xml": b"<x/>" for n in range(5001)}
    content = office_file(EXCEL_MAIN, parts=parts)
    assert form_errors("many.xlsx", content) == [TOO_LARGE.format(name="many.xlsx")]


def test_an_ordinary_office_file_within_the_limits_is_accepted():
    from coordination import uploads

    content = office_file(WORD_MAIN, parts={"part0.xml": b"<x/>" * 1000})
    [checked] = MultipleDocumentField().clean([upload("report.docx", content)])
    assert checked.content_type == uploads.DOCX


# Item 8d: only the TLS proxy publishes ports; gunicorn is reached through it alone.

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
PROXY_CONFIG = ROOT / "deploy" / "nginx" / "imag.conf"


def test_only_the_proxy_publishes_ports():
    assert {name for name, service in SERVICES.items() if service.get("ports")} == {"proxy"}


def test_gunicorn_is_exposed_to_the_other_containers_only():
    assert "ports" not in SERVICES["web"]
    assert SERVICES["web"]["expose"] == ["8000"]
    assert "--bind 0.0.0.0:8000" in SERVICES["web"]["command"]


def test_the_database_and_redis_sit_on_an_internal_network_the_proxy_cannot_reach():
    networks = COMPOSE["networks"]
    internal = {name for name, network in networks.items() if (network or {}).get("internal")}
    assert internal
    for service in ("db", "redis"):
        assert set(SERVICES[service]["networks"]) <= internal
    assert not set(SERVICES["proxy"]["networks"]) & internal
    assert set(SERVICES["web"]["networks"]) & set(SERVICES["proxy"]["networks"])


def test_the_proxy_terminates_tls_with_the_repositorys_configuration():
    proxy = SERVICES["proxy"]
    assert "./deploy/nginx/imag.conf:/etc/nginx/conf.d/default.conf:ro" in proxy["volumes"]
    assert {"443:443", "80:80"} == set(proxy["ports"])
    config = PROXY_CONFIG.read_text()
    assert re.search(r"listen 443 ssl;", config)
    assert "ssl_certificate " in config and "ssl_certificate_key " in config
    assert "return 301 https://$host$request_uri;" in config


def test_the_proxy_sets_the_headers_the_portal_trusts():
    config = PROXY_CONFIG.read_text()
    # Set by the proxy whatever the client sent: SECURE_PROXY_SSL_HEADER and axes trust them.
    assert "proxy_set_header X-Forwarded-Proto https;" in config
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in config
    assert "proxy_pass http://web:8000;" in config
    assert SERVICES["web"]["environment"]["TRUSTED_PROXY_COUNT"] == "1"


def test_the_proxy_refuses_the_bodies_the_portal_would_refuse(settings):
    megabytes = re.search(r"client_max_body_size (\d+)m;", PROXY_CONFIG.read_text()).group(1)
    assert int(megabytes) * 1024 * 1024 == settings.REQUEST_MAX_BYTES
    example = re.search(r"^REQUEST_MAX_BYTES=(\d+)$", (ROOT / ".env.example").read_text(), re.M)
    assert int(example.group(1)) == settings.REQUEST_MAX_BYTES


# Item 8e: the public health page says ok or down; administrators see why.


@pytest.fixture
def without_redis(settings):
    settings.REDIS_URL = ""


@pytest.mark.django_db
def test_the_public_health_answer_says_ok_without_the_configuration(client, without_redis):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "ok", "worker": "ok"}


@pytest.mark.django_db
def test_the_public_health_answer_says_down_without_the_reason(client, settings, monkeypatch):
    from ops import health

    settings.REDIS_URL = "redis://redis.internal:6379/0"
    monkeypatch.setattr(health, "redis_status", lambda: "down: ConnectionError")
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "down", "worker": "down"}


@pytest.mark.django_db
def test_the_health_page_still_answers_503_when_the_database_is_down(client, monkeypatch):
    from ops import health

    monkeypatch.setattr(health, "database_status", lambda: "down: OperationalError")
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["database"] == "down"


@pytest.mark.django_db
def test_a_signed_in_administrator_sees_the_details(client, administrator, without_redis):
    client.force_login(administrator)
    assert client.get(reverse("health")).json() == {
        "database": "ok",
        "redis": "not configured (tasks run in-process)",
        "worker": "not configured (tasks run in-process)",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["fp_momd", "secretariat", "administrator_without_second_factor"])
def test_nobody_else_sees_the_details(client, story, administrator, without_redis, who):
    if who == "administrator_without_second_factor":
        client.force_login(administrator, second_factor=False)
    else:
        client.force_login(story[who])
    assert client.get(reverse("health")).json() == {"database": "ok", "redis": "ok", "worker": "ok"}
