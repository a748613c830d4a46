"""Kept pages (coordination.page_cache) are never older than the records, and never another
user's: each test fills the cache with a page, changes something, and reads again."""

import pytest
from django.urls import reverse
from guardian.shortcuts import assign_perm

from coordination import page_cache
from coordination.notifications import notify
from coordination.services import appoint_focal_point, withdraw_focal_point
from meetings.models import FollowUp
from strategy import notification_kinds
from strategy.models import ReportState


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_changed_record_shows_at_once(client, story):
    action = story["action_momd"]
    url = reverse("strategy:action_detail", args=[action.pk])
    assert "Open returnee desks" not in page(client, story["steering"], url)
    action.title_en = "Open returnee desks"
    action.save()
    assert "Open returnee desks" in page(client, story["steering"], url)
    assert "Open returnee desks" in page(client, story["steering"], reverse("strategy:action_list"))


def test_a_report_changing_state_shows_on_the_record(client, story, report_momd):
    report, action = report_momd, story["action_momd"]
    detail = reverse("strategy:action_detail", args=[action.pk])
    before = page(client, story["steering"], detail)
    report.state = ReportState.VALIDATED
    report.narrative = "Desks opened in Erbil"
    report.save()
    after = page(client, story["steering"], detail)
    assert "Desks opened in Erbil" not in before
    assert "Desks opened in Erbil" in after


def test_pages_are_kept_per_user(client, story):
    url = reverse("strategy:action_list")
    mona = page(client, story["fp_momd"], url)
    omar = page(client, story["fp_moi"], url)
    assert story["action_momd"].title in mona
    assert story["action_momd"].title not in omar
    # A record another user has in the cache is still not found.
    detail = reverse("strategy:action_detail", args=[story["action_momd"].pk])
    page(client, story["fp_momd"], detail)
    client.force_login(story["fp_moi"])
    assert client.get(detail).status_code == 404


def test_a_new_appointment_or_grant_shows_at_once(client, story, momd):
    nadia, url = story["fp_unassigned"], reverse("strategy:action_list")
    assert story["action_momd"].title not in page(client, nadia, url)
    appoint_focal_point(user=nadia, ministry=momd)
    assert story["action_momd"].title in page(client, nadia, url)
    withdraw_focal_point(user=nadia, ministry=momd)
    assert story["action_momd"].title not in page(client, nadia, url)
    assign_perm("strategy.view_priorityaction", nadia, story["action_moi"])
    assert story["action_moi"].title in page(client, nadia, url)


def test_decision_register_shows_a_new_follow_up_status(client, story, momd):
    follow_up = FollowUp.objects.create(decision=story["decision_momd"], ministry=momd)
    url = reverse("meetings:decision_register")
    assert f"{momd.code}</a>: Pending" in page(client, story["steering"], url)
    follow_up.status = "done"
    follow_up.save()
    assert f"{momd.code}</a>: Done" in page(client, story["steering"], url)


def test_the_layout_around_a_kept_page_is_fresh(client, story):
    """The unread count and the language are the user's own at each request."""
    url = reverse("strategy:action_list")
    steering = story["steering"]
    page(client, steering, url)
    notify(
        recipients=[steering],
        kind=notification_kinds.REPORT_SUBMITTED,
        params={"action": "4.1", "ministry": "MoMD", "period": "Q1"},
    )
    assert '1<span class="visually-hidden"> unread' in page(client, steering, url)
    steering.language = "ar"
    steering.save()
    assert 'lang="ar"' in page(client, steering, url)
    assert "الإجراءات ذات الأولوية" in page(client, steering, url)


def test_a_kept_page_costs_only_the_layouts_queries(client, story, django_assert_max_num_queries):
    url = reverse("strategy:action_list")
    page(client, story["fp_momd"], url)
    # Session, user, the user's ministries and the unread count: none for the list itself.
    with django_assert_max_num_queries(4):
        assert story["action_momd"].title in client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_version_rises_again_when_the_change_commits(story):
    """A page rendered by another request while the change was in flight read the data
    before it: the commit must leave that page's version behind."""
    from django.db import transaction

    with transaction.atomic():
        story["action_momd"].title_en = "Renamed in flight"
        story["action_momd"].save()
        in_flight = page_cache.data_version()
    assert page_cache.data_version() > in_flight


def test_pages_are_rendered_and_records_saved_while_the_cache_is_down(client, story, cache_down):
    action = story["action_momd"]
    action.title_en = "Renamed while Redis is down"
    action.save()
    for url in (
        reverse("strategy:action_list"),
        reverse("strategy:action_detail", args=[action.pk]),
    ):
        assert "Renamed while Redis is down" in page(client, story["steering"], url)
    assert page(client, story["steering"], reverse("meetings:decision_register"))


def test_after_one_failure_the_cache_is_left_alone_for_a_while(monkeypatch, settings):
    """A frozen Redis costs its timeout once, not on every save of a request."""
    from redis import RedisError

    monkeypatch.setattr(page_cache, "_down_until", 0.0)
    calls = []

    def unreachable(*args):
        calls.append(args)
        raise RedisError("frozen")

    monkeypatch.setattr(page_cache.cache, "incr", unreachable)
    for _ in range(5):
        page_cache._raise_version()
    assert page_cache.data_version() is None
    assert len(calls) == 1


def test_reordering_an_agenda_shows_on_the_action_page(client, story):
    from meetings.services.agenda import move_agenda_item
    from tests import factories

    action, meeting = story["action_momd"], story["meeting_momd"]
    first = factories.AgendaItemFactory(meeting=meeting, title_en="Returnee desks")
    second = factories.AgendaItemFactory(meeting=meeting, title_en="Border data")
    first.priority_actions.add(action)
    second.priority_actions.add(action)
    url = reverse("strategy:action_detail", args=[action.pk])
    before = page(client, story["secretariat"], url)
    assert before.index("Returnee desks") < before.index("Border data")
    move_agenda_item(user=story["secretariat"], item=second, step=-1)
    after = page(client, story["secretariat"], url)
    assert after.index("Border data") < after.index("Returnee desks")
