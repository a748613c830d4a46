"""IMAG Portal settings: one module, every value from the environment (see .env.example)."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from error


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment; only DEBUG=true runs with a "
            "development key."
        )
    SECRET_KEY = "django-insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "coordination.admin_site.AdministratorsAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "guardian",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "csp",
    "axes",
    "auditlog",
    # Two-factor authentication: the framework, authenticator apps (TOTP), backup codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "coordination",
    "strategy",
    "meetings",
    "reporting",
    "actionplan",
    "ops",
    "search",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "coordination.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages for browsers that accept gzip, after every middleware below has read
    # or changed the body (it sits outside them). Static files never get here: WhiteNoise
    # answers them above, with its own .gz/.br files. Django pads each compressed response
    # with random bytes (BREACH mitigation) and CSRF tokens are masked per response.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks request.user verified when this session has passed its second factor.
    "django_otp.middleware.OTPMiddleware",
    "coordination.middleware.UserLanguageMiddleware",
    # The outer net: every view needs a signed-in user unless it is marked login_not_required.
    "coordination.middleware.SignInFirstMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signs out after SESSION_IDLE_MINUTES without a request (needs messages to say so).
    "coordination.middleware.IdleSessionMiddleware",
    # Keeps a signed-in user who owes a second factor on the enrolment or verification page.
    "coordination.middleware.TwoFactorMiddleware",
    # Records who made each change for the audit trail.
    "auditlog.middleware.AuditlogMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "coordination.middleware.PermissionsPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "imag.urls"
WSGI_APPLICATION = "imag.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "coordination.context_processors.unread_notifications",
            ],
        },
    },
]

VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
if "DATABASE_URL" not in os.environ:
    # The embedded SQLite default of a first run lives here; SQLite will not create the folder.
    VAR_DIR.mkdir(parents=True, exist_ok=True)

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'imag.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        # A PostgreSQL restart must not leave the portal holding dead connections.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # PostgreSQL's JIT compiles the access layer's nested EXISTS subqueries for up to two
    # seconds on national data, for queries that then run in 30 ms: off for this workload.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

# Redis also serves the cache when configured, shared by all workers.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": "imag",
        # A Redis that accepts but never answers costs a request this much: not left to the
        # client library's default.
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "coordination.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses sign-ins while a user name and address pair is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Nobody reads anything anonymously; guardian need not create its anonymous user.
ANONYMOUS_USER_NAME = None

# Argon2id (Django's hasher with argon2-cffi, in one lane: coordination/hashers.py): memory-
# hard, so a stolen table of passwords is far costlier to crack on graphics cards than with
# PBKDF2, and a sign-in costs ~150 ms of one core instead of ~410 ms (1,000,000 PBKDF2 rounds):
# a morning's sign-ins hold the workers less. Passwords stored with PBKDF2 still work and are
# stored again with Argon2 at their next sign-in.
PASSWORD_HASHERS = [
    "coordination.hashers.SingleLaneArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Ministries share office addresses: lock the user name and address together, not the
# address alone, after five failures, for half an hour.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Beyond that, an address with this many failed sign-ins in this many minutes, under any user
# names, may not sign in until they age out: one password tried on many names. A ministry's
# office may share one address, so the limit is far above what its own people mistype.
SIGN_IN_FAILURES_PER_ADDRESS = env_int("SIGN_IN_FAILURES_PER_ADDRESS", 50)
SIGN_IN_FAILURE_WINDOW_MINUTES = env_int("SIGN_IN_FAILURE_WINDOW_MINUTES", 15)
AXES_HANDLER = "coordination.sign_in_limits.AddressLimitHandler"
AXES_LOCKOUT_CALLABLE = "coordination.sign_in_limits.lockout_response"
# The address limit counts the rows of axes' failure log.
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The client's address. Behind the TLS proxy every request comes from the proxy's address, and
# each proxy appends the address it was reached from to X-Forwarded-For; the client's is then
# the TRUSTED_PROXY_COUNT-th from the right, and whatever stands left of it was written by the
# client itself. docker-compose.yml has one proxy; 0 when gunicorn is reached directly (the
# header is ignored then, as anyone could write it).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    # ipware counts the proxies named in the header; the nearest one is REMOTE_ADDR instead.
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
# A header with more entries than proxies is read from the right, not ignored (ipware's strict
# mode would fall back to the proxy's own address, one address for every such client).
IPWARE_STRICT = False

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "ar"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("ckb", _("Central Kurdish")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One way of writing dates per language (see coordination/formats).
FORMAT_MODULE_PATH = ["coordination.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Baghdad")

MODELTRANSLATION_DEFAULT_LANGUAGE = "ar"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ar", "en", "ckb")


# The languages as a form names them after a field held per language: "Kurdish", where the
# switcher's "Central Kurdish" reads "(الكردية (السورانية))" after a field in Arabic.
FIELD_LANGUAGE_NAMES = {
    "ar": pgettext_lazy("language of a field", "Arabic"),
    "ckb": pgettext_lazy("language of a field", "Kurdish"),
    "en": pgettext_lazy("language of a field", "English"),
}


def _field_in_language(verbose_name, language_code):
    """How a form labels a field held per language: "Title (Arabic)", the language named in
    the reader's language ("العنوان (العربية)"), not modeltranslation's "Title [ar]"."""
    return f"{verbose_name} ({FIELD_LANGUAGE_NAMES.get(language_code, language_code)})"


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _field_in_language

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "media/"
# The dashboards' covering indexes (INCLUDE columns) are a PostgreSQL optimisation; SQLite,
# the first run's database, builds them without the extra columns. Said once here rather than
# warned on every command of a first run.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "IMAG Portal <noreply@localhost>")

REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# Without Redis (a first run on a laptop) tasks run in-process, at once.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Nothing in the portal reads a task's result. Without this, every .delay() also subscribes the
# web process to that result in Redis: while Redis is down a submit then waits through 20
# reconnection attempts (about 20 s), or for ever when Redis accepts but never answers.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# Fail fast instead of hanging a web request when Redis accepts but never answers.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 5,
    "socket_connect_timeout": 5,
    "max_retries": 2,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    # The outbox: notifications whose immediate e-mail failed (broker or mail server down).
    "send-pending-notification-emails": {
        "task": "coordination.tasks.send_pending_notification_emails",
        "schedule": 120.0,
    },
    "send-waiting-invitations": {
        "task": "meetings.tasks.send_waiting_invitations",
        "schedule": 300.0,
    },
    "render-waiting-papers": {
        "task": "meetings.tasks.render_waiting_papers",
        "schedule": 300.0,
    },
    "render-waiting-quarterly-reports": {
        "task": "reporting.tasks.render_waiting_quarterly_reports",
        "schedule": 300.0,
    },
    "forget-old-sign-in-failures": {
        "task": "coordination.tasks.forget_old_sign_in_failures",
        "schedule": 24 * 60 * 60.0,
    },
    "send-report-reminders": {
        "task": "strategy.tasks.send_report_reminders",
        "schedule": 6 * 60 * 60.0,
    },
}

# The ORGANIZER of meeting invitations: calendar programs send their answers here, so it
# should be a mailbox the secretariat reads.
MEETINGS_ORGANIZER_EMAIL = os.environ.get("MEETINGS_ORGANIZER_EMAIL", "")
# Where e-mails point to; the address users type in their browser.
PORTAL_URL = os.environ.get("PORTAL_URL", "http://127.0.0.1:8000").rstrip("/")
# Evidence and briefing documents: the largest file accepted.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
# A whole request: several evidence files at once, and the form around them.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_BYTES", 5 * UPLOAD_MAX_BYTES + 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Only the portal's own files run or style a page: no inline script or style, no CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Features no page of the portal uses, switched off for every page.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
# A session unused this long is signed out (0: never). The last request's time is written
# to the session at most once a minute, not on every request (SESSION_SAVE_EVERY_REQUEST
# would add a database write to every page).
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
# Sessions stay in the database alone: read through Redis (cached_db), every page would fail
# while Redis is down, which the fault tests forbid.

# Two-factor authentication (django-otp). The name authenticator apps show for the portal.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "IMAG Portal")
# After each wrong code the next attempt must wait 1, 2, 4, 8... seconds (per device, until
# a right code); wrong codes also count as failed sign-ins for django-axes.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# The admin lists devices without their secret keys or backup codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint logs every page it lays out at INFO: 135 lines per quarterly report.
    "loggers": {"weasyprint": {"level": "WARNING"}},
}
