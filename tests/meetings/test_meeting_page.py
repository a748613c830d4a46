"""A meeting's page and the meeting list: what each role reads there, written out in Python
(agenda, decisions, matters arising, the secretariat's forms), in a number of queries that
does not grow with the meeting."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coordination.models import Membership
from meetings.models import (
    AgendaState,
    BriefingDocument,
    FollowUp,
    FollowUpStatus,
    Invitation,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def body(momd, moi):
    body = factories.CoordinationBodyFactory()
    for ministry in (momd, moi):
        Membership.objects.create(
            body=body, ministry=ministry, role="member", full_name=f"Member {ministry.code}"
        )
    return body


@pytest.fixture
def earlier(body, momd, moi):
    """A meeting of the same body before the one on the page: its open follow-ups come back."""
    return factories.MeetingFactory(
        body=body,
        invited_ministries=[momd, moi],
        start=datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC),
    )


@pytest.fixture
def meeting(body, momd, moi):
    return factories.MeetingFactory(
        body=body,
        title_en="Plenary Q1",
        invited_ministries=[momd, moi],
        agenda_state=AgendaState.PUBLISHED,
    )


def fill(meeting, earlier, added, *, momd, moi, action_momd, action_moi, uploader):
    """``added`` more of everything the page lists: agenda items (each naming an action of each
    ministry and carrying a document), decisions of both ministries, open follow-ups of
    earlier decisions of both, and an invitation of each ministry."""
    for n in range(added):
        item = factories.AgendaItemFactory(meeting=meeting, title_en=f"Item {n}")
        item.priority_actions.set([action_momd, action_moi])
        BriefingDocument.objects.create(
            agenda_item=item,
            file="briefing.pdf",
            original_name=f"brief-{n}.pdf",
            content_type="application/pdf",
            size=10,
            uploaded_by=uploader,
        )
        factories.DecisionFactory(
            meeting=meeting, responsible_ministries=[momd, moi], text_en=f"Decided {n}"
        )
        old = factories.DecisionFactory(
            meeting=earlier, responsible_ministries=[momd, moi], text_en=f"Open {n}"
        )
        for ministry in (momd, moi):
            FollowUp.objects.create(decision=old, ministry=ministry)
    for ministry in (momd, moi):
        Invitation.objects.get_or_create(
            meeting=meeting, ministry=ministry, defaults={"name": f"Delegate {ministry.code}"}
        )


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("role", ["secretariat", "fp_momd"])
def test_the_meeting_page_reads_the_same_queries_whatever_the_meeting_holds(
    client, story, role, meeting, earlier, momd, moi
):
    client.force_login(story[role])
    url = reverse("meetings:meeting_detail", args=[meeting.pk])
    counts = []
    for added in (1, 5):
        fill(
            meeting,
            earlier,
            added,
            momd=momd,
            moi=moi,
            action_momd=story["action_momd"],
            action_moi=story["action_moi"],
            uploader=story["secretariat"],
        )
        client.get(url)  # the session and the like settle first
        counts.append(queries(client, url))
    assert counts[0] == counts[1] <= 20


@pytest.mark.parametrize("role", ["secretariat", "fp_momd"])
def test_the_meeting_list_reads_the_same_queries_whatever_the_number_of_meetings(
    client, story, role, body, momd
):
    client.force_login(story[role])
    url = reverse("meetings:meeting_list")
    counts = []
    for _round in range(2):
        for _n in range(5):
            factories.MeetingFactory(body=body, invited_ministries=[momd])
        client.get(url)
        counts.append(queries(client, url))
    assert counts[0] == counts[1] <= 20


def test_a_focal_point_reads_the_agenda_decisions_and_follow_ups_of_their_ministry(
    client, story, meeting, earlier, momd, moi
):
    fill(
        meeting,
        earlier,
        1,
        momd=momd,
        moi=moi,
        action_momd=story["action_momd"],
        action_moi=story["action_moi"],
        uploader=story["secretariat"],
    )
    client.force_login(story["fp_momd"])
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    action_momd, action_moi = story["action_momd"], story["action_moi"]
    assert reverse("strategy:action_detail", args=[action_momd.pk]) in page
    # Another ministry's action on the same item stays out of reach.
    assert reverse("strategy:action_detail", args=[action_moi.pk]) not in page
    document = BriefingDocument.objects.get()
    assert reverse("meetings:briefing_document", args=[document.pk]) in page
    assert "brief-0.pdf" in page and "Item 0" in page
    # The responsible ministries by name, their codes after them.
    assert "Decided 0" in page and (
        "Ministry of Interior (MoI), Ministry of Migration and Displacement (MoMD)" in page
    )
    # Matters arising: only the ministry's own follow-up of the earlier decision.
    own = FollowUp.objects.get(ministry=momd)
    other = FollowUp.objects.get(ministry=moi)
    assert reverse("meetings:follow_up", args=[own.pk]) in page
    assert reverse("meetings:follow_up", args=[other.pk]) not in page
    assert "Open 0" in page
    assert 'name="person"' not in page


def test_the_secretariat_can_invite_any_active_person(client, story, meeting):
    inactive = factories.UserFactory(username="gone", is_active=False)
    named = factories.UserFactory(username="k.hassan", first_name="Karim", last_name="Hassan")
    client.force_login(story["secretariat"])
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    person = story["fp_unassigned"]
    # A person by name, the username after it; an account without a name by its username.
    assert f'<option value="{named.pk}">Karim Hassan (k.hassan)</option>' in page
    assert f'<option value="{person.pk}">{person.username}</option>' in page
    assert f'<option value="{inactive.pk}">' not in page
    assert '<label for="id_person" class="form-label requiredField">' in page
    assert '<select name="person" class="select form-select" required id="id_person">' in page
    assert 'type="datetime-local" name="new_start"' in page
    response = client.post(
        reverse("meetings:invite_person", args=[meeting.pk]), {"person": inactive.pk}
    )
    assert response.status_code == 302
    assert not Invitation.objects.filter(user=inactive).exists()
    client.post(reverse("meetings:invite_person", args=[meeting.pk]), {"person": person.pk})
    assert Invitation.objects.filter(meeting=meeting, user=person).exists()


def test_names_and_texts_on_the_meeting_page_stay_text(client, story, meeting, earlier, momd):
    factories.UserFactory(username="<b>x</b>")
    factories.AgendaItemFactory(meeting=meeting, title_en="<script>item</script>")
    factories.DecisionFactory(
        meeting=meeting, responsible_ministries=[momd], text_en="<script>decided</script>"
    )
    old = factories.DecisionFactory(
        meeting=earlier, responsible_ministries=[momd], text_en="<script>open</script>"
    )
    FollowUp.objects.create(decision=old, ministry=momd)
    client.force_login(story["secretariat"])
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    for raw in ("<b>x</b>", "<script>item", "<script>decided", "<script>open"):
        assert raw not in page
    for escaped in ("&lt;b&gt;x&lt;/b&gt;", "&lt;script&gt;item", "&lt;script&gt;decided"):
        assert escaped in page
    assert "&lt;script&gt;open" in page


def test_matters_arising_come_a_page_at_a_time_in_the_users_language_or_arabic(
    client, story, meeting, earlier, momd
):
    for n in range(30):
        decision = factories.DecisionFactory(
            meeting=earlier,
            code=f"HCB/2026/{n:03d}",
            responsible_ministries=[momd],
            text_en=f"Open decision {n:03d}" if n else "",
            text_ar="قرار مفتوح",
        )
        FollowUp.objects.create(decision=decision, ministry=momd)
    FollowUp.objects.filter(decision__code="HCB/2026/029").update(status=FollowUpStatus.DONE)
    client.force_login(story["secretariat"])
    url = reverse("meetings:meeting_detail", args=[meeting.pk])
    first = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert len(first.context["matters_arising"]) == 25
    page = first.content.decode()
    assert "Page 1 of 2" in page
    # No English text: the Arabic one, as on the decision's own page.
    assert "HCB/2026/000</a> <bdi>قرار مفتوح</bdi>" in page
    assert "Open decision 001" in page
    second = client.get(url + "?page=2").content.decode()
    assert "Open decision 028" in second and "Open decision 029" not in second
    assert "Page 2 of 2" in second
    for past_the_end in ("99", "99999999999999999999999"):
        assert "Page 2 of 2" in client.get(url, {"page": past_the_end}).content.decode()
    assert "Page 1 of 2" in client.get(url + "?page=x").content.decode()
    # The agenda builder shows the same list.
    builder = client.get(reverse("meetings:agenda", args=[meeting.pk])).content.decode()
    assert "Open decision 001" in builder and "Page 1 of 2" in builder


def test_each_invitation_on_the_page_has_an_answer_form_with_ids_of_its_own(
    client, story, meeting, momd
):
    first = Invitation.objects.create(meeting=meeting, ministry=momd, name="Member")
    second = Invitation.objects.create(
        meeting=meeting, ministry=momd, name="Alternate", delegate_name="Sam"
    )
    client.force_login(story["fp_momd"])
    page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    for invitation in (first, second):
        assert f'id="id_response_{invitation.pk}_0"' in page
        assert f'<label for="id_delegate_name_{invitation.pk}"' in page
    delegate = 'name="delegate_name" value="Sam" maxlength="200" class="textinput form-control"'
    assert f'{delegate} id="id_delegate_name_{second.pk}"' in page
    response = client.post(
        reverse("meetings:respond", args=[second.pk]),
        {"response": "delegate", "delegate_name": "Sam"},
    )
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.response == "delegate"
