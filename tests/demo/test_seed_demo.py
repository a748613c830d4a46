"""The demo data: a contract that later checks rely on."""

import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from coordination import access
from coordination.models import (
    CoordinationBody,
    Membership,
    Ministry,
    MinistryGroupObjectPermission,
    User,
)
from demo import demo_data
from meetings.models import AgendaItem, Decision, FollowUp, Invitation, Meeting
from strategy.models import (
    Indicator,
    Pillar,
    PriorityAction,
    ProgressUpdate,
    ReportEvent,
    ReportState,
)
from tests import shared_data

pytestmark = pytest.mark.django_db

COUNTED = [
    Ministry,
    User,
    Pillar,
    PriorityAction,
    ProgressUpdate,
    ReportEvent,
    Invitation,
    FollowUp,
    Meeting,
    Decision,
    Membership,
    Indicator,
    AgendaItem,
    Group,
    CoordinationBody,
    MinistryGroupObjectPermission,
    User.groups.through,
    PriorityAction.supporting_ministries.through,
    Meeting.invited_ministries.through,
    Decision.responsible_ministries.through,
    AgendaItem.priority_actions.through,
    Group.permissions.through,
]


def snapshot():
    return {
        model.__name__: sorted(tuple(row.values()) for row in model.objects.values())
        for model in COUNTED
    }


@shared_data.fixture
def seeded():
    call_command("seed_demo", "--password", "demo-pass-2026", stdout=io.StringIO())


def test_without_a_password_it_refuses_and_creates_no_user():
    with pytest.raises(CommandError, match="--password"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_it_loads_the_ministries_pillars_and_enough_actions(seeded):
    assert set(Ministry.objects.values_list("code", flat=True)) == {
        m["code"] for m in demo_data.MINISTRIES
    }
    assert Ministry.objects.get(code="MoMD").name_ar == "وزارة الهجرة والمهجرين"
    assert Pillar.objects.count() == 6
    assert PriorityAction.objects.count() >= 40
    assert PriorityAction.objects.filter(supporting_ministries__isnull=False).exists()
    assert Meeting.objects.filter(agenda_items__isnull=False).distinct().count() >= 3
    assert Decision.objects.exists()
    periods = ProgressUpdate.objects.values("period_start").distinct().count()
    assert periods >= 3
    assert set(ProgressUpdate.objects.values_list("state", flat=True)) >= {
        ReportState.VALIDATED,
        ReportState.SUBMITTED,
    }


def test_it_creates_the_demo_users_with_the_given_password(seeded):
    expected = {"admin", "secretariat", "steering"} | {
        f"fp-{m['code'].lower()}" for m in demo_data.MINISTRIES
    }
    assert set(User.objects.values_list("username", flat=True)) == expected
    for username in ("admin", "fp-momd", "fp-krg-moi"):
        assert User.objects.get(username=username).check_password("demo-pass-2026")


def test_fp_momd_acts_for_momd_only(seeded):
    fp = User.objects.get(username="fp-momd")
    visible = PriorityAction.objects.restrict(fp)
    assert visible.exists()
    momd = Ministry.objects.get(code="MoMD")
    for action in visible.prefetch_related("supporting_ministries"):
        assert action.lead_ministry_id == momd.pk or momd in action.supporting_ministries.all()
    assert visible.count() < PriorityAction.objects.count()
    assert access.ministry_ids(fp) == {momd.pk}


def test_a_second_run_changes_nothing(seeded):
    before = snapshot()
    call_command("seed_demo", "--password", "another-password", stdout=io.StringIO())
    assert snapshot() == before
    assert User.objects.get(username="steering").check_password("demo-pass-2026")


def test_the_actions_status_follows_the_latest_validated_report(seeded):
    for action in PriorityAction.objects.all():
        latest = (
            action.progress_updates.filter(
                ministry=action.lead_ministry, state=ReportState.VALIDATED
            )
            .order_by("-period_start")
            .first()
        )
        if latest:
            assert (action.status, action.percent_complete) == (
                latest.status,
                latest.percent_complete,
            )


def test_demo_reports_carry_their_history(seeded):
    submitted = ProgressUpdate.objects.exclude(state=ReportState.DRAFT)
    assert submitted.exists()
    for report in submitted:
        kinds = list(report.events.values_list("kind", flat=True))
        assert kinds[0] == "submitted"
        assert report.created_at <= report.submitted_at


def test_indicators_step_towards_their_final_target_year_by_year(seeded):
    """Each demo indicator has a target for every year of its action, the last one the
    target the plan states; one that should fall is "lower is better"."""
    finals = {
        indicator["name_en"]: Decimal(indicator["target"])
        for action in demo_data.ACTIONS
        for indicator in action.get("indicators", [])
    }
    for indicator in Indicator.objects.select_related("action__pillar__strategy"):
        years = list(indicator.targets.order_by("year").values_list("year", "value"))
        action = indicator.action
        last_year = min(action.due_date.year, action.pillar.strategy.end_date.year)
        assert [year for year, _ in years] == list(range(action.start_date.year, last_year + 1))
        assert years[-1][1] == finals[indicator.name_en]
    permit_days = Indicator.objects.get(name_en="Average processing time of a work permit")
    assert permit_days.direction == "lower"
