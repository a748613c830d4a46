"""The confirmation steps of a meeting's life, in a browser with JavaScript switched off:
cancelling a meeting and approving minutes both go through a page that says what will
happen, and only its button does it."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Meeting, Minutes
from tests.browser.conftest import give_password_and_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def secretariat(browser, demo):
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{demo.url}/accounts/login/")
    give_password_and_code(page, "secretariat")
    page.wait_for_url(f"{demo.url}/")
    yield page
    context.close()


def test_cancelling_a_meeting_goes_through_its_confirmation_page(secretariat, demo):
    meeting = Meeting.objects.filter(body__code="HCB", status="planned").earliest("start")
    secretariat.goto(f"{demo.url}/meetings/{meeting.pk}/")
    secretariat.get_by_role("link", name="Cancel the meeting").click()
    expect(secretariat.get_by_role("heading", name="Cancel the meeting?")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.status == "planned"
    secretariat.get_by_role("button", name="Yes, cancel the meeting").click()
    expect(secretariat.get_by_text("The meeting is cancelled; invitees are told.")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.status == "cancelled"


def test_minutes_are_approved_at_a_later_meeting_after_a_confirmation(secretariat, demo):
    first, second = Meeting.objects.filter(body__code="HCB", status="held").order_by("start")[:2]
    secretariat.goto(f"{demo.url}/meetings/{first.pk}/minutes/")
    secretariat.get_by_label(re.compile(r"^\s*1\. ")).fill("The body adopted its agenda.")
    secretariat.get_by_role("button", name="Save the minutes").click()
    expect(secretariat.get_by_text("saved as a new revision")).to_be_visible()
    # A deadline inside the meeting is refused, and what was typed stays in the field.
    inside = timezone.localtime(first.start + datetime.timedelta(minutes=30))
    secretariat.get_by_label("Comments until").fill(inside.strftime("%Y-%m-%dT%H:%M"))
    secretariat.get_by_role("button", name="Circulate for comment").click()
    expect(
        secretariat.get_by_text("The comment deadline must be after the meeting has ended.")
    ).to_be_visible()
    expect(secretariat.get_by_label("Comments until")).to_have_value(
        inside.strftime("%Y-%m-%dT%H:%M")
    )
    next_week = timezone.localtime() + datetime.timedelta(days=7)
    secretariat.get_by_label("Comments until").fill(next_week.strftime("%Y-%m-%dT%H:%M"))
    secretariat.get_by_role("button", name="Circulate for comment").click()
    expect(secretariat.get_by_text("circulated to the attendees for comment")).to_be_visible()
    expect(secretariat.get_by_role("link", name="Record approval")).to_have_count(0)

    # A week later: the comment deadline has passed.
    Minutes.objects.filter(meeting=first).update(
        comment_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    secretariat.reload()
    secretariat.get_by_role("link", name="Record approval").click()
    secretariat.get_by_role("button", name="Continue").click()
    expect(
        secretariat.get_by_text("Choose the later meeting of the body that approved the minutes.")
    ).to_be_visible()
    secretariat.get_by_label("Approved at the meeting").select_option(str(second.pk))
    secretariat.get_by_role("button", name="Continue").click()
    expect(secretariat.get_by_role("heading", name="Approve the minutes?")).to_be_visible()
    assert Minutes.objects.get(meeting=first).state == "circulated"
    secretariat.get_by_role("button", name="Yes, approve the minutes").click()
    expect(secretariat.get_by_text("The minutes are approved and now read-only.")).to_be_visible()
    expect(secretariat.get_by_text("Approved at")).to_contain_text(second.title_en)
    minutes = Minutes.objects.get(meeting=first)
    assert (minutes.state, minutes.approved_at_meeting) == ("approved", second)
