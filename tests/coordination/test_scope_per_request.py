"""The access layer works out a user's scope once per request, and a page's related lists
narrowed to a record (``restrict(user, within=...)``) show exactly what restrict() shows."""

import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coordination import access
from coordination.models import User
from coordination.services import appoint_focal_point
from strategy.models import (
    Indicator,
    PriorityAction,
    ProgressUpdate,
    ReportEvent,
    ReportState,
)
from tests import factories

pytestmark = pytest.mark.django_db

GRANTS_TABLE = "coordination_ministrygroupobjectpermission"


def grant_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries if GRANTS_TABLE in q["sql"]]


def a_report_of_every_kind(action, *ministries):
    """A draft, a submitted, a returned and a validated report of each ministry."""
    states = [
        ReportState.DRAFT,
        ReportState.SUBMITTED,
        ReportState.RETURNED,
        ReportState.VALIDATED,
    ]
    reports = []
    for ministry in ministries:
        for month, state in zip((1, 4, 7, 10), states, strict=True):
            reports.append(
                factories.ProgressUpdateFactory(
                    action=action,
                    ministry=ministry,
                    state=state,
                    period_start=datetime.date(2026, month, 1),
                    period_end=datetime.date(2026, month + 2, 28),
                    narrative=f"{ministry.code} {state}",
                )
            )
    return reports


@pytest.mark.parametrize("page", ["strategy:action_list", "strategy:action_detail"])
def test_a_focal_points_ministries_are_read_once_per_request(client, story, page):
    action = story["action_shared"]
    a_report_of_every_kind(action, action.lead_ministry, *action.supporting_ministries.all())
    client.force_login(story["fp_momd"])
    url = reverse(page, args=[action.pk] if page.endswith("detail") else [])
    assert len(grant_queries(client, url)) == 1
    # ... and again on the next request: nothing is kept from one request to the next.
    assert len(grant_queries(client, url)) == 1


def test_the_steering_body_needs_no_ministries_at_all(client, story):
    client.force_login(story["steering"])
    url = reverse("strategy:action_detail", args=[story["action_shared"].pk])
    assert grant_queries(client, url) == []


