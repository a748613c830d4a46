"""Meetings: agenda, invitations with calendar files, attendance, minutes, decisions and
their follow-up by the responsible ministries."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook

from coordination.models import Membership, Notification
from meetings.models import (
    AgendaItem,
    AgendaState,
    BriefingDocument,
    CalendarFeed,
    Decision,
    FollowUp,
    Invitation,
    Meeting,
    MeetingPaper,
    Minutes,
    MinutesRevision,
)
from meetings.services.attendance import quorum
from meetings.services.meetings import respond, sync_invitations
from meetings.services.minutes import circulate_minutes, minutes_of, save_minutes
from tests import factories
from tests.documents import PDF_BYTES, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def body(momd, moi):
    body = factories.CoordinationBodyFactory()
    for ministry in (momd, moi):
        Membership.objects.create(
            body=body,
            ministry=ministry,
            role="member",
            full_name=f"Deputy minister {ministry.code}",
            email=f"dm@{ministry.code.lower()}.example",
        )
    return body


@pytest.fixture
def meeting(body, momd, moi):
    return factories.MeetingFactory(
        body=body, title_en="Plenary Q1", invited_ministries=[momd, moi]
    )


@pytest.fixture
def held(body, momd, moi):
    """A meeting of the body that took place ten days ago: attendance and minutes are
    recorded for it."""
    return factories.MeetingFactory(
        body=body,
        title_en="Plenary Q1",
        invited_ministries=[momd, moi],
        start=timezone.now() - datetime.timedelta(days=10),
    )


@pytest.fixture
def next_one(body, held):
    """The body's next meeting, which has started: where the minutes of ``held`` are
    approved."""
    return factories.MeetingFactory(
        body=body, title_en="Plenary Q2", start=timezone.now() - datetime.timedelta(hours=1)
    )


def comment_round_over(meeting):
    """Time has passed: the comment deadline of the meeting's minutes is behind us."""
    Minutes.objects.filter(meeting=meeting).update(
        comment_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )


