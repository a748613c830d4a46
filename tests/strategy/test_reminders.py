"""Reminders: due soon, overdue and stuck reports, each sent once per report and stage."""

import datetime

import pytest
from django.utils import timezone

from coordination.models import Notification
from strategy.models import Reminder, ReportState
from strategy.reminders import send_report_reminders
from strategy.tasks import send_report_reminders as reminder_task
from tests import factories

pytestmark = pytest.mark.django_db


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def kinds_for(user, kind_prefix="reminder_"):
    return sorted(
        Notification.objects.filter(recipient=user, kind__startswith=kind_prefix).values_list(
            "kind", flat=True
        )
    )


def test_reports_due_within_seven_days_are_reminded_once(story):
    # Q3 2026 reports are due on 15 October (period end + 15 days).
    sent = send_report_reminders(now=at(datetime.date(2026, 10, 10)))
    assert sent["due_soon"] == 4  # 4.1 (MoMD), 3.1 (MoI, MoFA has no focal point), 3.2 (MoI, MoMD)
    assert kinds_for(story["fp_momd"], "reminder_due") == ["reminder_due_soon"] * 2
    before = Notification.objects.count()
    assert send_report_reminders(now=at(datetime.date(2026, 10, 11))) == {}
    assert Notification.objects.count() == before


def test_a_submitted_report_is_not_reminded(story, momd):
    factories.ProgressUpdateFactory(
        action=story["action_momd"],
        ministry=momd,
        state=ReportState.SUBMITTED,
        submitted_at=at(datetime.date(2026, 10, 9)),
    )
    send_report_reminders(now=at(datetime.date(2026, 10, 10)))
    assert kinds_for(story["fp_momd"], "reminder_due") == ["reminder_due_soon"]  # 3.2 only


def test_overdue_reports_are_reminded_once_and_say_since_when(story):
    send_report_reminders(now=at(datetime.date(2026, 10, 20)))
    notice = Notification.objects.filter(
        recipient=story["fp_momd"], kind="reminder_overdue"
    ).first()
    assert "overdue since 2026-10-15" in notice.text
    before = Notification.objects.count()
    send_report_reminders(now=at(datetime.date(2026, 10, 21)))
    assert Notification.objects.count() == before


def test_stuck_reports_are_reminded_to_the_right_people(story, momd, moi, secretariat):
    old = at(datetime.date(2026, 11, 1))
    draft = factories.ProgressUpdateFactory(action=story["action_momd"], ministry=momd)
    type(draft).objects.filter(pk=draft.pk).update(updated_at=old)
    factories.ProgressUpdateFactory(
        action=story["action_moi"], ministry=moi, state=ReportState.RETURNED, reviewed_at=old
    )
    factories.ProgressUpdateFactory(
        action=story["action_shared"], ministry=moi, state=ReportState.SUBMITTED, submitted_at=old
    )
    sent = send_report_reminders(now=at(datetime.date(2026, 11, 27)))
    assert (sent["draft_stale"], sent["returned_stale"], sent["submitted_stale"]) == (1, 1, 1)
    assert "reminder_draft_stale" in kinds_for(story["fp_momd"])
    assert "reminder_returned_stale" in kinds_for(story["fp_moi"])
    assert kinds_for(secretariat) == ["reminder_submitted_stale"]
    assert sent["overdue"] >= 1
    again = send_report_reminders(now=at(datetime.date(2026, 11, 28)))
    assert not {"draft_stale", "returned_stale", "submitted_stale"} & set(again)


def test_a_fresh_draft_is_left_alone(story, momd):
    factories.ProgressUpdateFactory(action=story["action_momd"], ministry=momd)
    sent = send_report_reminders(now=timezone.now() + datetime.timedelta(days=2))
    assert "draft_stale" not in sent


def test_a_stuck_draft_is_not_reminded_to_a_ministry_that_lost_the_action(story, momd, moi):
    draft = factories.ProgressUpdateFactory(action=story["action_momd"], ministry=momd)
    type(draft).objects.filter(pk=draft.pk).update(updated_at=at(datetime.date(2026, 11, 1)))
    action = story["action_momd"]
    action.lead_ministry = moi
    action.save()
    sent = send_report_reminders(now=at(datetime.date(2026, 11, 27)))
    assert "draft_stale" not in sent
    assert not Notification.objects.filter(
        recipient=story["fp_momd"], kind="reminder_draft_stale"
    ).exists()


def test_a_second_run_costs_few_queries(story, django_assert_max_num_queries):
    send_report_reminders(now=at(datetime.date(2026, 10, 10)))
    with django_assert_max_num_queries(20):
        assert send_report_reminders(now=at(datetime.date(2026, 10, 10))) == {}


def test_the_celery_task_reports_what_it_sent(story, monkeypatch):
    from strategy import reminders

    fixed = at(datetime.date(2026, 10, 10))
    monkeypatch.setattr(reminders.timezone, "now", lambda: fixed)
    sent = reminder_task.delay().get()
    assert sent["due_soon"] == 4
    assert sum(sent.values()) == Reminder.objects.count()
    assert reminder_task.delay().get() == {}
