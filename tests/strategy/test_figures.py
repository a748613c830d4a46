"""The dashboards' kept figures (strategy/figures.py): what every write leaves in them equals
a rebuild from scratch, they change inside the writer's transaction, and an action's status in
a period follows its lead ministry's latest validated report."""

import datetime
import random

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from strategy import figures
from strategy.models import (
    ActionPeriodStatus,
    ActionStatusChange,
    PeriodStatusCount,
    PriorityAction,
    ProgressUpdate,
    ReportingCount,
    ReportingDuty,
    ReportState,
)
from strategy.services import (
    ReportContent,
    create_report,
    reopen_report,
    return_report,
    update_report,
    validate_report,
)
from tests import factories

pytestmark = pytest.mark.django_db

STATUSES = ["not_started", "on_track", "at_risk", "delayed", "completed", "cancelled"]


class Rollback(Exception):
    pass


def content(status="on_track", percent=40, support=""):
    fields = {
        "status": status,
        "percent_complete": percent,
        "narrative": "",
        "challenges": "",
        "support_needed": support,
    }
    return ReportContent(fields=fields, indicator_values={}, evidence=[])


def rebuilt() -> dict:
    """What a rebuild writes, leaving the kept figures as they are."""
    try:
        with transaction.atomic():
            figures.rebuild()
            tables = figures.dump()
            raise Rollback
    except Rollback:
        return tables


def period_status(action, start):
    """(status, percent, what gives it): a report or a status set by hand."""
    row = ActionPeriodStatus.objects.filter(action=action, period_start=start).first()
    return row and (row.status, row.percent_complete, row.report or row.status_change)


@pytest.fixture
def periods():
    return factories.StrategyFactory().reporting_periods()


