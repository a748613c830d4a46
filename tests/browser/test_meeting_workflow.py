"""A meeting from creation to follow-up, in a real browser."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from coordination.models import CoordinationBody
from meetings.models import Decision, FollowUp, Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_meeting_from_agenda_to_a_follow_up_marked_done(sign_in, demo):
    body = CoordinationBody.objects.get(code="HCB")
    secretariat = sign_in("secretariat")
    secretariat.goto(f"{demo.url}/meetings/new/")
    secretariat.get_by_label("Body").select_option(str(body.pk))
    secretariat.get_by_label("Title (Arabic)").fill("الاجتماع الخامس للهيئة العليا")
    secretariat.get_by_label("Title (English)").fill("Fifth plenary of the High-level Body")
    secretariat.get_by_label("Start").fill("2031-03-18T10:00")
    secretariat.get_by_label(re.compile(r"\(MoMD\)\s*$")).check()
    secretariat.get_by_label(re.compile(r"\(MoI\)\s*$")).check()
    secretariat.get_by_role("button", name="Save").click()
    expect(secretariat.get_by_role("heading", name="Build the agenda")).to_be_visible()
    meeting = Meeting.objects.get(title_en="Fifth plenary of the High-level Body")

    at_risk = secretariat.get_by_role("complementary").locator("li").first
    action_code = at_risk.get_by_role("link").inner_text().split()[0]
    at_risk.get_by_role("button", name=re.compile("^Add")).click()
    expect(secretariat.get_by_text("The action was added to the agenda.")).to_be_visible()
    assert meeting.agenda_items.get().priority_actions.get().code == action_code
    secretariat.get_by_label("Title (Arabic)").fill("ما يستجد من أعمال")
    secretariat.get_by_label("Title (English)").fill("Any other business")
    secretariat.get_by_role("button", name="Add to the agenda").click()
    # htmx moves the item in place: the page is not reloaded, the list is replaced.
    secretariat.evaluate("window.notReloaded = true")
    secretariat.locator("#agenda-items li").nth(1).get_by_role(
        "button", name=re.compile("^Up")
    ).click()
    expect(secretariat.locator("#agenda-items li").first).to_contain_text("Any other business")
    assert secretariat.evaluate("window.notReloaded") is True
    assert list(meeting.agenda_items.order_by("order").values_list("title_en", flat=True))[0] == (
        "Any other business"
    )
    secretariat.locator("#agenda-items li").nth(0).get_by_role(
        "button", name=re.compile("^Remove")
    ).click()
    expect(secretariat.locator("#agenda-items li")).to_have_count(1)

    secretariat.goto(f"{demo.url}/meetings/{meeting.pk}/")
    secretariat.get_by_role("button", name="Publish the agenda and send invitations").click()
    invitations = [m for m in mail.outbox if m.subject.startswith("Invitation:")]
    assert invitations and all(m.attachments for m in invitations)
    calendar = Calendar.from_ical(invitations[0].attachments[0][1])
    assert calendar["METHOD"] == "REQUEST"

    # The day of the meeting: it has started, so attendance and minutes are offered.
    Meeting.objects.filter(pk=meeting.pk).update(start=timezone.now() - datetime.timedelta(hours=1))
    secretariat.goto(f"{demo.url}/meetings/{meeting.pk}/")
    secretariat.get_by_role("link", name="Attendance").click()
    for box in secretariat.locator("input[name=present]").all():
        box.check()
    secretariat.get_by_role("button", name="Save attendance").click()
    expect(secretariat.get_by_text("Attendance saved")).to_be_visible()

    secretariat.goto(f"{demo.url}/meetings/{meeting.pk}/agenda/")
    secretariat.get_by_role("link", name="Record a decision").first.click()
    secretariat.get_by_label("Decision (Arabic)").fill("تفتح وزارة الهجرة مكاتب العائدين")
    secretariat.get_by_label("Decision (English)").fill("MoMD opens returnee desks")
    secretariat.get_by_label(re.compile(r"\(MoMD\)\s*$")).check()
    secretariat.get_by_label("Due date").fill("2031-06-30")
    secretariat.get_by_role("button", name="Record the decision").click()
    item = meeting.agenda_items.get()  # the suggested action's item
    secretariat.get_by_label(re.compile(r"^\s*1\. ")).fill("The body discussed the delays.")
    secretariat.get_by_role("button", name="Save the minutes").click()
    expect(secretariat.get_by_text("saved as a new revision")).to_be_visible()
    decision = Decision.objects.get(agenda_item=item)

    focal_point = sign_in("fp-momd")
    focal_point.goto(f"{demo.url}/meetings/decisions/")
    focal_point.locator("tr", has_text=decision.code).get_by_role("link", name="MoMD").click()
    focal_point.get_by_label("Status").select_option("done")
    focal_point.get_by_label("Note").fill("Desks open in all governorates.")
    focal_point.get_by_role("button", name="Update the follow-up").click()
    expect(focal_point.get_by_text("The follow-up was updated.")).to_be_visible()
    assert FollowUp.objects.get(decision=decision).status == "done"

    secretariat.goto(f"{demo.url}/meetings/decisions/?meeting={meeting.pk}")
    row = secretariat.locator("tr", has_text=decision.code)
    assert "(MoMD): Done" in row.inner_text()
