"""Settings come from the environment, with safe defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def settings_value(expression: str, **environment) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"}
    }
    env.update(environment, DJANGO_SETTINGS_MODULE="imag.settings", VAR_DIR="/tmp/imag-var-test")
    code = f"from django.conf import settings; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = settings_value("settings.SECRET_KEY")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_has_a_development_key_and_local_hosts():
    result = settings_value("settings.SECRET_KEY[:15], settings.ALLOWED_HOSTS", DEBUG="true")
    assert result.stdout.strip() == "django-insecure ['127.0.0.1', 'localhost']"


def test_a_malformed_boolean_is_refused_not_guessed():
    result = settings_value("settings.DEBUG", DEBUG="maybe")
    assert "DEBUG must be true or false" in result.stderr


def test_without_database_url_it_uses_sqlite_under_var():
    result = settings_value(
        "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']",
        SECRET_KEY="k",
    )
    assert result.stdout.strip() == "django.db.backends.sqlite3 /tmp/imag-var-test/imag.sqlite3"


def test_database_url_selects_postgresql_with_health_checked_connections():
    result = settings_value(
        "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'], "
        "settings.DATABASES['default']['CONN_HEALTH_CHECKS']",
        SECRET_KEY="k",
        DATABASE_URL="postgres://imag:pw@db.example:5432/imag",
    )
    assert result.stdout.strip() == "django.db.backends.postgresql imag True"


def test_without_redis_celery_runs_tasks_in_process():
    result = settings_value(
        "settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL", SECRET_KEY="k"
    )
    assert result.stdout.strip() == "True memory://"


def test_with_redis_celery_uses_the_broker():
    result = settings_value(
        "settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL",
        SECRET_KEY="k",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert result.stdout.strip() == "False redis://127.0.0.1:6379/3"


def test_production_defaults_are_secure_and_baghdad_time():
    result = settings_value(
        "settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, "
        "settings.SECURE_SSL_REDIRECT, settings.TIME_ZONE, settings.EMAIL_BACKEND",
        SECRET_KEY="k",
    )
    assert result.stdout.strip() == (
        "True True True Asia/Baghdad django.core.mail.backends.console.EmailBackend"
    )


def test_every_setting_read_from_the_environment_is_documented():
    source = (ROOT / "imag" / "settings.py").read_text()
    documented = (ROOT / ".env.example").read_text()
    import re

    names = set(re.findall(r'env_(?:bool|int|list)\("([A-Z_]+)"', source))
    names |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', source))
    missing = {name for name in names if f"{name}=" not in documented}
    assert not missing


class TestDockerCompose:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())

    def test_it_has_the_six_services(self):
        assert set(self.compose["services"]) == {"proxy", "web", "worker", "beat", "db", "redis"}

    @pytest.mark.parametrize(
        ("service", "words"),
        [
            ("web", ["gunicorn", "imag.wsgi:application", "migrate"]),
            ("worker", ["celery", "-A imag", "worker"]),
            ("beat", ["celery", "-A imag", "beat"]),
        ],
    )
    def test_each_portal_service_runs_its_command(self, service, words):
        command = self.compose["services"][service]["command"]
        for word in words:
            assert word in command

    @pytest.mark.parametrize("service", ["proxy", "web", "worker", "beat", "db", "redis"])
    def test_services_have_health_checks(self, service):
        assert self.compose["services"][service]["healthcheck"]["test"]

    def test_the_portal_waits_for_healthy_database_and_redis_and_keeps_uploads(self):
        web = self.compose["services"]["web"]
        assert web["depends_on"]["db"]["condition"] == "service_healthy"
        assert web["depends_on"]["redis"]["condition"] == "service_healthy"
        assert web["environment"]["DATABASE_URL"].startswith("postgres://")
        assert web["environment"]["REDIS_URL"].startswith("redis://")
        assert "uploads:/srv/imag/media" in web["volumes"]
        assert "database:/var/lib/postgresql/data" in self.compose["services"]["db"]["volumes"]
        assert {"database", "uploads"} <= set(self.compose["volumes"])


@pytest.mark.django_db
def test_the_containers_health_check_passes_production_host_and_https_checks(
    client, settings, monkeypatch
):
    from ops.healthcheck import health_request

    settings.ALLOWED_HOSTS = ["imag.example.gov.iq"]
    settings.SECURE_SSL_REDIRECT = True
    monkeypatch.setenv("ALLOWED_HOSTS", "imag.example.gov.iq")
    request = health_request()
    response = client.get(
        "/health/",
        HTTP_HOST=request.get_header("Host"),
        HTTP_X_FORWARDED_PROTO=request.get_header("X-forwarded-proto"),
    )
    assert response.status_code == 200
    assert client.get("/health/", HTTP_HOST="imag.example.gov.iq").status_code == 301
    assert client.get("/health/", HTTP_HOST="127.0.0.1").status_code == 400


def test_the_health_check_asks_a_concrete_allowed_host():
    from ops.healthcheck import host_to_ask

    assert host_to_ask("*,.example.iq") == "example.iq"
    assert host_to_ask("") == "localhost"


def test_the_deployment_checklist_finds_nothing_in_production_settings():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        SECRET_KEY="x" * 20 + "-production-secret-key-of-sufficient-length-and-variety",
        ALLOWED_HOSTS="imag.example.gov.iq",
        CSRF_TRUSTED_ORIGINS="https://imag.example.gov.iq",
        VAR_DIR="/tmp/imag-var-test",
        DJANGO_SETTINGS_MODULE="imag.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_every_page_sends_the_security_headers(client, story):
    client.force_login(story["fp_momd"])
    response = client.get("/about/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy


@pytest.mark.django_db
def test_repeated_failures_lock_that_user_from_that_address_only(client, story, settings):
    from django.urls import reverse

    user = story["fp_momd"]
    user.set_password("correct-horse-battery")
    user.save()
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "mona", "password": "wrong"})
        assert response.status_code == 200
        assert "Please enter a correct" in response.content.decode()
    assert client.post(url, {"username": "mona", "password": "wrong"}).status_code == 429
    locked = client.post(url, {"username": "mona", "password": "correct-horse-battery"})
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    other = client.post(url, {"username": "omar", "password": "wrong"})
    assert other.status_code == 200
    elsewhere = client.post(
        url, {"username": "mona", "password": "correct-horse-battery"}, REMOTE_ADDR="10.0.0.9"
    )
    assert elsewhere.status_code == 302


@pytest.mark.django_db
def test_a_forgotten_password_is_reset_through_an_emailed_link(client, story):
    import re as regex

    from django.core import mail
    from django.urls import reverse

    user = story["fp_momd"]
    user.email = "mona@imag.example"
    user.save()
    response = client.post(reverse("password_reset"), {"email": "mona@imag.example"})
    assert response.url == reverse("password_reset_done")
    link = regex.search(r"https?://[^\s]+/accounts/reset/[^\s]+/", mail.outbox[0].body).group()
    page = client.get(link, follow=True)
    assert "Choose a new password" in page.content.decode()
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Basra-returns-2026!", "new_password2": "Basra-returns-2026!"},
    )
    user.refresh_from_db()
    assert user.check_password("Basra-returns-2026!")
    assert "no longer valid" in client.get(link, follow=True).content.decode()


@pytest.mark.django_db
def test_an_unknown_address_gets_the_same_answer_and_no_email(client):
    from django.core import mail
    from django.urls import reverse

    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_web_worker_leaves_the_loaded_portal_out_of_garbage_collection():
    """imag/wsgi.py: what gunicorn loads is frozen, and collections run less often."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(SECRET_KEY="test-only", DEBUG="true", VAR_DIR="/tmp/imag-var-test")
    code = "import gc, imag.wsgi; print(gc.get_freeze_count(), gc.get_threshold()[0])"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    frozen, threshold = result.stdout.split()
    # The views, models and templates' modules: hundreds of thousands of objects.
    assert int(frozen) > 100_000
    assert int(threshold) > 700
