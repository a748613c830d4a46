"""The access layer: who sees and changes which record."""

import pytest
from django.contrib.auth.models import AnonymousUser
from guardian.shortcuts import assign_perm

from coordination import access
from coordination.services import withdraw_focal_point
from meetings.models import AgendaItem, Decision, Meeting
from strategy.models import Indicator, PriorityAction, ProgressUpdate
from tests import factories

pytestmark = pytest.mark.django_db


def codes(queryset):
    return sorted(queryset.values_list("code", flat=True))


def test_a_focal_point_sees_the_actions_their_ministry_leads_or_supports(story):
    assert codes(PriorityAction.objects.restrict(story["fp_momd"])) == ["3.2", "4.1"]
    assert codes(PriorityAction.objects.restrict(story["fp_moi"])) == ["3.1", "3.2"]


@pytest.mark.parametrize("role", ["secretariat", "steering", "administrator"])
def test_the_secretariat_steering_body_and_administrators_see_every_action(story, role):
    assert codes(PriorityAction.objects.restrict(story[role])) == ["3.1", "3.2", "4.1"]


def test_a_focal_point_without_ministry_and_an_anonymous_user_see_nothing(story):
    for user in (story["fp_unassigned"], AnonymousUser()):
        assert not PriorityAction.objects.restrict(user).exists()
        assert not Meeting.objects.restrict(user).exists()
        assert not Decision.objects.restrict(user).exists()


def test_an_inactive_secretariat_account_sees_nothing(story):
    story["secretariat"].is_active = False
    assert not PriorityAction.objects.restrict(story["secretariat"]).exists()


def test_the_steering_body_reads_but_never_changes(story):
    steering = story["steering"]
    assert access.can(steering, access.VIEW, story["action_moi"])
    assert not access.can(steering, access.CHANGE, story["action_moi"])
    assert not PriorityAction.objects.restrict(steering, access.CHANGE).exists()
    assert not access.can_add(steering, PriorityAction)


def test_focal_points_may_not_change_the_strategy_but_may_report_on_it(story):
    fp = story["fp_momd"]
    assert access.can(fp, access.VIEW, story["action_momd"])
    assert not access.can(fp, access.CHANGE, story["action_momd"])
    assert not access.can_add(fp, PriorityAction)
    assert access.can_add(fp, ProgressUpdate)
    assert not access.can_add(story["fp_unassigned"], ProgressUpdate)


def test_changing_the_lead_ministry_moves_access_at_once(story, moi):
    action = story["action_momd"]
    assert access.can(story["fp_momd"], access.VIEW, action)
    action.lead_ministry = moi
    action.save()
    assert not access.can(story["fp_momd"], access.VIEW, action)
    assert access.can(story["fp_moi"], access.VIEW, action)


def test_removing_a_supporting_ministry_withdraws_its_access(story):
    action = story["action_shared"]
    action.supporting_ministries.clear()
    assert codes(PriorityAction.objects.restrict(story["fp_momd"])) == ["4.1"]


def test_withdrawing_a_focal_point_takes_effect_on_their_next_request(story, momd):
    fp = story["fp_momd"]
    withdraw_focal_point(user=fp, ministry=momd)
    fresh = type(fp).objects.get(pk=fp.pk)
    assert not PriorityAction.objects.restrict(fresh).exists()


def test_a_direct_guardian_grant_on_a_ministry_also_counts(story, mofa):
    fp = story["fp_unassigned"]
    assign_perm("coordination.act_for_ministry", fp, mofa)
    access.forget_ministry_ids(fp)
    assert codes(PriorityAction.objects.restrict(fp)) == ["3.1"]


def test_the_model_wide_permission_does_not_widen_a_focal_points_scope(story):
    fp = story["fp_momd"]
    assign_perm("coordination.act_for_ministry", fp)  # global, not on one ministry
    access.forget_ministry_ids(fp)
    assert codes(PriorityAction.objects.restrict(fp)) == ["3.2", "4.1"]


def test_meetings_and_their_agenda_follow_the_invitation(story):
    Meeting.objects.update(agenda_state="published")
    item = factories.AgendaItemFactory(meeting=story["meeting_moi"])
    assert list(Meeting.objects.restrict(story["fp_momd"])) == [story["meeting_momd"]]
    assert item not in AgendaItem.objects.restrict(story["fp_momd"])
    assert item in AgendaItem.objects.restrict(story["fp_moi"])