class Workflows:
    """Random steps through the services and the models, as people and the admin take
    them: reports written, sent, validated, returned, reopened; actions moved between
    ministries and pillars, closed and reopened, given and stripped of partners, deleted."""

    def __init__(self, rng, secretariat, ministries, pillars, periods):
        self.rng, self.user = rng, secretariat
        self.ministries, self.pillars, self.periods = ministries, pillars, periods[:8]
        self.actions = [self.new_action(number) for number in range(8)]

    def new_action(self, number):
        rng = self.rng
        lead, *partners = rng.sample(self.ministries, 3)
        return factories.PriorityActionFactory(
            code=f"R.{number}",
            pillar=rng.choice(self.pillars),
            lead_ministry=lead,
            supporting_ministries=partners[: rng.randint(0, 2)],
            start_date=rng.choice(self.periods)[0] + datetime.timedelta(days=rng.randint(0, 80)),
            due_date=datetime.date(2030, 12, 31),
            status=rng.choice(STATUSES),
            concerns_abroad=rng.random() < 0.5,
        )

    def step(self, number):
        steps = [
            self.write_report,
            self.write_report,
            self.send_report,
            self.review_report,
            self.review_report,
            self.reopen_report,
            self.edit_action,
            self.set_status_by_hand,
            self.change_partners,
        ]
        if number % 10 == 9:
            steps = [
                self.delete_report,
                self.delete_report,
                self.delete_status_set_by_hand,
                self.delete_action,
            ]
        self.rng.choice(steps)()

    def reports(self, *states):
        return list(ProgressUpdate.objects.filter(state__in=states).order_by("pk"))

    def write_report(self):
        action = self.rng.choice(self.actions)
        ministries = [
            action.lead_ministry,
            action.lead_ministry,
            *action.supporting_ministries.all(),
        ]
        ministry, period = self.rng.choice(ministries), self.rng.choice(self.periods)
        if ProgressUpdate.objects.filter(
            action=action, ministry=ministry, period_start=period[0]
        ).exists():
            return
        create_report(
            user=self.user,
            action=action,
            ministry=ministry,
            period=period,
            content=content(self.rng.choice(STATUSES), self.rng.randint(0, 100)),
            submit=self.rng.random() < 0.8,
        )

    def send_report(self):
        waiting = self.reports(ReportState.DRAFT, ReportState.RETURNED)
        if waiting:
            report = self.rng.choice(waiting)
            update_report(
                user=self.user,
                report=report,
                expected_version=report.version,
                content=content(self.rng.choice(STATUSES)),
                submit=True,
            )

    def review_report(self):
        submitted = self.reports(ReportState.SUBMITTED)
        if submitted:
            review = validate_report if self.rng.random() < 0.7 else return_report
            kwargs = {} if review is validate_report else {"comment": "Please complete"}
            review(user=self.user, report=self.rng.choice(submitted), **kwargs)

    def reopen_report(self):
        validated = self.reports(ReportState.VALIDATED)
        if validated:
            reopen_report(user=self.user, report=self.rng.choice(validated), reason="Wrong")

    def edit_action(self):
        action = PriorityAction.objects.get(pk=self.rng.choice(self.actions).pk)
        change = self.rng.choice(["lead", "pillar", "status", "start", "stages"])
        if change == "lead":
            action.lead_ministry = self.rng.choice(self.ministries)
        elif change == "pillar":
            action.pillar = self.rng.choice(self.pillars)
        elif change == "status":
            action.status = self.rng.choice(STATUSES)
        elif change == "start":
            action.start_date = self.rng.choice(self.periods)[0]
        else:
            action.concerns_transit = not action.concerns_transit
        action.save()

    def set_status_by_hand(self):
        action = self.rng.choice(self.actions)
        start, end = self.rng.choice(self.periods)
        ActionStatusChange.objects.create(
            action=action,
            status=self.rng.choice(STATUSES),
            percent_complete=self.rng.randint(0, 100),
            set_on=self.rng.choice([start, end, start + datetime.timedelta(days=40)]),
        )

    def delete_status_set_by_hand(self):
        changes = list(ActionStatusChange.objects.order_by("pk"))
        if changes:
            self.rng.choice(changes).delete()

    def change_partners(self):
        action = self.rng.choice(self.actions)
        ministry = self.rng.choice(self.ministries)
        how = self.rng.choice(["add", "remove", "clear", "reverse"])
        if how == "add":
            action.supporting_ministries.add(ministry)
        elif how == "remove":
            action.supporting_ministries.remove(ministry)
        elif how == "clear":
            action.supporting_ministries.clear()
        else:  # from the ministry's side
            ministry.supported_actions.add(action)

    def delete_action(self):
        action = self.actions.pop(self.rng.randrange(len(self.actions)))
        action.delete()
        self.actions.append(self.new_action(100 + len(self.actions) + self.rng.randint(0, 10**6)))

    def delete_report(self):
        reports = self.reports(ReportState.SUBMITTED, ReportState.VALIDATED)
        if reports:
            self.rng.choice(reports).delete()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_what_every_write_keeps_equals_a_rebuild_after_random_workflows(
    seed, secretariat, momd, moi, mofa, periods
):
    ministries = [momd, moi, mofa, factories.MinistryFactory(code="MoP")]
    pillars = [factories.PillarFactory(number=1), factories.PillarFactory(number=2)]
    rng = random.Random(seed)  # noqa: S311 - test data
    workflows = Workflows(rng, secretariat, ministries, pillars, periods)
    reached = set()
    for number in range(150):
        workflows.step(number)
        if number % 15 == 14:
            kept = figures.dump()
            assert kept == rebuilt(), f"after step {number}"
            reached |= {table for table, rows in kept.items() if rows}
            if any(row[-1] for row in kept["ReportingDuty"]):
                reached.add("a report sent")
    # The workflows reached every kind of figure.
    assert reached == {*(model.__name__ for model in figures.TABLES), "a report sent"}


def test_the_rebuild_command_finds_a_drift_and_mends_it(story, capsys):
    report = factories.ProgressUpdateFactory(action=story["action_momd"], state="submitted")
    call_command("rebuild_figures", "--check")
    ReportingCount.objects.filter(ministry=report.ministry).update(received=99)
    with pytest.raises(CommandError, match="ReportingCount"):
        call_command("rebuild_figures", "--check")
    call_command("rebuild_figures")
    call_command("rebuild_figures", "--check")
    assert "kept figures are those of a rebuild" in capsys.readouterr().out


