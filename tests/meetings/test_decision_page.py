"""A decision as a record: its page (text, meeting and item, type, lead and supporting
ministries, due date, status, each readable follow-up with its whole history and files) and
its correction by the secretariat until the minutes are approved."""

import pytest
from django.urls import reverse

from meetings.models import Decision, FollowUp, FollowUpEvidence, Minutes, MinutesState
from meetings.services.decisions import record_decision
from tests import factories
from tests.documents import PDF_BYTES, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(client, story, meeting_momd, momd, moi):
    """A request led by MoMD with MoI supporting, MoI's follow-up worked on with a file
    through its page, as MoI's focal point does it."""
    item = factories.AgendaItemFactory(meeting=meeting_momd, title_en="Returnee desks")
    decision = record_decision(
        user=story["secretariat"],
        agenda_item=item,
        responsible=[moi],
        lead=momd,
        kind="request",
        text_ar="قرار",
        text_en="Open returnee desks in every governorate",
    )
    client.force_login(story["fp_moi"])
    follow_up = decision.follow_ups.get(ministry=moi)
    response = client.post(
        reverse("meetings:follow_up", args=[follow_up.pk]),
        {
            "status": "in_progress",
            "note": "MoI staff named for two desks",
            "evidence": upload("desks.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 302
    client.logout()
    return decision


def page(client, user, decision):
    client.force_login(user)
    return client.get(reverse("meetings:decision_detail", args=[decision.pk]))


def test_the_page_shows_the_record_and_every_follow_up_with_its_history(
    client, story, decision, momd, moi
):
    response = page(client, story["secretariat"], decision)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Request {decision.code}</h1>" in html
    assert "Open returnee desks in every governorate" in html
    assert "Returnee desks" in html  # the agenda item
    assert f'<dd class="col-sm-9">{momd.named}</dd>' in html  # lead
    assert f'<dd class="col-sm-9">{moi.named}</dd>' in html  # supporting
    # Both follow-ups: MoI's two entries (who, status, note) with the file it came with.
    assert html.count('<article class="border rounded p-3 mb-3"') == 2
    moi_block = html.split(f"{moi.named}</a>: In progress")[1].split("</article>")[0]
    assert "MoI staff named for two desks" in moi_block
    assert "<bdi>omar</bdi>" in moi_block and "<bdi>secretariat</bdi>" in moi_block
    evidence = FollowUpEvidence.objects.get()
    assert evidence.update is not None and evidence.update.note == "MoI staff named for two desks"
    assert reverse("meetings:follow_up_evidence", args=[evidence.pk]) in moi_block
    # Changed by the secretariat: the trail is shown to those who read every meeting.
    assert 'id="audit-heading"' in html
    assert reverse("meetings:decision_update", args=[decision.pk]) in html


def test_a_focal_point_reads_only_their_ministrys_follow_up_and_no_trail(
    client, story, decision, momd, moi
):
    html = page(client, story["fp_momd"], decision).content.decode()
    assert "Open returnee desks in every governorate" in html
    assert html.count('<article class="border rounded p-3 mb-3"') == 1
    assert "MoI staff named for two desks" not in html and "desks.pdf" not in html
    assert 'id="audit-heading"' not in html
    assert reverse("meetings:decision_update", args=[decision.pk]) not in html
    assert page(client, story["fp_unassigned"], decision).status_code == 404


def test_the_register_links_each_code_to_its_page(client, story, decision):
    client.force_login(story["steering"])
    html = client.get(reverse("meetings:decision_register")).content.decode()
    link = reverse("meetings:decision_detail", args=[decision.pk])
    assert f'<a href="{link}">{decision.code}</a>' in html


def edit(client, decision, **changes):
    data = {
        "agenda_item": decision.agenda_item_id,
        "kind": decision.kind,
        "text_ar": decision.text_ar,
        "text_en": decision.text_en,
        "text_ckb": "",
        "lead": decision.lead_ministry_id or "",
        "responsible": [m.pk for m in decision.responsible_ministries.all()],
        "due_date": "",
        **changes,
    }
    return client.post(reverse("meetings:decision_update", args=[decision.pk]), data)


def test_the_secretariat_corrects_a_decision_and_an_added_ministry_gets_a_follow_up(
    client, story, decision, momd, moi, fp_momd
):
    client.force_login(story["secretariat"])
    other = factories.MinistryFactory(code="MoH")
    response = edit(
        client,
        decision,
        kind="recommendation",
        text_en="Open returnee desks in six governorates",
        responsible=[moi.pk, other.pk],
        due_date="2027-03-31",
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.kind == "recommendation" and str(decision.due_date) == "2027-03-31"
    assert decision.text_en == "Open returnee desks in six governorates"
    # The lead stays among the responsible, and the new ministry's history starts pending.
    assert set(decision.responsible_ministries.values_list("code", flat=True)) == {
        momd.code,
        moi.code,
        "MoH",
    }
    added = FollowUp.objects.get(decision=decision, ministry=other)
    assert list(added.updates.values_list("status", "updated_by__username")) == [
        ("pending", "secretariat")
    ]
    # Who changed what is kept, in words, on the page.
    html = page(client, story["secretariat"], decision).content.decode()
    assert "Recommendation" in html.split('id="audit-heading"')[1]


def test_a_ministry_that_worked_on_its_follow_up_cannot_be_taken_off(
    client, story, decision, momd, moi
):
    client.force_login(story["secretariat"])
    response = edit(client, decision, responsible=[], text_en="Changed")
    assert response.status_code == 200
    assert "already worked on the follow-up" in response.content.decode()
    # What was typed is kept in the form, and nothing was saved.
    assert "Changed" in response.content.decode()
    decision.refresh_from_db()
    assert decision.text_en == "Open returnee desks in every governorate"
    assert decision.follow_ups.count() == 2


def test_a_ministry_that_never_touched_its_follow_up_can_be_taken_off(
    client, story, decision, momd, moi
):
    client.force_login(story["secretariat"])
    response = edit(client, decision, lead="", responsible=[moi.pk])
    assert response.status_code == 302
    assert list(decision.follow_ups.values_list("ministry__code", flat=True)) == [moi.code]
    decision.refresh_from_db()
    assert decision.lead_ministry is None


def test_after_the_minutes_are_approved_the_decision_is_final(client, story, decision):
    Minutes.objects.create(meeting=decision.meeting, state=MinutesState.APPROVED)
    client.force_login(story["secretariat"])
    response = edit(client, decision, text_en="Too late")
    assert response.status_code == 302
    assert response.url == reverse("meetings:decision_detail", args=[decision.pk])
    assert Decision.objects.get(pk=decision.pk).text_en != "Too late"
    html = page(client, story["secretariat"], decision).content.decode()
    assert reverse("meetings:decision_update", args=[decision.pk]) not in html


def test_a_focal_point_may_not_edit_even_their_ministrys_decision(client, story, decision):
    client.force_login(story["fp_momd"])
    assert edit(client, decision, text_en="Mine now").status_code == 403
    assert Decision.objects.get(pk=decision.pk).text_en != "Mine now"


def test_the_page_costs_the_same_queries_for_few_and_many_follow_ups(
    client, story, decision, django_assert_max_num_queries
):
    client.force_login(story["secretariat"])
    url = reverse("meetings:decision_detail", args=[decision.pk])
    client.get(url)
    for code in ("MA", "MB", "MC", "MD"):
        FollowUp.objects.create(decision=decision, ministry=factories.MinistryFactory(code=code))
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200