def test_ministry_ids_are_kept_on_the_user_object_until_forgotten(
    fp_momd, momd, moi, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert access.ministry_ids(fp_momd) == {momd.pk}
        assert access.ministry_ids(fp_momd) == {momd.pk}
    appoint_focal_point(user=fp_momd, ministry=moi)
    access.forget_ministry_ids(fp_momd)
    assert access.ministry_ids(fp_momd) == {momd.pk, moi.pk}


@pytest.mark.parametrize("role", ["fp_momd", "fp_moi", "fp_unassigned", "steering"])
@pytest.mark.parametrize("action_name", ["action_shared", "action_moi", "action_momd"])
def test_narrowed_to_a_record_the_lists_are_the_restricted_ones(story, role, action_name):
    """The same records with and without ``within``, whether or not the record was found
    visible first (then its visibility is not proven again)."""
    user, action = story[role], story[action_name]
    a_report_of_every_kind(action, action.lead_ministry, *action.supporting_ministries.all())
    factories.IndicatorFactory(action=action)
    on_action = {"action": action}

    def expected(queryset):
        return set(queryset.filter(action=action).values_list("pk", flat=True))

    def narrowed():
        return {
            "view": set(
                ProgressUpdate.objects.restrict(user, within=on_action).values_list("pk", flat=True)
            ),
            "change": set(
                ProgressUpdate.objects.restrict(user, access.CHANGE, within=on_action).values_list(
                    "pk", flat=True
                )
            ),
            "history": set(
                ProgressUpdate.objects.with_history_readable_by(user, within=on_action).values_list(
                    "pk", flat=True
                )
            ),
            "indicators": set(
                Indicator.objects.restrict(user, within=on_action).values_list("pk", flat=True)
            ),
        }

    wanted = {
        "view": expected(ProgressUpdate.objects.restrict(user)),
        "change": expected(ProgressUpdate.objects.restrict(user, access.CHANGE)),
        "history": expected(ProgressUpdate.objects.with_history_readable_by(user)),
        "indicators": expected(Indicator.objects.restrict(user)),
    }
    assert narrowed() == wanted  # the action not found visible yet: proven in SQL
    try:
        access.get_visible_or_404(type(action), user, pk=action.pk)
    except Http404:  # outside the user's scope: nothing is remembered, nothing is shown
        assert not any(wanted.values())
    else:
        assert wanted["indicators"]
    assert narrowed() == wanted


def test_another_ministrys_drafts_stay_hidden_on_a_shared_action(story):
    """MoMD supports the shared action that MoI leads: it reads MoI's validated report,
    never MoI's draft, submitted or returned ones, nor their history."""
    user, action = story["fp_momd"], story["action_shared"]
    reports = a_report_of_every_kind(action, action.lead_ministry)
    access.get_visible_or_404(type(action), user, pk=action.pk)
    on_action = {"action": action}
    seen = set(ProgressUpdate.objects.restrict(user, within=on_action))
    assert seen == {r for r in reports if r.state == ReportState.VALIDATED}
    assert not ProgressUpdate.objects.with_history_readable_by(user, within=on_action).exists()
    assert not ProgressUpdate.objects.restrict(user, access.CHANGE, within=on_action).exists()


def test_seeing_a_report_is_not_reading_its_history_even_when_found_visible(story):
    """MoMD reads MoI's validated report on the shared action (get_visible_or_404 finds it
    visible), but not how it got there: its review events stay with MoI and the
    secretariat, also when asked for within that report."""
    user, action = story["fp_momd"], story["action_shared"]
    validated = next(
        r
        for r in a_report_of_every_kind(action, action.lead_ministry)
        if r.state == ReportState.VALIDATED
    )
    ReportEvent.objects.create(
        report=validated, kind="returned", actor=story["secretariat"], comment="Redo the figures"
    )
    report = access.get_visible_or_404(ProgressUpdate, user, pk=validated.pk)
    assert not ReportEvent.objects.restrict(user, within={"report": report}).exists()
    lead = story["fp_moi"]
    report = access.get_visible_or_404(ProgressUpdate, lead, pk=validated.pk)
    assert ReportEvent.objects.restrict(lead, within={"report": report}).count() == 1


def test_a_record_of_another_request_is_not_taken_as_seen(story):
    """What get_visible_or_404 found is kept on that user object only: the same user
    loaded again (the next request) proves the record visible again."""
    steering, user, action = story["steering"], story["fp_momd"], story["action_moi"]
    a_report_of_every_kind(action, action.lead_ministry)
    # Found visible by the steering body's request: nothing of it carries over to others.
    access.get_visible_or_404(type(action), steering, pk=action.pk)
    with pytest.raises(Http404):
        access.get_visible_or_404(type(action), user, pk=action.pk)
    for someone in (user, User.objects.get(pk=user.pk)):
        assert not ProgressUpdate.objects.restrict(someone, within={"action": action}).exists()


def scope_in_sql(queryset):
    return str(queryset.query).count("strategy_priorityactionuserobjectpermission")


def test_a_queryset_restricted_twice_for_the_same_request_carries_its_scope_once(story):
    user = story["fp_momd"]
    once = PriorityAction.objects.restrict(user)
    assert scope_in_sql(once) == 1
    assert scope_in_sql(once.select_related("pillar").restrict(user)) == 1
    assert not once.restrict(user, access.CHANGE).exists()  # another action: its own scope
    assert scope_in_sql(once.restrict(User.objects.get(pk=user.pk))) == 2  # another request


@pytest.mark.parametrize("role", ["fp_momd", "fp_moi", "fp_unassigned"])
def test_records_joined_after_restricting_are_restricted_again(story, role):
    """``restricted | everything`` is no longer restricted: restrict() filters it again,
    and so does get_visible_or_404."""
    user = story[role]
    visible = set(PriorityAction.objects.restrict(user))
    widened = PriorityAction.objects.restrict(user) | PriorityAction.objects.all()
    assert set(widened.restrict(user)) == visible
    assert (
        set((PriorityAction.objects.restrict(user) ^ PriorityAction.objects.all()).restrict(user))
        <= visible
    )
    for action in PriorityAction.objects.all():
        try:
            found = access.get_visible_or_404(widened, user, pk=action.pk)
        except Http404:
            assert action not in visible
        else:
            assert found in visible


def test_a_scope_filter_is_built_once_per_user_object_and_model(fp_momd, monkeypatch):
    built = []
    original = access._scope_filter

    def counting(model, user, action, **kwargs):
        built.append((model, action))
        return original(model, user, action, **kwargs)

    monkeypatch.setattr(access, "_scope_filter", counting)
    for _ in range(3):
        list(ProgressUpdate.objects.restrict(fp_momd))
        list(PriorityAction.objects.restrict(fp_momd))
    assert built.count((ProgressUpdate, access.VIEW)) == 1
    assert built.count((PriorityAction, access.VIEW)) == 1


def test_a_scope_kept_on_a_user_object_follows_a_change_of_ministries_or_role(story, fp_momd, moi):
    moi_only = story["action_moi"]
    assert moi_only not in PriorityAction.objects.restrict(fp_momd)
    appoint_focal_point(user=fp_momd, ministry=moi)  # forgets what was kept
    assert moi_only in PriorityAction.objects.restrict(fp_momd)
    fp_momd.role = "steering"
    assert set(PriorityAction.objects.restrict(fp_momd)) == set(PriorityAction.objects.all())
    fp_momd.is_active = False
    assert not PriorityAction.objects.restrict(fp_momd).exists()


@pytest.mark.parametrize("role", ["fp_momd", "fp_moi", "fp_unassigned"])
def test_remembered_visible_actions_give_the_same_related_records(story, role):
    """Once a request has fetched every action the user may see, reports and indicators
    matched against those ids are exactly the restricted ones."""
    for action in (story["action_shared"], story["action_moi"], story["action_momd"]):
        a_report_of_every_kind(action, action.lead_ministry, *action.supporting_ministries.all())
        factories.IndicatorFactory(action=action)
    user = story[role]
    expected = {
        (model, action): set(model.objects.restrict(user, action).values_list("pk", flat=True))
        for model in (ProgressUpdate, Indicator)
        for action in (access.VIEW, access.CHANGE)
    }
    fresh = User.objects.get(pk=user.pk)
    visible = list(PriorityAction.objects.restrict(fresh).values_list("pk", flat=True))
    access.remember_visible_ids(fresh, PriorityAction, visible)
    for model in (ProgressUpdate, Indicator):
        for action in (access.VIEW, access.CHANGE):
            with CaptureQueriesContext(connection) as captured:
                found = set(model.objects.restrict(fresh, action).values_list("pk", flat=True))
            assert found == expected[(model, action)]
            # The actions' scope is not worked out again in a subquery.
            sql = " ".join(query["sql"] for query in captured.captured_queries)
            assert "strategy_priorityactionuserobjectpermission" not in sql