def test_a_period_status_is_the_latest_validated_lead_report_up_to_it(story, secretariat, periods):
    action = story["action_momd"]
    first, second, third = periods[0], periods[1], periods[2]
    earlier = create_report(
        user=secretariat,
        action=action,
        ministry=action.lead_ministry,
        period=first,
        content=content("at_risk", 20),
        submit=True,
    )
    validate_report(user=secretariat, report=earlier)
    assert period_status(action, first[0]) == ("at_risk", 20, earlier)
    assert period_status(action, third[0]) == ("at_risk", 20, earlier)  # carried forward
    later = create_report(
        user=secretariat,
        action=action,
        ministry=action.lead_ministry,
        period=second,
        content=content("on_track", 50),
        submit=True,
    )
    assert period_status(action, second[0])[0] == "at_risk"  # submitted is not validated
    validate_report(user=secretariat, report=later)
    assert period_status(action, first[0])[0] == "at_risk"
    assert period_status(action, second[0]) == ("on_track", 50, later)
    assert period_status(action, third[0]) == ("on_track", 50, later)
    reopen_report(user=secretariat, report=later, reason="Figures wrong")
    assert period_status(action, third[0]) == ("at_risk", 20, earlier)


def test_a_status_set_by_hand_counts_from_its_day_until_a_later_period_is_reported(
    story, secretariat, periods
):
    action = story["action_momd"]
    first, second, third, fourth = periods[:4]
    reported = create_report(
        user=secretariat,
        action=action,
        ministry=action.lead_ministry,
        period=first,
        content=content("at_risk", 20),
        submit=True,
    )
    validate_report(user=secretariat, report=reported)
    by_hand = ActionStatusChange.objects.create(
        action=action,
        status="delayed",
        percent_complete=25,
        set_on=second[0] + datetime.timedelta(days=10),
    )
    assert period_status(action, first[0]) == ("at_risk", 20, reported)
    assert period_status(action, second[0]) == ("delayed", 25, by_hand)
    assert period_status(action, fourth[0]) == ("delayed", 25, by_hand)
    # The report of the third period describes it at its end, after the change.
    later = create_report(
        user=secretariat,
        action=action,
        ministry=action.lead_ministry,
        period=third,
        content=content("on_track", 60),
        submit=True,
    )
    validate_report(user=secretariat, report=later)
    assert period_status(action, second[0]) == ("delayed", 25, by_hand)
    assert period_status(action, third[0]) == ("on_track", 60, later)
    assert period_status(action, fourth[0]) == ("on_track", 60, later)
    # Removed (a mistake): the period falls back on the reports.
    by_hand.delete()
    assert period_status(action, second[0]) == ("at_risk", 20, reported)


def test_of_two_statuses_set_by_hand_on_one_day_the_later_counts(story, periods):
    action = story["action_momd"]
    day = periods[1][0] + datetime.timedelta(days=3)
    for status, percent in (("on_track", 60), ("delayed", 40)):
        ActionStatusChange.objects.create(
            action=action, status=status, percent_complete=percent, set_on=day
        )
    assert period_status(action, periods[1][0])[:2] == ("delayed", 40)
    assert figures.dump() == rebuilt()


def test_closing_an_action_today_keeps_what_it_owed_for_earlier_periods(story, periods):
    action = story["action_momd"]
    action.start_date = periods[0][0]
    action.save()
    owed = set(ReportingDuty.objects.filter(action=action).values_list("period_start", flat=True))
    assert periods[0][0] in owed and periods[1][0] in owed
    ActionStatusChange.objects.create(
        action=action, status="completed", percent_complete=100, set_on=periods[2][0]
    )
    action.status = "completed"
    action.save()
    still = set(ReportingDuty.objects.filter(action=action).values_list("period_start", flat=True))
    assert {periods[0][0], periods[1][0]} <= still and periods[2][0] not in still


def test_a_supporting_ministry_validated_report_sets_no_status(story, secretariat, mofa, periods):
    action = story["action_momd"]
    action.supporting_ministries.add(mofa)
    report = create_report(
        user=secretariat,
        action=action,
        ministry=mofa,
        period=periods[0],
        content=content("delayed"),
        submit=True,
    )
    validate_report(user=secretariat, report=report)
    assert period_status(action, periods[0][0]) is None
    duty = ReportingDuty.objects.get(action=action, ministry=mofa, period_start=periods[0][0])
    assert duty.sent


