"""Domain rules held by the models."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from meetings.models import Decision, FollowUpStatus
from strategy.models import PriorityAction, ReportingFrequency
from tests import factories

pytestmark = pytest.mark.django_db


def test_quarterly_periods_cover_the_strategy_in_calendar_quarters():
    strategy = factories.StrategyFactory()
    periods = strategy.reporting_periods()
    assert len(periods) == 20
    assert periods[0] == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert periods[-1] == (datetime.date(2030, 10, 1), datetime.date(2030, 12, 31))
    assert strategy.period_containing(datetime.date(2026, 11, 27)) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
    )
    assert strategy.period_containing(datetime.date(2031, 1, 1)) is None


@pytest.mark.parametrize(
    ("frequency", "count"),
    [
        (ReportingFrequency.MONTHLY, 60),
        (ReportingFrequency.SEMIANNUAL, 10),
        (ReportingFrequency.ANNUAL, 5),
    ],
)
def test_other_reporting_frequencies(frequency, count):
    strategy = factories.StrategyFactory(reporting_frequency=frequency)
    assert len(strategy.reporting_periods()) == count


def test_an_open_action_past_its_due_date_is_overdue_a_completed_one_is_not(momd):
    today = datetime.date(2026, 11, 27)
    late = factories.PriorityActionFactory(
        lead_ministry=momd, due_date=datetime.date(2026, 9, 30), status="at_risk"
    )
    done = factories.PriorityActionFactory(
        lead_ministry=momd, due_date=datetime.date(2026, 9, 30), status="completed"
    )
    factories.PriorityActionFactory(lead_ministry=momd, due_date=datetime.date(2026, 12, 31))
    assert list(PriorityAction.objects.overdue(today)) == [late]
    assert late.is_overdue(today) and not done.is_overdue(today)


def test_the_database_refuses_a_due_date_before_the_start(momd):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PriorityActionFactory(
            lead_ministry=momd,
            start_date=datetime.date(2027, 1, 1),
            due_date=datetime.date(2026, 1, 1),
        )


def test_one_report_per_action_ministry_and_period(action_momd):
    factories.ProgressUpdateFactory(action=action_momd)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ProgressUpdateFactory(action=action_momd)


def test_the_database_refuses_more_than_100_percent(action_momd):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ProgressUpdateFactory(action=action_momd, percent_complete=101)


def test_stages_list_the_whole_of_route_stages_concerned(momd):
    action = factories.PriorityActionFactory(
        lead_ministry=momd, concerns_departure=True, concerns_return=True
    )
    assert [stage.value for stage in action.stages] == ["departure", "return"]
    assert list(PriorityAction.objects.concerning("departure")) == [action]


def test_overdue_decisions_are_open_and_past_due(meeting_momd, momd):
    today = datetime.date(2026, 11, 27)
    late = factories.DecisionFactory(meeting=meeting_momd, due_date=datetime.date(2026, 6, 30))
    factories.DecisionFactory(
        meeting=meeting_momd,
        due_date=datetime.date(2026, 6, 30),
        follow_up_status=FollowUpStatus.DONE,
    )
    factories.DecisionFactory(meeting=meeting_momd, due_date=datetime.date(2027, 1, 31))
    assert list(Decision.objects.overdue(today)) == [late]


def test_names_show_in_the_users_language_with_a_fallback(momd):
    momd.name_ckb = ""
    momd.save()
    with translation.override("en"):
        assert momd.name == "Ministry of Migration and Displacement"
    with translation.override("ar"):
        assert momd.name == "وزارة الهجرة والمهجرين"
    with translation.override("ckb"):
        assert momd.name == "وزارة الهجرة والمهجرين"
