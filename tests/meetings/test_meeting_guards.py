"""Workflow guards of a meeting: attendance and minutes once it has started, a comment
deadline after it, approval after that deadline at a later meeting of the body, and a
confirmation page, working without JavaScript, before cancelling it or approving minutes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Invitation, Meeting, Minutes, MinutesRevision
from meetings.services.attendance import record_attendance
from meetings.services.guards import NotAllowedNow
from meetings.services.minutes import (
    approve_minutes,
    circulate_minutes,
    minutes_of,
    save_minutes,
)
from tests import factories
from tests.conftest import Client

pytestmark = pytest.mark.django_db

NOT_STARTED = "Attendance and minutes can be recorded once the meeting has started."


def ago(**delta) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**delta)


def ahead(**delta) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(**delta)


def typed(moment: datetime.datetime) -> str:
    """As a datetime-local field sends it, in the portal's time zone."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def hcb(momd, moi):
    return factories.CoordinationBodyFactory(quorum=1)


@pytest.fixture
def coming(hcb, momd, moi):
    """Next week's plenary: nothing of the day can be recorded yet."""
    meeting = factories.MeetingFactory(
        body=hcb, title_en="Coming plenary", start=ahead(days=7), invited_ministries=[momd, moi]
    )
    factories.AgendaItemFactory(meeting=meeting, title_en="Returns")
    return meeting


@pytest.fixture
def held(hcb, momd, moi):
    """Last month's plenary."""
    meeting = factories.MeetingFactory(
        body=hcb, title_en="Held plenary", start=ago(days=30), invited_ministries=[momd, moi]
    )
    factories.AgendaItemFactory(meeting=meeting, title_en="Returns")
    return meeting


@pytest.fixture
def next_plenary(hcb, held):
    """The body's next meeting, this morning: the minutes of ``held`` are approved there."""
    return factories.MeetingFactory(body=hcb, title_en="Next plenary", start=ago(hours=3))


def circulated(meeting, user, *, deadline_passed=True) -> Minutes:
    """The meeting's minutes written and circulated; with ``deadline_passed``, as they are
    once the comment deadline is behind (time has passed since they were circulated)."""
    item = meeting.agenda_items.get()
    save_minutes(
        user=user, minutes=minutes_of(meeting), texts={item.pk: "Text"}, expected_version=1
    )
    minutes = circulate_minutes(user=user, minutes=minutes_of(meeting), deadline=ahead(days=7))
    if deadline_passed:
        Minutes.objects.filter(pk=minutes.pk).update(comment_deadline=ago(minutes=1))
        minutes.refresh_from_db()
    return minutes


# Attendance and minutes wait for the meeting -----------------------------------------------


def test_attendance_is_not_offered_before_the_meeting_starts(client, story, coming, held):
    client.force_login(story["secretariat"])
    attendance_of_coming = reverse("meetings:attendance", args=[coming.pk])
    detail = client.get(reverse("meetings:meeting_detail", args=[coming.pk])).content.decode()
    assert attendance_of_coming not in detail
    page = client.get(attendance_of_coming).content.decode()
    assert "Attendance can be recorded once the meeting has started." in page
    assert "Save attendance" not in page
    detail = client.get(reverse("meetings:meeting_detail", args=[held.pk])).content.decode()
    assert reverse("meetings:attendance", args=[held.pk]) in detail
    page = client.get(reverse("meetings:attendance", args=[held.pk])).content.decode()
    assert "Save attendance" in page


def test_a_direct_post_of_attendance_before_the_start_is_refused_with_a_reason(
    client, story, coming
):
    invitation = Invitation.objects.create(meeting=coming, name="Guest")
    client.force_login(story["secretariat"])
    response = client.post(
        reverse("meetings:attendance", args=[coming.pk]), {"present": [invitation.pk]}, follow=True
    )
    assert NOT_STARTED in response.content.decode()
    assert not Invitation.objects.filter(attended=True).exists()
    coming.refresh_from_db()
    assert coming.status == "planned"
    with pytest.raises(NotAllowedNow):
        record_attendance(user=story["secretariat"], meeting=coming, present_ids=[invitation.pk])