def test_the_figures_change_inside_the_writers_transaction(story, secretariat, periods):
    action = story["action_momd"]
    start = periods[0][0]
    report = create_report(
        user=secretariat,
        action=action,
        ministry=action.lead_ministry,
        period=periods[0],
        content=content("delayed"),
        submit=True,
    )

    def delayed():
        return sum(
            PeriodStatusCount.objects.filter(period_start=start).values_list("n_delayed", flat=True)
        )

    before = delayed()
    with pytest.raises(Rollback), transaction.atomic():
        validate_report(user=secretariat, report=report)
        assert delayed() == before + 1
        raise Rollback
    assert delayed() == before  # rolled back with the validation


def test_moving_an_action_to_another_ministry_moves_its_reporting_duties(story, moi, periods):
    action = story["action_momd"]
    momd = action.lead_ministry
    assert ReportingDuty.objects.filter(action=action, ministry=momd).exists()
    action.lead_ministry = moi
    action.save()
    assert not ReportingDuty.objects.filter(action=action, ministry=momd).exists()
    assert ReportingDuty.objects.filter(action=action, ministry=moi).exists()
    action.status = "completed"
    action.save()
    assert not ReportingDuty.objects.filter(action=action).exists()  # nothing owed when closed
    assert figures.dump() == rebuilt()


def test_a_ministry_deleted_takes_its_supporting_duties_with_it(story, periods):
    partner = factories.MinistryFactory(code="MoP")
    story["action_momd"].supporting_ministries.add(partner)
    assert ReportingDuty.objects.filter(ministry=partner).exists()
    partner.delete()
    assert not ReportingCount.objects.filter(ministry_id=partner.pk).exists()
    assert figures.dump() == rebuilt()


def test_a_refresh_that_finds_nothing_changed_costs_two_queries_and_writes_nothing(
    story, secretariat, periods, django_assert_num_queries
):
    """The stored facts and the records are read in one query each; values read back from
    the database (dates, booleans) compare equal to the records', so nothing is rewritten."""
    action = story["action_momd"]
    report = create_report(
        user=secretariat,
        action=action,
        ministry=action.lead_ministry,
        period=periods[0],
        content=content("delayed"),
        submit=True,
    )
    validate_report(user=secretariat, report=report)
    action.supporting_ministries.add(factories.MinistryFactory(code="MoP"))
    figures.lock()  # held already by the test's transaction from here on
    kept = figures.dump()
    with django_assert_num_queries(2):
        figures.refresh(action.pk)
    assert figures.dump() == kept == rebuilt()


def test_a_changed_period_status_is_written_over_in_place(story, secretariat, periods):
    action = story["action_momd"]
    report = create_report(
        user=secretariat,
        action=action,
        ministry=action.lead_ministry,
        period=periods[0],
        content=content("at_risk", 20),
        submit=True,
    )
    validate_report(user=secretariat, report=report)
    row = ActionPeriodStatus.objects.get(action=action, period_start=periods[1][0])
    ProgressUpdate.objects.filter(pk=report.pk).update(status="delayed")  # no signal
    figures.refresh(action.pk)
    row.refresh_from_db()  # the same row, upserted
    assert (row.status, row.percent_complete) == ("delayed", 20)
    assert figures.dump() == rebuilt()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's advisory lock")
@pytest.mark.django_db(transaction=True)
def test_the_figures_lock_is_taken_once_per_transaction(story, secretariat, periods):
    """A validation asks for the lock five times (service, report, action); it is taken once,
    and again by the next transaction and after a savepoint rolled back."""
    action = story["action_momd"]
    report = create_report(
        user=secretariat,
        action=action,
        ministry=action.lead_ministry,
        period=periods[0],
        content=content("delayed"),
        submit=True,
    )

    def locks(queries):
        return sum("pg_advisory_xact_lock" in q["sql"] for q in queries.captured_queries)

    with CaptureQueriesContext(connection) as validation:
        validate_report(user=secretariat, report=report)
    assert locks(validation) == 1
    with CaptureQueriesContext(connection) as rolled_back:
        with pytest.raises(Rollback), transaction.atomic():
            figures.lock()
            raise Rollback
        with transaction.atomic():
            figures.lock()
            figures.lock()
    assert locks(rolled_back) == 2
    with CaptureQueriesContext(connection) as savepoint, transaction.atomic():
        figures.lock()
        with pytest.raises(Rollback), transaction.atomic():
            raise Rollback  # may have released a lock taken inside it
        figures.lock()
    assert locks(savepoint) == 2
