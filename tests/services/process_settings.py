"""Settings of the portal processes that the fault tests start (gunicorn, Celery workers):
the production settings, changed only as the test suite changes them in its own process
(plain static files over plain HTTP), and with the broker's visibility timeout shortened
when IMAG_TEST_VISIBILITY_TIMEOUT is set: production waits an hour before a message whose
worker died is delivered again, a test a few seconds."""

import os

from imag.settings import *  # noqa: F403
from imag.settings import CELERY_BROKER_TRANSPORT_OPTIONS, STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False

if os.environ.get("IMAG_TEST_VISIBILITY_TIMEOUT"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **CELERY_BROKER_TRANSPORT_OPTIONS,
        "visibility_timeout": int(os.environ["IMAG_TEST_VISIBILITY_TIMEOUT"]),
        # Look for such messages every second (kombu's default: every 100 seconds).
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }
