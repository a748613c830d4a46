"""Access withdrawn is withdrawn at the next request, whichever server process answers it and
with no cache shared between them (the README calls Redis optional)."""

import os
import re

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from tests import factories
from tests.services.processes import (
    PROCESS_SETTINGS,
    Browser,
    require_services,
    start_portal,
    stop,
    worker_database_url,
)

PASSWORD = "stale-access-2026"
pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_portal_processes(transactional_db):
    """gunicorn with two workers on the test database, without Redis: each process would
    keep whatever it cached to itself."""
    require_services()
    environment = {
        key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DEBUG"}
    }
    environment.update(
        DATABASE_URL=worker_database_url(),
        ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SETTINGS_MODULE=PROCESS_SETTINGS,
    )
    process, port = start_portal(environment, workers=2)
    yield port
    stop(process)


def test_a_ministry_removed_from_an_action_gets_404_on_the_next_request(
    two_portal_processes, story, momd, moi
):
    action = factories.PriorityActionFactory(
        code="9.9", title_en="Shared returns desk", lead_ministry=momd, supporting_ministries=[moi]
    )
    # Hashed as the portal processes hash (the tests' own hasher is a fast one they lack).
    omar = story["fp_moi"]
    omar.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    omar.save(update_fields=["password"])
    browser = Browser(two_portal_processes)
    browser.log_in(omar.username, PASSWORD)
    path = f"/actions/{action.pk}/"
    # Enough requests that both workers have served the page before the change.
    before = [browser.get(path) for _ in range(16)]
    assert {status for status, _ in before} == {200}
    assert all(re.search("Shared returns desk", page) for _, page in before)

    action.supporting_ministries.remove(moi)

    after = [browser.get(path)[0] for _ in range(30)]
    assert after == [404] * 30
    assert browser.get("/actions/")[0] == 200
    assert "Shared returns desk" not in browser.get("/actions/")[1]
