"""Text typed by users is shown as text: script and HTML payloads in titles, narratives,
minutes, decisions and notifications never become markup."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meetings.services.minutes import minutes_of, save_minutes
from tests import factories

pytestmark = pytest.mark.django_db
PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def assert_escaped(page: str):
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert" in page


def test_payloads_in_action_titles_reports_minutes_and_decisions_are_escaped(
    client, story, momd, django_capture_on_commit_callbacks
):
    action = story["action_momd"]
    action.title_en = f"Returns {PAYLOAD}"
    action.save()
    report = factories.ProgressUpdateFactory(
        action=action, ministry=momd, narrative=PAYLOAD, support_needed=PAYLOAD, state="submitted"
    )
    meeting = story["meeting_momd"]
    meeting.title_en = f"Plenary {PAYLOAD}"
    meeting.agenda_state = "published"
    # Held last week: its minutes are written once it has started.
    meeting.start = timezone.now() - datetime.timedelta(days=7)
    meeting.save()
    item = factories.AgendaItemFactory(meeting=meeting, title_en=f"Item {PAYLOAD}")
    minutes = minutes_of(meeting)
    save_minutes(
        user=story["secretariat"], minutes=minutes, texts={item.pk: PAYLOAD}, expected_version=1
    )
    decision = story["decision_momd"]
    decision.text_en = f"Decide {PAYLOAD}"
    decision.save()
    client.force_login(story["secretariat"])
    for url in (
        reverse("strategy:action_list"),
        reverse("strategy:action_detail", args=[action.pk]),
        reverse("strategy:report_detail", args=[report.pk]),
        reverse("strategy:validation_queue"),
        reverse("meetings:meeting_detail", args=[meeting.pk]),
        reverse("meetings:minutes", args=[meeting.pk]),
        reverse("meetings:decision_register"),
        reverse("dashboard:steering"),
        reverse("home"),
    ):
        assert_escaped(client.get(url).content.decode())


def test_a_payload_in_a_returned_comment_is_plain_text_in_the_email(
    client, story, momd, django_capture_on_commit_callbacks
):
    story["fp_momd"].email = "mona@imag.example"
    story["fp_momd"].save()
    report = factories.ProgressUpdateFactory(
        action=story["action_momd"], ministry=momd, state="submitted"
    )
    client.force_login(story["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("strategy:report_review", args=[report.pk]),
            {"decision": "return", "comment": PAYLOAD, "version": report.version},
        )
    message = mail.outbox[-1]
    assert PAYLOAD in message.body  # plain text e-mail: shown as typed, never rendered
    assert not message.alternatives  # no HTML part that could run it
    client.force_login(story["fp_momd"])
    assert_escaped(client.get(reverse("coordination:notification_list")).content.decode())


def test_payloads_in_a_persons_names_are_escaped_on_the_people_pages(client, story):
    mona = story["fp_momd"]
    mona.first_name, mona.last_name = PAYLOAD, f"Ali {PAYLOAD}"
    mona.save()
    client.force_login(story["secretariat"])
    for url in (
        reverse("people:account_list"),
        reverse("people:account_detail", args=[mona.pk]),
        reverse("people:account_update", args=[mona.pk]),
    ):
        assert_escaped(client.get(url).content.decode())


def test_payloads_in_names_are_escaped_on_the_set_up_pages(client, story, momd):
    from coordination.models import Membership

    body = story["meeting_momd"].body
    body.name_en = momd.name_en = PAYLOAD
    body.save()
    momd.save()
    seat = Membership.objects.create(
        body=body, ministry=momd, full_name=f"Ali {PAYLOAD}", position=PAYLOAD
    )
    client.force_login(story["secretariat"])
    for url in (
        reverse("setup:body_list"),
        reverse("setup:body_detail", args=[body.pk]),
        reverse("setup:body_update", args=[body.pk]),
        reverse("setup:membership_update", args=[seat.pk]),
        reverse("setup:ministry_list"),
        reverse("setup:ministry_detail", args=[momd.pk]),
    ):
        assert_escaped(client.get(url).content.decode())