def test_attendance_is_recorded_once_the_meeting_has_started(client, story, coming):
    invitation = Invitation.objects.create(meeting=coming, name="Guest")
    Meeting.objects.filter(pk=coming.pk).update(start=ago(minutes=5))  # the day has come
    client.force_login(story["secretariat"])
    client.post(reverse("meetings:attendance", args=[coming.pk]), {"present": [invitation.pk]})
    invitation.refresh_from_db()
    coming.refresh_from_db()
    assert invitation.attended is True and coming.status == "held"


def test_minutes_are_neither_offered_nor_saved_before_the_meeting_starts(client, story, coming):
    item = coming.agenda_items.get()
    client.force_login(story["secretariat"])
    url = reverse("meetings:minutes", args=[coming.pk])
    response = client.get(url)
    page = response.content.decode()
    assert response.context["form"] is None and response.context["circulate_form"] is None
    assert "The minutes can be written once the meeting has started." in page
    assert reverse("meetings:minutes_circulate", args=[coming.pk]) not in page
    response = client.post(url, {"version": 1, f"item_{item.pk}": "Written ahead"}, follow=True)
    assert NOT_STARTED in response.content.decode()
    response = client.post(
        reverse("meetings:minutes_circulate", args=[coming.pk]),
        {"deadline": typed(ahead(days=10))},
        follow=True,
    )
    assert NOT_STARTED in response.content.decode()
    assert not Minutes.objects.exists() and not MinutesRevision.objects.exists()
    with pytest.raises(NotAllowedNow):
        save_minutes(
            user=story["secretariat"],
            minutes=minutes_of(coming),
            texts={item.pk: "x"},
            expected_version=1,
        )


def test_minutes_are_written_once_the_meeting_has_started(client, story, held):
    item = held.agenda_items.get()
    client.force_login(story["secretariat"])
    url = reverse("meetings:minutes", args=[held.pk])
    assert client.get(url).context["form"] is not None
    client.post(url, {"version": 1, f"item_{item.pk}": "The body discussed returns."})
    assert MinutesRevision.objects.get().texts == {str(item.pk): "The body discussed returns."}


# The comment deadline -----------------------------------------------------------------------