def test_decisions_follow_the_responsible_ministries(story):
    assert list(Decision.objects.restrict(story["fp_momd"])) == [story["decision_momd"]]
    assert list(Decision.objects.restrict(story["fp_moi"])) == [story["decision_moi"]]


def test_indicators_are_visible_with_their_action(story):
    indicator = factories.IndicatorFactory(action=story["action_moi"])
    assert indicator not in Indicator.objects.restrict(story["fp_momd"])
    assert indicator in Indicator.objects.restrict(story["fp_moi"])


def test_a_ministry_sees_only_its_own_progress_updates_even_on_a_shared_action(story, moi, momd):
    action = story["action_shared"]
    lead_report = factories.ProgressUpdateFactory(action=action, ministry=moi)
    support_report = factories.ProgressUpdateFactory(action=action, ministry=momd)
    assert list(ProgressUpdate.objects.restrict(story["fp_momd"])) == [support_report]
    assert list(ProgressUpdate.objects.restrict(story["fp_moi"])) == [lead_report]
    assert access.can(story["fp_momd"], access.CHANGE, support_report)
    assert not access.can(story["fp_momd"], access.CHANGE, lead_report)


def test_ministry_ids_cost_one_query_per_request(story, django_assert_num_queries):
    fp = type(story["fp_momd"]).objects.get(pk=story["fp_momd"].pk)
    with django_assert_num_queries(1):
        access.ministry_ids(fp)
        access.ministry_ids(fp)


def test_an_unknown_action_is_a_programming_error(story):
    with pytest.raises(ValueError, match="Unknown action"):
        PriorityAction.objects.restrict(story["fp_momd"], "publish")


def test_a_policy_must_say_how_records_belong_to_ministries():
    with pytest.raises(ValueError, match="needs"):
        access.AccessPolicy()


def test_one_meeting_can_be_opened_to_one_observer(story):
    observer = story["fp_unassigned"]
    meeting = story["meeting_moi"]
    assign_perm("meetings.view_meeting", observer, meeting)
    assert list(Meeting.objects.restrict(observer)) == [meeting]
    assert not access.can(observer, access.CHANGE, meeting)
    assert not Decision.objects.restrict(observer).exists()
    assert list(Meeting.objects.restrict(story["fp_momd"])) == [story["meeting_momd"]]


def test_one_action_can_be_delegated_to_one_person_and_withdrawn(story):
    from guardian.shortcuts import remove_perm

    person, action = story["fp_momd"], story["action_moi"]
    assign_perm("strategy.view_priorityaction", person, action)
    assert codes(PriorityAction.objects.restrict(person)) == ["3.1", "3.2", "4.1"]
    remove_perm("strategy.view_priorityaction", person, action)
    assert codes(PriorityAction.objects.restrict(person)) == ["3.2", "4.1"]


def test_a_grant_gives_no_more_than_focal_points_may_do(story):
    person, action = story["fp_unassigned"], story["action_moi"]
    assign_perm("strategy.change_priorityaction", person, action)
    assert not access.can(person, access.CHANGE, action)


def test_person_grants_are_rows_that_die_with_their_record(story):
    from meetings.models import MeetingUserObjectPermission

    meeting = story["meeting_moi"]
    assign_perm("meetings.view_meeting", story["fp_unassigned"], meeting)
    assert MeetingUserObjectPermission.objects.filter(content_object=meeting).count() == 1
    meeting.delete()
    assert not MeetingUserObjectPermission.objects.exists()


def test_a_ministrys_reports_go_out_of_reach_when_the_action_moves_away(story, momd, moi):
    action = story["action_momd"]
    report = factories.ProgressUpdateFactory(action=action, ministry=momd)
    assert access.can(story["fp_momd"], access.CHANGE, report)
    action.lead_ministry = moi
    action.save()
    assert not ProgressUpdate.objects.restrict(story["fp_momd"]).exists()
    assert not access.can(story["fp_momd"], access.CHANGE, report)
    assert not ProgressUpdate.objects.restrict(story["fp_moi"]).exists()


def test_an_inactive_ministry_gives_its_focal_points_nothing(story, momd):
    momd.is_active = False
    momd.save()
    fp = type(story["fp_momd"]).objects.get(pk=story["fp_momd"].pk)
    assert not PriorityAction.objects.restrict(fp).exists()
