"""A session unused for SESSION_IDLE_MINUTES is signed out with a message saying why; an
active session writes its last request's time at most once a minute."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coordination.middleware import LAST_ACTIVITY_SESSION_KEY

pytestmark = pytest.mark.django_db


def last_seen(client, seconds_ago):
    session = client.session
    session[LAST_ACTIVITY_SESSION_KEY] = int(time.time()) - seconds_ago
    session.save()


@pytest.mark.parametrize("role", ["fp_momd", "secretariat"])
def test_a_session_idle_longer_than_the_limit_is_signed_out_with_a_message(
    client, story, settings, role
):
    settings.SESSION_IDLE_MINUTES = 30
    client.force_login(story[role])
    last_seen(client, 31 * 60)
    response = client.get(reverse("strategy:action_list"))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/actions/"
    assert "_auth_user_id" not in client.session
    page = client.get(response.url).content.decode()
    assert "You were signed out after 30 minutes without activity." in page


def test_a_session_used_within_the_limit_stays_signed_in(client, story, settings):
    settings.SESSION_IDLE_MINUTES = 30
    client.force_login(story["fp_momd"])
    last_seen(client, 29 * 60)
    assert client.get(reverse("home")).status_code == 200
    assert client.session[LAST_ACTIVITY_SESSION_KEY] >= int(time.time()) - 1


def test_the_last_request_time_is_written_at_most_once_a_minute(client, story):
    client.force_login(story["fp_momd"])
    last_seen(client, 30)
    stored = client.session[LAST_ACTIVITY_SESSION_KEY]
    client.get(reverse("home"))
    assert client.session[LAST_ACTIVITY_SESSION_KEY] == stored
    last_seen(client, 61)
    client.get(reverse("home"))
    assert client.session[LAST_ACTIVITY_SESSION_KEY] >= int(time.time()) - 1


def test_signing_in_starts_the_clock(client, story):
    client.force_login(story["fp_momd"])
    assert client.session[LAST_ACTIVITY_SESSION_KEY] >= int(time.time()) - 1


def test_a_page_costs_no_session_write_while_the_clock_is_fresh(client, story):
    client.force_login(story["fp_momd"])
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("about"))
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert not [sql for sql in writes if "django_session" in sql]


def test_zero_minutes_means_never(client, story, settings):
    settings.SESSION_IDLE_MINUTES = 0
    client.force_login(story["fp_momd"])
    last_seen(client, 24 * 60 * 60)
    assert client.get(reverse("home")).status_code == 200


def test_an_htmx_request_of_an_idle_session_loads_the_sign_in_page_whole(client, story):
    client.force_login(story["fp_momd"])
    last_seen(client, 31 * 60)
    response = client.get(reverse("coordination:notification_list"), headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Redirect"] == reverse("login")


def test_a_form_posted_after_the_session_ended_comes_back_to_its_page_after_sign_in(
    client, story, settings
):
    from coordination.models import Notification

    settings.SESSION_IDLE_MINUTES = 30
    mona = story["fp_momd"]
    notice = Notification.objects.create(recipient=mona, kind="report_validated", url="/actions/")
    client.force_login(mona)
    last_seen(client, 31 * 60)
    response = client.post(
        reverse("coordination:notification_open", args=[notice.pk]),
        HTTP_REFERER="http://testserver/notifications/?page=2",
    )
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next=/notifications/%3Fpage%3D2"
    notice.refresh_from_db()
    assert notice.read_at is None
    signed_in = client.post(
        response.url, {"username": mona.username, "password": "correct-horse-battery"}
    )
    assert signed_in.url == "/notifications/?page=2"
    assert client.get(signed_in.url).status_code == 200


def test_a_form_posted_from_elsewhere_after_the_session_ended_goes_home_after_sign_in(client):
    response = client.post(
        reverse("coordination:notifications_read"), HTTP_REFERER="http://evil.example/"
    )
    assert response.url == f"{reverse('login')}?next=/"