def test_a_comment_deadline_before_the_end_of_the_meeting_is_refused_and_kept(
    client, story, hcb, momd
):
    # Started half an hour ago, it lasts two hours: a deadline within the hour falls inside it.
    meeting = factories.MeetingFactory(
        body=hcb, start=ago(minutes=30), duration_minutes=120, invited_ministries=[momd]
    )
    client.force_login(story["secretariat"])
    too_soon = typed(ahead(minutes=60))
    response = client.post(
        reverse("meetings:minutes_circulate", args=[meeting.pk]), {"deadline": too_soon}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The comment deadline must be after the meeting has ended." in page
    assert f'value="{too_soon}"' in page
    assert not Minutes.objects.filter(state="circulated").exists()
    with pytest.raises(NotAllowedNow):
        circulate_minutes(
            user=story["secretariat"], minutes=minutes_of(meeting), deadline=ahead(minutes=60)
        )
    response = client.post(
        reverse("meetings:minutes_circulate", args=[meeting.pk]),
        {"deadline": typed(ahead(days=3))},
    )
    assert response.status_code == 302
    assert minutes_of(meeting).state == "circulated"


# Approval -----------------------------------------------------------------------------------


def test_minutes_are_not_approved_before_their_comment_deadline(client, story, held, next_plenary):
    circulated(held, story["secretariat"], deadline_passed=False)
    client.force_login(story["secretariat"])
    minutes_page = client.get(reverse("meetings:minutes", args=[held.pk])).content.decode()
    approval = reverse("meetings:minutes_approve", args=[held.pk])
    assert approval not in minutes_page
    assert "once the comment deadline has passed" in minutes_page
    response = client.get(approval, follow=True)
    assert "their comment deadline has passed" in response.content.decode()
    response = client.post(approval, {"at_meeting": next_plenary.pk, "confirmed": "1"}, follow=True)
    assert "their comment deadline has passed" in response.content.decode()
    assert minutes_of(held).state == "circulated"
    with pytest.raises(NotAllowedNow):
        approve_minutes(
            user=story["secretariat"], minutes=minutes_of(held), at_meeting=next_plenary
        )


def test_the_approval_offers_only_the_bodys_later_meetings_that_have_started(
    client, story, hcb, held, next_plenary
):
    earlier = factories.MeetingFactory(body=hcb, title_en="Earlier", start=ago(days=60))
    factories.MeetingFactory(body=hcb, title_en="Not yet", start=ahead(days=20))
    factories.MeetingFactory(body=hcb, title_en="Called off", start=ago(days=5), status="cancelled")
    other_body = factories.CoordinationBodyFactory(code="TWG", name_en="Technical group")
    elsewhere = factories.MeetingFactory(body=other_body, title_en="Elsewhere", start=ago(days=2))
    circulated(held, story["secretariat"])
    client.force_login(story["secretariat"])
    url = reverse("meetings:minutes_approve", args=[held.pk])
    response = client.get(url)
    assert list(response.context["form"].fields["at_meeting"].queryset) == [next_plenary]
    for meeting in (earlier, elsewhere):
        response = client.post(url, {"at_meeting": meeting.pk, "confirmed": "1"})
        assert "Choose one of the body" in response.content.decode()
        assert minutes_of(held).state == "circulated"
        with pytest.raises(NotAllowedNow):
            approve_minutes(user=story["secretariat"], minutes=minutes_of(held), at_meeting=meeting)


def test_the_approval_requires_a_meeting(client, story, held, next_plenary):
    circulated(held, story["secretariat"])
    client.force_login(story["secretariat"])
    response = client.post(
        reverse("meetings:minutes_approve", args=[held.pk]), {"at_meeting": "", "confirmed": "1"}
    )
    assert "Choose the later meeting of the body that approved the minutes." in (
        response.content.decode()
    )
    assert minutes_of(held).state == "circulated"


def test_the_approval_asks_for_confirmation_and_only_the_confirmation_approves(
    client, story, held, next_plenary
):
    circulated(held, story["secretariat"])
    client.force_login(story["secretariat"])
    minutes_url = reverse("meetings:minutes", args=[held.pk])
    url = reverse("meetings:minutes_approve", args=[held.pk])
    assert url in client.get(minutes_url).content.decode()
    chosen = client.post(url, {"at_meeting": next_plenary.pk})
    page = chosen.content.decode()
    assert chosen.status_code == 200 and "Approve the minutes?" in page
    assert "will be recorded as approved at Next plenary" in page
    assert 'name="confirmed" value="1"' in page
    assert minutes_of(held).state == "circulated"
    done = client.post(url, {"at_meeting": next_plenary.pk, "confirmed": "1"})
    assert done.status_code == 302
    minutes = minutes_of(held)
    assert (minutes.state, minutes.approved_at_meeting, minutes.approved_by) == (
        "approved",
        next_plenary,
        story["secretariat"],
    )
    page = client.get(minutes_url).content.decode()
    assert "Approved at" in page and "Next plenary" in page
    again = client.get(url, follow=True)
    assert "The minutes are already approved." in again.content.decode()


def test_approved_minutes_from_before_keep_no_meeting(client, story, held):
    minutes = circulated(held, story["secretariat"])
    Minutes.objects.filter(pk=minutes.pk).update(state="approved", approved_at=timezone.now())
    client.force_login(story["secretariat"])
    response = client.get(reverse("meetings:minutes", args=[held.pk]))
    assert response.context["approving_meeting"] is None
    assert "Approved at" not in response.content.decode()


def test_only_the_secretariat_reaches_the_approval_and_others_find_nothing(
    client, story, held, next_plenary, meeting_momd
):
    circulated(held, story["secretariat"])
    url = reverse("meetings:minutes_approve", args=[held.pk])
    client.force_login(story["fp_momd"])  # invited: sees the meeting, may not approve
    assert client.get(url).status_code == 403
    assert client.post(url, {"at_meeting": next_plenary.pk, "confirmed": "1"}).status_code == 403
    client.force_login(story["fp_unassigned"])
    assert client.get(url).status_code == 404
    assert minutes_of(held).state == "circulated"


# Cancelling ---------------------------------------------------------------------------------


def test_cancelling_asks_for_confirmation_first(client, story, coming):
    client.force_login(story["secretariat"])
    url = reverse("meetings:cancel", args=[coming.pk])
    detail = client.get(reverse("meetings:meeting_detail", args=[coming.pk])).content.decode()
    assert f'href="{url}"' in detail
    page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200 and "Cancel the meeting?" in text
    assert 'method="post"' in text and "csrfmiddlewaretoken" in text
    coming.refresh_from_db()
    assert coming.status == "planned"
    client.post(url)
    coming.refresh_from_db()
    assert coming.status == "cancelled"
    again = client.post(url, follow=True)
    assert "The meeting is already cancelled." in again.content.decode()
    assert client.get(url, follow=True).redirect_chain[-1][0] == reverse(
        "meetings:meeting_detail", args=[coming.pk]
    )


def test_cancelling_keeps_its_csrf_check_and_access_rules(story, meeting_momd, meeting_moi):
    url = reverse("meetings:cancel", args=[meeting_momd.pk])
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(story["secretariat"])
    assert strict.post(url).status_code == 403
    client = Client()
    client.force_login(story["fp_momd"])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert client.get(reverse("meetings:cancel", args=[meeting_moi.pk])).status_code == 404
    meeting_momd.refresh_from_db()
    assert meeting_momd.status == "planned"


def test_a_held_meeting_is_neither_moved_nor_cancelled_and_offers_no_such_button(
    client, story, held
):
    held.status = "held"
    held.save(update_fields=["status"])
    client.force_login(story["secretariat"])
    detail = client.get(reverse("meetings:meeting_detail", args=[held.pk])).content.decode()
    assert reverse("meetings:cancel", args=[held.pk]) not in detail
    assert reverse("meetings:postpone", args=[held.pk]) not in detail
    refused = client.post(reverse("meetings:cancel", args=[held.pk]), follow=True)
    assert "can no longer be moved or cancelled" in refused.content.decode()
    client.post(reverse("meetings:postpone", args=[held.pk]), {"new_start": typed(ahead(days=3))})
    held.refresh_from_db()
    assert held.status == "held" and held.start < timezone.now()


def test_a_meeting_to_come_offers_no_minutes_and_no_quorum_yet(client, story, coming):
    client.force_login(story["secretariat"])
    detail = client.get(reverse("meetings:meeting_detail", args=[coming.pk])).content.decode()
    assert reverse("meetings:minutes", args=[coming.pk]) not in detail
    assert reverse("meetings:paper_request", args=[coming.pk, "minutes"]) not in detail
    assert "quorum" not in detail


def test_without_a_later_meeting_held_the_approval_page_offers_no_form(client, story, held):
    circulated(held, story["secretariat"])
    client.force_login(story["secretariat"])
    page = client.get(reverse("meetings:minutes_approve", args=[held.pk])).content.decode()
    assert "No later meeting of the body has taken place yet" in page
    assert 'name="at_meeting"' not in page and ">Continue<" not in page
