"""The priority action pages: list (filters, search, pagination), detail, create, edit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from strategy.models import ActionStatusChange, PriorityAction
from tests import factories

pytestmark = pytest.mark.django_db


def form_data(action=None, **changes):
    data = {
        "pillar": action.pillar_id if action else factories.PillarFactory(number=1).pk,
        "code": action.code if action else "6.9",
        "title_ar": "إدماج النزوح المناخي في خطط الحد من مخاطر الكوارث",
        "title_en": "Climate-induced displacement in disaster-risk plans",
        "title_ckb": "",
        "description_ar": "",
        "description_en": "",
        "description_ckb": "",
        "lead_ministry": action.lead_ministry_id if action else "",
        "start_date": "2026-01-01",
        "due_date": "2027-12-31",
        "status": "on_track",
        "priority": "high",
        "percent_complete": "20",
        "concerns_return": "on",
    }
    data.update(changes)
    return data


def test_the_secretariat_creates_an_action(client, secretariat, momd, mofa):
    client.force_login(secretariat)
    data = form_data(lead_ministry=momd.pk, supporting_ministries=[mofa.pk])
    response = client.post(reverse("strategy:action_create"), data)
    action = PriorityAction.objects.get(code="6.9")
    assert response.status_code == 302
    assert response.url == reverse("strategy:action_detail", args=[action.pk])
    assert action.lead_ministry == momd
    assert list(action.supporting_ministries.all()) == [mofa]
    assert action.title_ar.startswith("إدماج")


def test_a_refused_form_keeps_what_was_typed_and_saves_nothing(client, secretariat, momd):
    client.force_login(secretariat)
    data = form_data(
        lead_ministry=momd.pk,
        supporting_ministries=[momd.pk],
        start_date="2027-01-01",
        due_date="2026-01-01",
    )
    response = client.post(reverse("strategy:action_create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "The due date cannot be before the start date." in errors["due_date"]
    assert (
        "The lead ministry cannot also be a supporting ministry." in errors["supporting_ministries"]
    )
    assert "Climate-induced displacement in disaster-risk plans" in response.content.decode()
    assert not PriorityAction.objects.filter(code="6.9").exists()


def test_an_action_must_concern_a_stage_of_the_route(client, secretariat, momd):
    client.force_login(secretariat)
    data = form_data(lead_ministry=momd.pk)
    del data["concerns_return"]
    response = client.post(reverse("strategy:action_create"), data)
    assert "Choose at least one whole-of-route stage" in response.content.decode()
    assert not PriorityAction.objects.exists()


def test_the_secretariat_edits_an_action(client, secretariat, action_momd, moi):
    client.force_login(secretariat)
    url = reverse("strategy:action_update", args=[action_momd.pk])
    response = client.post(url, form_data(action_momd, lead_ministry=moi.pk, status="at_risk"))
    assert response.status_code == 302
    action_momd.refresh_from_db()
    assert (action_momd.lead_ministry, action_momd.status) == (moi, "at_risk")


def test_a_status_set_by_hand_is_kept_with_its_day_and_who_set_it(client, secretariat, action_momd):
    client.force_login(secretariat)
    url = reverse("strategy:action_update", args=[action_momd.pk])
    unchanged = {"status": action_momd.status, "percent_complete": action_momd.percent_complete}
    client.post(url, form_data(action_momd, title_en="Renamed only", **unchanged))
    assert not ActionStatusChange.objects.exists()
    client.post(url, form_data(action_momd, status="completed", percent_complete=100))
    change = ActionStatusChange.objects.get()
    assert (change.action, change.status, change.percent_complete, change.set_by) == (
        action_momd,
        "completed",
        100,
        secretariat,
    )
    assert change.set_on == timezone.localdate()


def test_an_invalid_edit_keeps_no_status(client, secretariat, action_momd):
    client.force_login(secretariat)
    url = reverse("strategy:action_update", args=[action_momd.pk])
    data = form_data(action_momd, status="completed", due_date="2000-01-01")
    response = client.post(url, data)
    assert response.status_code == 200
    assert not ActionStatusChange.objects.exists()


@pytest.mark.parametrize(("role", "status"), [("fp_momd", 403), ("fp_moi", 404), ("steering", 403)])
def test_a_crafted_post_to_edit_changes_nothing(client, story, role, status, moi):
    action = story["action_momd"]
    client.force_login(story[role])
    url = reverse("strategy:action_update", args=[action.pk])
    response = client.post(url, form_data(action, lead_ministry=moi.pk, title_en="Hijacked"))
    assert response.status_code == status
    action.refresh_from_db()
    assert action.title_en != "Hijacked"
    assert action.lead_ministry.code == "MoMD"


def test_a_crafted_post_to_create_is_forbidden(client, fp_momd, momd):
    client.force_login(fp_momd)
    response = client.post(reverse("strategy:action_create"), form_data(lead_ministry=momd.pk))
    assert response.status_code == 403
    assert not PriorityAction.objects.exists()


def test_the_list_filters_by_pillar_status_and_stage_and_searches(client, steering, momd):
    pillar_two = factories.PillarFactory(number=2)
    factories.PriorityActionFactory(
        code="2.1",
        pillar=pillar_two,
        lead_ministry=momd,
        title_en="Electronic work permits",
        status="at_risk",
        concerns_return=False,
        concerns_abroad=True,
    )
    factories.PriorityActionFactory(
        code="1.1", lead_ministry=momd, title_en="Data protocol", status="on_track"
    )
    client.force_login(steering)
    url = reverse("strategy:action_list")

    def listed(**query):
        return [a["code"] for a in client.get(url, query).context["page_obj"].object_list]

    assert listed() == ["1.1", "2.1"]
    assert listed(pillar=pillar_two.pk) == ["2.1"]
    assert listed(status="on_track") == ["1.1"]
    assert listed(stage="abroad") == ["2.1"]
    assert listed(q="permits") == ["2.1"]
    assert listed(q="2.1") == ["2.1"]
    assert listed(q="Data", status="at_risk") == []


def test_a_search_in_arabic_finds_the_arabic_title(client, steering, momd):
    factories.PriorityActionFactory(code="4.2", lead_ministry=momd, title_ar="إعادة إدماج العائدين")
    client.force_login(steering)
    response = client.get(reverse("strategy:action_list"), {"q": "العائدين"})
    assert [a["code"] for a in response.context["page_obj"].object_list] == ["4.2"]


def test_the_list_is_paginated_and_keeps_the_filters_in_page_links(client, steering, momd):
    for number in range(30):
        factories.PriorityActionFactory(code=f"1.{number + 10}", lead_ministry=momd)
    client.force_login(steering)
    response = client.get(reverse("strategy:action_list"), {"status": "not_started"})
    page = response.context["page_obj"]
    assert (len(page.object_list), page.paginator.num_pages) == (25, 2)
    assert "?status=not_started&amp;page=2" in response.content.decode()
    second = client.get(reverse("strategy:action_list"), {"status": "not_started", "page": 2})
    assert len(second.context["page_obj"].object_list) == 5


def add_actions(count, lead, supporting, first_number):
    for number in range(first_number, first_number + count):
        action = factories.PriorityActionFactory(code=f"5.{number}", lead_ministry=lead)
        action.supporting_ministries.set(supporting)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("role", ["steering", "fp_momd"])
def test_the_action_list_costs_the_same_queries_for_10_and_200_actions(
    client, story, role, momd, moi, mofa, django_assert_max_num_queries
):
    client.force_login(story[role])
    url = reverse("strategy:action_list")
    add_actions(10, momd, [moi, mofa], first_number=1)
    with django_assert_max_num_queries(16):
        small = queries_for(client, url)
    add_actions(190, momd, [moi, mofa], first_number=11)
    assert queries_for(client, url) == small
    last_page = f"{url}?page=9"
    assert queries_for(client, last_page) == small


def test_an_invalid_filter_value_is_shown_as_an_error(client, steering):
    client.force_login(steering)
    response = client.get(reverse("strategy:action_list"), {"status": "zzz"})
    assert "Select a valid choice" in response.content.decode()
    assert 'aria-describedby="id_status-error"' in response.content.decode()


def test_the_action_page_shows_the_meetings_that_discussed_it_that_the_user_may_see(client, story):
    """The meetings panel comes from the meetings app, through strategy.panels."""
    action = story["action_shared"]
    for meeting, decision in (
        (story["meeting_momd"], story["decision_momd"]),
        (story["meeting_moi"], story["decision_moi"]),
    ):
        meeting.agenda_state = "published"
        meeting.save()
        item = factories.AgendaItemFactory(meeting=meeting, title_en=f"{meeting.title_en} item")
        item.priority_actions.add(action)
        decision.agenda_item = item
        decision.save()
    client.force_login(story["fp_momd"])
    page = client.get(reverse("strategy:action_detail", args=[action.pk])).content.decode()
    assert "MoMD plenary item" in page and "Open MoMD returnee desks" in page
    assert "MoI plenary" not in page and "Staff MoI border posts" not in page