def in_a_week() -> str:
    return (timezone.localtime() + datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")


def approve(client, meeting, at_meeting):
    """Choose the meeting, then confirm: the two steps of the approval."""
    post(client, "meetings:minutes_approve", meeting.pk, data={"at_meeting": at_meeting.pk})
    return post(
        client,
        "meetings:minutes_approve",
        meeting.pk,
        data={"at_meeting": at_meeting.pk, "confirmed": "1"},
    )


def post(client, name, *args, data=None, **kwargs):
    return client.post(reverse(name, args=args), data or {}, **kwargs)


def parse_ics(message):
    content = next(a for a in message.attachments if a[0].endswith(".ics"))
    calendar = Calendar.from_ical(content[1])
    event = calendar.walk("VEVENT")[0]
    return calendar, event


def test_the_secretariat_creates_a_meeting_and_lands_on_its_agenda(client, story, body, momd):
    client.force_login(story["secretariat"])
    response = client.post(
        reverse("meetings:meeting_create"),
        {
            "body": body.pk,
            "title_ar": "الاجتماع الأول",
            "title_en": "First plenary",
            "kind": "high_level",
            "start": "2031-01-20T10:00",
            "duration_minutes": 120,
            "invited_ministries": [momd.pk],
        },
    )
    meeting = Meeting.objects.get(title_en="First plenary")
    assert response.url == reverse("meetings:agenda", args=[meeting.pk])
    assert list(meeting.invited_ministries.all()) == [momd]


def test_a_meetings_length_can_be_typed_in_arabic_indic_digits(client, story, body):
    client.force_login(story["secretariat"])
    form = client.get(reverse("meetings:meeting_create")).content.decode()
    # A text input with the keyboard of numbers: type=number leaves ٩٠ typed in it empty.
    assert re.search(r'<input type="text" name="duration_minutes"[^>]*inputmode="numeric"', form)
    client.post(
        reverse("meetings:meeting_create"),
        {
            "body": body.pk,
            "title_ar": "اجتماع فني",
            "title_en": "Technical",
            "kind": "technical",
            "start": "2031-01-20T10:00",
            "duration_minutes": "٩٠",
        },
    )
    assert Meeting.objects.get(title_en="Technical").duration_minutes == 90


def test_a_meeting_in_the_past_is_refused_with_the_form_kept(client, story, body):
    client.force_login(story["secretariat"])
    response = client.post(
        reverse("meetings:meeting_create"),
        {
            "body": body.pk,
            "title_ar": "اجتماع",
            "title_en": "Late",
            "kind": "technical",
            "start": "2020-01-20T10:00",
            "duration_minutes": 60,
        },
    )
    assert "cannot start in the past" in response.content.decode()
    assert not Meeting.objects.filter(title_en="Late").exists()


def test_the_agenda_builder_adds_moves_and_removes_items(client, story, meeting):
    client.force_login(story["secretariat"])
    for title in ("Opening", "Returns", "Any other business"):
        post(
            client,
            "meetings:agenda_add",
            meeting.pk,
            data={
                "title_ar": title,
                "title_en": title,
                "kind": "information",
                "minutes_allotted": 10,
            },
        )
    items = list(meeting.agenda_items.order_by("order"))
    post(client, "meetings:agenda_move", items[2].pk, data={"direction": "up"})
    assert [i.title_en for i in meeting.agenda_items.order_by("order")] == [
        "Opening",
        "Any other business",
        "Returns",
    ]
    response = post(
        client,
        "meetings:agenda_move",
        items[0].pk,
        data={"direction": "down"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and 'id="agenda-items"' in response.content.decode()
    assert "<html" not in response.content.decode()
    post(client, "meetings:agenda_remove", items[1].pk)
    assert [(i.order, i.title_en) for i in meeting.agenda_items.order_by("order")] == [
        (1, "Any other business"),
        (2, "Opening"),
    ]
    page = client.get(reverse("meetings:agenda", args=[meeting.pk])).content.decode()
    assert "20 minutes in all" in page


def test_the_builder_suggests_actions_at_risk_and_adds_one_with_a_click(client, story, meeting):
    at_risk = story["action_moi"]
    at_risk.status = "at_risk"
    at_risk.save()
    client.force_login(story["secretariat"])
    suggestions = client.get(reverse("meetings:agenda", args=[meeting.pk])).context["suggestions"]
    assert list(suggestions["actions"]) == [at_risk]
    post(client, "meetings:agenda_add_suggested", meeting.pk, at_risk.pk)
    item = meeting.agenda_items.get()
    assert list(item.priority_actions.all()) == [at_risk]
    assert item.presenter_ministry == at_risk.lead_ministry


def test_briefing_documents_follow_the_meeting(client, story, meeting, meeting_moi):
    Meeting.objects.update(agenda_state=AgendaState.PUBLISHED)
    client.force_login(story["secretariat"])
    post(
        client,
        "meetings:agenda_add",
        meeting_moi.pk,
        data={
            "title_ar": "بند",
            "title_en": "Border",
            "kind": "information",
            "minutes_allotted": 10,
            "documents": [upload("brief.pdf", PDF_BYTES)],
        },
    )
    document = BriefingDocument.objects.get()
    url = reverse("meetings:briefing_document", args=[document.pk])
    assert client.get(url).status_code == 200
    client.force_login(story["fp_momd"])
    assert client.get(url).status_code == 404
    client.force_login(story["fp_moi"])
    assert client.get(url).status_code == 200


def test_publishing_mails_each_member_an_invitation_with_a_calendar_file(
    client, story, meeting, django_capture_on_commit_callbacks
):
    client.force_login(story["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "meetings:publish", meeting.pk)
    meeting.refresh_from_db()
    assert meeting.agenda_state == AgendaState.PUBLISHED
    assert sorted(m.to[0] for m in mail.outbox) == ["dm@moi.example", "dm@momd.example"]
    calendar, event = parse_ics(mail.outbox[0])
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["UID"]) == f"{meeting.uid}@imag-portal"
    assert event["SEQUENCE"] == 0
    assert "mailto:" in str(event["ORGANIZER"])
    attendee = event["ATTENDEE"]
    assert attendee.params["RSVP"] == "TRUE"
    assert event.walk("VALARM")[0]["ACTION"] == "DISPLAY"


def test_republishing_sends_an_update_once_and_cancelling_sends_a_cancellation(
    client, story, meeting, django_capture_on_commit_callbacks
):
    from meetings.tasks import send_meeting_invitations

    client.force_login(story["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "meetings:publish", meeting.pk)
    first_uid = parse_ics(mail.outbox[0])[1]["UID"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "meetings:publish", meeting.pk)
    calendar, event = parse_ics(mail.outbox[0])
    assert (event["UID"], event["SEQUENCE"]) == (first_uid, 1)
    assert "Updated:" in mail.outbox[0].subject
    sent = len(mail.outbox)
    assert send_meeting_invitations.delay(meeting.pk).get() == 0
    assert len(mail.outbox) == sent
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "meetings:cancel", meeting.pk)
    calendar, event = parse_ics(mail.outbox[0])
    assert calendar["METHOD"] == "CANCEL"
    assert (event["UID"], event["SEQUENCE"], event["STATUS"]) == (first_uid, 2, "CANCELLED")
    assert len(mail.outbox) == 2


def test_a_postponed_meeting_sends_the_new_date(
    client, story, meeting, django_capture_on_commit_callbacks
):
    client.force_login(story["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "meetings:publish", meeting.pk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "meetings:postpone", meeting.pk, data={"new_start": "2031-02-03T09:00"})
    event = parse_ics(mail.outbox[0])[1]
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART").date() == datetime.date(2031, 2, 3)


def test_an_invited_person_sees_that_one_meeting(client, story, meeting, meeting_moi):
    person = story["fp_unassigned"]
    client.force_login(story["secretariat"])
    post(client, "meetings:invite_person", meeting_moi.pk, data={"person": person.pk})
    client.force_login(person)
    assert client.get(reverse("meetings:meeting_detail", args=[meeting_moi.pk])).status_code == 200
    assert client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).status_code == 404


def test_an_invitee_answers_and_a_delegate_needs_a_name(client, story, meeting):
    sync_invitations(meeting)
    invitation = meeting.invitations.get(ministry__code="MoMD")
    client.force_login(story["fp_momd"])
    post(client, "meetings:respond", invitation.pk, data={"response": "delegate"})
    invitation.refresh_from_db()
    assert invitation.response == "pending"
    post(
        client,
        "meetings:respond",
        invitation.pk,
        data={"response": "delegate", "delegate_name": "Director of Returns"},
    )
    invitation.refresh_from_db()
    assert (invitation.response, invitation.delegate_name) == ("delegate", "Director of Returns")
    other = meeting.invitations.get(ministry__code="MoI")
    assert (
        post(client, "meetings:respond", other.pk, data={"response": "attending"}).status_code
        == 404
    )


def test_attendance_and_quorum(client, story, held):
    meeting = held
    meeting.body.quorum = 2
    meeting.body.save()
    sync_invitations(meeting)
    client.force_login(story["secretariat"])
    first, second = meeting.invitations.all()
    response = post(
        client, "meetings:attendance", meeting.pk, data={"present": [first.pk]}, follow=True
    )
    assert "quorum 2 is NOT met" in response.content.decode()
    response = post(
        client,
        "meetings:attendance",
        meeting.pk,
        data={"present": [first.pk, second.pk]},
        follow=True,
    )
    assert "quorum 2 is met" in response.content.decode()
    assert quorum(meeting) == (2, 2, True)


def test_minutes_keep_every_revision_circulate_for_comment_and_lock_when_approved(
    client, story, held, next_one
):
    meeting = held
    item = factories.AgendaItemFactory(meeting=meeting, title_en="Returns")
    client.force_login(story["secretariat"])
    url = reverse("meetings:minutes", args=[meeting.pk])
    client.post(url, {"version": 1, f"item_{item.pk}": "First text"})
    client.post(url, {"version": 2, f"item_{item.pk}": "Second text"})
    stale = client.post(url, {"version": 2, f"item_{item.pk}": "Stale text"})
    assert stale.status_code == 409 and "Stale text" in stale.content.decode()
    assert list(MinutesRevision.objects.values_list("texts", flat=True)) == [
        {str(item.pk): "Second text"},
        {str(item.pk): "First text"},
    ]
    post(client, "meetings:minutes_circulate", meeting.pk, data={"deadline": in_a_week()})
    assert Notification.objects.filter(
        kind="minutes_circulated", recipient=story["fp_momd"]
    ).exists()
    client.force_login(story["fp_momd"])
    post(client, "meetings:minutes_comment", meeting.pk, data={"text": "Add MoMD's figures."})
    assert meeting.minutes.comments.get().text == "Add MoMD's figures."
    client.force_login(story["fp_unassigned"])
    assert (
        post(client, "meetings:minutes_comment", meeting.pk, data={"text": "x"}).status_code == 404
    )
    client.force_login(story["secretariat"])
    comment_round_over(meeting)
    approve(client, meeting, next_one)
    assert minutes_of(meeting).state == "approved"
    client.post(url, {"version": 3, f"item_{item.pk}": "After approval"})
    assert MinutesRevision.objects.count() == 2
    assert "After approval" not in client.get(url).content.decode()


def test_comments_after_the_deadline_are_refused(client, story, meeting):
    minutes = minutes_of(meeting)
    minutes.state, minutes.comment_deadline = "circulated", timezone.now()
    minutes.save()
    client.force_login(story["fp_momd"])
    response = post(
        client, "meetings:minutes_comment", meeting.pk, data={"text": "Late"}, follow=True
    )
    assert "not open for comment" in response.content.decode()
    assert not minutes.comments.exists()


def record_decision(client, item, ministries, due="2026-01-31"):
    return post(
        client,
        "meetings:decision_create",
        item.pk,
        data={
            "text_ar": "قرار",
            "text_en": "Open returnee desks in all governorates",
            "responsible": [m.pk for m in ministries],
            "due_date": due,
        },
    )


def test_a_decision_gives_each_responsible_ministry_its_own_follow_up(
    client, story, meeting, momd, moi
):
    item = factories.AgendaItemFactory(meeting=meeting)
    client.force_login(story["secretariat"])
    record_decision(client, item, [momd, moi])
    decision = Decision.objects.get(agenda_item=item)
    year = timezone.localtime(meeting.start).year
    assert decision.code == f"HCB/{year}/01"
    assert sorted(decision.follow_ups.values_list("ministry__code", flat=True)) == ["MoI", "MoMD"]
    assert Notification.objects.filter(
        kind="decision_assigned", recipient=story["fp_momd"]
    ).exists()
    momd_follow_up = decision.follow_ups.get(ministry=momd)
    moi_follow_up = decision.follow_ups.get(ministry=moi)
    client.force_login(story["fp_momd"])
    url = reverse("meetings:follow_up", args=[momd_follow_up.pk])
    response = client.post(url, {"status": "blocked", "note": ""})
    assert "Say what blocks it" in response.content.decode()
    client.post(
        url,
        {"status": "done", "note": "All desks open.", "evidence": [upload("desks.pdf", PDF_BYTES)]},
    )
    momd_follow_up.refresh_from_db()
    assert (momd_follow_up.status, momd_follow_up.updated_by) == ("done", story["fp_momd"])
    assert momd_follow_up.evidence.count() == 1
    decision.refresh_from_db()
    assert decision.follow_up_status == "in_progress"
    other = reverse("meetings:follow_up", args=[moi_follow_up.pk])
    assert client.get(other).status_code == 404
    assert client.post(other, {"status": "done"}).status_code == 404
    client.force_login(story["steering"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"status": "pending", "note": ""}).status_code == 403


def test_open_follow_ups_come_back_as_matters_arising_until_done(
    client, story, meeting, body, momd
):
    item = factories.AgendaItemFactory(meeting=meeting)
    client.force_login(story["secretariat"])
    record_decision(client, item, [momd])
    decision = Decision.objects.get(agenda_item=item)
    later = factories.MeetingFactory(
        body=body, invited_ministries=[momd], start=meeting.start + datetime.timedelta(days=90)
    )
    page = client.get(reverse("meetings:meeting_detail", args=[later.pk]))
    assert [f["decision__code"] for f in page.context["matters_arising"]] == [decision.code]
    FollowUp.objects.update(status="done")
    page = client.get(reverse("meetings:meeting_detail", args=[later.pk]))
    assert list(page.context["matters_arising"]) == []


def test_the_decision_register_filters_flags_overdue_and_exports(client, story, meeting, momd, moi):
    item = factories.AgendaItemFactory(meeting=meeting)
    client.force_login(story["secretariat"])
    record_decision(client, item, [momd], due="2026-01-31")
    post(
        client,
        "meetings:decision_create",
        item.pk,
        data={
            "text_ar": "قرار",
            "text_en": '=HYPERLINK("http://evil","x")',
            "responsible": [moi.pk],
            "due_date": "2031-01-31",
        },
    )
    url = reverse("meetings:decision_register")
    codes = lambda **q: sorted(d.code for d in client.get(url, q).context["page_obj"])  # noqa: E731
    assert len(codes()) == 4  # the two of the story and the two above
    recorded = Decision.objects.get(due_date=datetime.date(2026, 1, 31))
    assert codes(ministry=momd.pk, overdue="on") == [recorded.code]
    assert codes(status="done") == []
    # With a ministry chosen, its own follow-up decides: done by MoMD, the decision leaves
    # MoMD's overdue and joins its done, while overall it is still open and overdue.
    FollowUp.objects.create(decision=recorded, ministry=moi, status="pending")
    recorded.responsible_ministries.add(moi)
    FollowUp.objects.filter(decision=recorded, ministry=momd).update(status="done")
    assert codes(ministry=momd.pk, overdue="on") == []
    assert codes(ministry=momd.pk, status="done") == [recorded.code]
    assert recorded.code in codes(overdue="on")
    assert recorded.code in codes(ministry=moi.pk, status="pending")
    export = client.get(reverse("meetings:decision_export"), {"ministry": moi.pk})
    sheet = load_workbook(io.BytesIO(export.content)).active
    cells = {cell.value: cell.data_type for row in sheet.iter_rows() for cell in row}
    assert cells['=HYPERLINK("http://evil","x")'] == "s"
    client.force_login(story["fp_momd"])
    export = client.get(reverse("meetings:decision_export"))
    text = " ".join(
        str(c.value)
        for row in load_workbook(io.BytesIO(export.content)).active.iter_rows()
        for c in row
    )
    assert "HYPERLINK" not in text and "Staff MoI border posts" not in text
    assert "Open returnee desks" in text


def test_the_register_costs_the_same_queries_for_few_and_many(
    client, story, meeting, momd, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(story["steering"])
    url = reverse("meetings:decision_register")
    item = factories.AgendaItemFactory(meeting=meeting)
    FollowUp.objects.create(decision=story["decision_momd"], ministry=momd)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(30):
        decision = factories.DecisionFactory(
            meeting=meeting, agenda_item=item, responsible_ministries=[momd]
        )
        FollowUp.objects.create(decision=decision, ministry=momd)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_a_private_calendar_feed_lists_only_the_users_meetings(client, story, meeting, meeting_moi):
    client.force_login(story["fp_momd"])
    assert client.get(reverse("meetings:calendar")).context["feed_url"] == ""
    assert not CalendarFeed.objects.exists()  # a GET creates nothing
    client.post(reverse("meetings:calendar"))
    feed_url = client.get(reverse("meetings:calendar")).context["feed_url"]
    client.logout()
    response = client.get(feed_url)
    calendar = Calendar.from_ical(response.content)
    titles = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert titles == ["MoMD plenary", "Plenary Q1"]
    client.force_login(story["fp_momd"])
    client.post(reverse("meetings:calendar"))
    client.logout()
    assert client.get(feed_url).status_code == 404


def test_a_ministry_not_invited_finds_nothing_of_the_meeting(client, story, meeting_moi):
    item = factories.AgendaItemFactory(meeting=meeting_moi)
    client.force_login(story["fp_momd"])
    for name, args in [
        ("meetings:meeting_detail", [meeting_moi.pk]),
        ("meetings:minutes", [meeting_moi.pk]),
        ("meetings:agenda", [meeting_moi.pk]),
        ("meetings:decision_create", [item.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    assert post(client, "meetings:paper_request", meeting_moi.pk, "agenda").status_code == 404


def pango_installed() -> bool:
    try:
        import weasyprint  # noqa: F401
    except OSError:
        return False
    return True


@pytest.mark.skipif(not pango_installed(), reason="PDFs need Pango: see README (CI has it)")
def test_the_agenda_pdf_is_made_by_a_task_and_keeps_the_arabic(
    client, story, meeting, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    factories.AgendaItemFactory(meeting=meeting, title_ar="إعادة إدماج العائدين")
    Meeting.objects.update(agenda_state=AgendaState.PUBLISHED)
    story["fp_momd"].language = "ar"
    story["fp_momd"].save()
    client.force_login(story["fp_momd"])
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "meetings:paper_request", meeting.pk, "agenda")
    paper = MeetingPaper.objects.get()
    assert response.url == reverse("meetings:paper", args=[paper.pk])
    page = client.get(response.url).content.decode()
    assert "?download=1" in page
    download = client.get(response.url, {"download": 1})
    assert download["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(download.content)).pages)
    assert "العائدين" in text or "نيدئاعلا" in text
    client.force_login(story["fp_moi"])
    assert client.get(response.url).status_code == 404


def test_agenda_items_of_a_cancelled_meeting_cannot_change(client, story, meeting):
    client.force_login(story["secretariat"])
    post(client, "meetings:cancel", meeting.pk)
    post(
        client,
        "meetings:agenda_add",
        meeting.pk,
        data={"title_ar": "بند", "title_en": "x", "kind": "information", "minutes_allotted": 5},
    )
    assert not AgendaItem.objects.filter(meeting=meeting).exists()
    assert not Invitation.objects.exists()


def test_a_draft_agenda_and_draft_minutes_stay_with_the_secretariat(client, story, held):
    meeting = held
    item = factories.AgendaItemFactory(meeting=meeting, title_en="Confidential draft item")
    minutes = save_minutes(
        user=story["secretariat"],
        minutes=minutes_of(meeting),
        texts={item.pk: "Draft minutes text"},
        expected_version=1,
    )
    client.force_login(story["fp_momd"])
    detail = reverse("meetings:meeting_detail", args=[meeting.pk])
    minutes_url = reverse("meetings:minutes", args=[meeting.pk])
    assert "Confidential draft item" not in client.get(detail).content.decode()
    assert "Draft minutes text" not in client.get(minutes_url).content.decode()
    assert list(client.get(minutes_url).context["revisions"]) == []
    Meeting.objects.filter(pk=meeting.pk).update(agenda_state=AgendaState.PUBLISHED)
    assert "Confidential draft item" in client.get(detail).content.decode()
    minutes.refresh_from_db()
    circulate_minutes(
        user=story["secretariat"],
        minutes=minutes,
        deadline=timezone.now() + datetime.timedelta(days=7),
    )
    assert "Draft minutes text" in client.get(minutes_url).content.decode()


def test_only_invitees_comment_on_circulated_minutes(client, story, held):
    meeting = held
    minutes = minutes_of(meeting)
    circulate_minutes(
        user=story["secretariat"],
        minutes=minutes,
        deadline=timezone.now() + datetime.timedelta(days=7),
    )
    client.force_login(story["steering"])
    assert (
        post(
            client, "meetings:minutes_comment", meeting.pk, data={"text": "Steering remark"}
        ).status_code
        == 403
    )
    client.force_login(story["fp_moi"])
    post(client, "meetings:minutes_comment", meeting.pk, data={"text": "MoI remark"})
    assert list(minutes.comments.values_list("text", flat=True)) == ["MoI remark"]


def test_a_ministry_reads_only_its_own_follow_up_of_a_shared_decision(
    client, story, meeting, momd, moi
):
    item = factories.AgendaItemFactory(meeting=meeting)
    client.force_login(story["secretariat"])
    record_decision(client, item, [momd, moi])
    FollowUp.objects.filter(ministry=momd).update(note="MoMD internal note", status="blocked")
    client.force_login(story["fp_moi"])
    page = client.get(reverse("meetings:decision_register")).content.decode()
    assert "MoMD: Blocked" not in page
    export = client.get(reverse("meetings:decision_export"))
    text = " ".join(
        str(c.value)
        for row in load_workbook(io.BytesIO(export.content)).active.iter_rows()
        for c in row
    )
    assert "MoMD internal note" not in text and "MoI: Pending" in text


def test_suggestions_survive_an_item_without_actions_and_decisions_are_added_once(
    client, story, meeting, meeting_momd
):
    at_risk = story["action_moi"]
    at_risk.status = "delayed"
    at_risk.save()
    factories.AgendaItemFactory(meeting=meeting, title_en="Opening")
    client.force_login(story["secretariat"])
    suggestions = client.get(reverse("meetings:agenda", args=[meeting.pk])).context["suggestions"]
    assert list(suggestions["actions"]) == [at_risk]
    overdue = story["decision_momd"]
    assert overdue in suggestions["overdue_decisions"]
    post(client, "meetings:agenda_add_decision", meeting.pk, overdue.pk)
    assert meeting.agenda_items.filter(follows_decision=overdue).count() == 1
    suggestions = client.get(reverse("meetings:agenda", args=[meeting.pk])).context["suggestions"]
    assert overdue not in suggestions["overdue_decisions"]


def test_minutes_are_approved_after_circulation_at_a_later_meeting_and_freeze_the_agenda(
    client, story, held, next_one, momd
):
    meeting = held
    item = factories.AgendaItemFactory(meeting=meeting)
    client.force_login(story["secretariat"])
    approve(client, meeting, next_one)
    assert minutes_of(meeting).state == "draft"
    post(client, "meetings:minutes_circulate", meeting.pk, data={"deadline": in_a_week()})
    comment_round_over(meeting)
    approve(client, meeting, next_one)
    minutes = minutes_of(meeting)
    assert (minutes.state, minutes.approved_at_meeting) == ("approved", next_one)
    post(
        client,
        "meetings:agenda_add",
        meeting.pk,
        data={"title_ar": "بند", "title_en": "Late", "kind": "information", "minutes_allotted": 5},
    )
    post(client, "meetings:agenda_remove", item.pk)
    record_decision(client, item, [momd])
    assert list(meeting.agenda_items.all()) == [item]
    assert not Decision.objects.filter(agenda_item=item).exists()


def test_editing_a_published_meeting_sends_the_update(
    client, story, meeting, body, django_capture_on_commit_callbacks
):
    client.force_login(story["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "meetings:publish", meeting.pk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("meetings:meeting_update", args=[meeting.pk]),
            {
                "body": body.pk,
                "title_ar": meeting.title_ar,
                "title_en": meeting.title_en,
                "kind": meeting.kind,
                "start": "2031-05-05T11:00",
                "duration_minutes": 90,
                "invited_ministries": list(meeting.invited_ministries.values_list("pk", flat=True)),
            },
        )
    event = parse_ics(mail.outbox[0])[1]
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART").date() == datetime.date(2031, 5, 5)


def test_invitations_held_back_by_a_broker_outage_go_out_later(
    client, story, meeting, monkeypatch, django_capture_on_commit_callbacks
):
    from kombu.exceptions import OperationalError

    from meetings import tasks

    def broker_down(*args, **kwargs):
        raise OperationalError("Connection refused")

    monkeypatch.setattr(tasks.send_meeting_invitations, "apply_async", broker_down)
    client.force_login(story["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "meetings:publish", meeting.pk)
    assert response.status_code == 302 and mail.outbox == []
    monkeypatch.undo()
    assert tasks.send_waiting_invitations.delay().get() == 2
    assert tasks.send_waiting_invitations.delay().get() == 0


def test_an_update_carries_each_invitees_answer(
    client, story, meeting, django_capture_on_commit_callbacks
):
    client.force_login(story["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "meetings:publish", meeting.pk)
    invitation = meeting.invitations.get(ministry__code="MoMD")
    respond(user=story["fp_momd"], invitation=invitation, response="attending")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "meetings:publish", meeting.pk)
    message = next(m for m in mail.outbox if m.to == [invitation.email])
    assert parse_ics(message)[1]["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"


def test_a_ministry_counts_once_for_the_quorum_and_the_chair_is_invited(
    client, story, meeting, momd
):
    Membership.objects.create(
        body=meeting.body,
        ministry=momd,
        role="alternate",
        full_name="Alternate MoMD",
        email="alt@momd.example",
    )
    Membership.objects.create(
        body=meeting.body, role="chair", full_name="Chair", email="chair@imag.example"
    )
    sync_invitations(meeting)
    assert meeting.invitations.filter(name="Chair").exists()
    meeting.invitations.filter(ministry=momd).update(attended=True)
    assert quorum(meeting)[0] == 1
    meeting.invitations.filter(name="Chair").update(attended=True)
    assert quorum(meeting)[0] == 2


def test_the_meeting_page_offers_each_user_only_their_own_answer(client, story, meeting):
    sync_invitations(meeting)
    client.force_login(story["secretariat"])
    assert (
        client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).context["my_invitations"]
        == []
    )
    client.force_login(story["fp_momd"])
    mine = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).context[
        "my_invitations"
    ]
    assert [invitation.ministry.code for invitation, _ in mine] == ["MoMD"]


def test_the_meeting_that_approved_minutes_is_named_only_to_those_it_invited(
    client, story, held, body, moi
):
    meeting = held
    later = factories.MeetingFactory(
        body=body,
        title_en="Closed MoI session",
        start=timezone.now() - datetime.timedelta(days=1),
        invited_ministries=[moi],
    )
    client.force_login(story["secretariat"])
    post(client, "meetings:minutes_circulate", meeting.pk, data={"deadline": in_a_week()})
    comment_round_over(meeting)
    approve(client, meeting, later)
    assert minutes_of(meeting).approved_at_meeting == later
    client.force_login(story["fp_moi"])
    page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert "Approved at" in page and "Closed MoI session" in page
    client.force_login(story["fp_momd"])
    page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    assert "approved on" in page and "Closed MoI session" not in page


def test_reading_a_meetings_minutes_page_writes_nothing(client, story, held):
    meeting = held
    client.force_login(story["secretariat"])
    assert client.get(reverse("meetings:minutes", args=[meeting.pk])).status_code == 200
    assert not Minutes.objects.exists()
    post(client, "meetings:minutes_circulate", meeting.pk, data={"deadline": in_a_week()})
    assert Minutes.objects.get(meeting=meeting).state == "circulated"


def test_a_draft_agendas_length_is_not_shown_to_invitees(client, story, meeting):
    factories.AgendaItemFactory(meeting=meeting, minutes_allotted=37)
    assert meeting.agenda_state == AgendaState.DRAFT
    client.force_login(story["fp_momd"])
    response = client.get(reverse("meetings:meeting_detail", args=[meeting.pk]))
    assert response.context["total_minutes"] == 0
    assert "37 minutes" not in response.content.decode()
    client.force_login(story["secretariat"])
    response = client.get(reverse("meetings:meeting_detail", args=[meeting.pk]))
    assert response.context["total_minutes"] == 37
