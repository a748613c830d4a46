"""Reminders about reports: due within 7 days, overdue, and stuck in limbo (a draft left
alone, a returned report not resubmitted, a submitted one not validated). Each is sent once
per report and stage, however often the task runs: a Reminder row is written in the same
transaction as the notifications, under a unique constraint."""

import datetime
from collections import Counter

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from coordination import access
from coordination.notifications import focal_points_of, notify, secretariat_members
from strategy import notification_kinds
from strategy.models import (
    SENT_STATES,
    PriorityAction,
    ProgressUpdate,
    Reminder,
    ReminderStage,
    ReportState,
    Strategy,
    owes_report_for,
    period_name,
)

DUE_SOON_DAYS = 7
STALE_DAYS = 5
KINDS = {
    ReminderStage.DUE_SOON: notification_kinds.REMINDER_DUE_SOON,
    ReminderStage.OVERDUE: notification_kinds.REMINDER_OVERDUE,
    ReminderStage.DRAFT_STALE: notification_kinds.REMINDER_DRAFT_STALE,
    ReminderStage.RETURNED_STALE: notification_kinds.REMINDER_RETURNED_STALE,
    ReminderStage.SUBMITTED_STALE: notification_kinds.REMINDER_SUBMITTED_STALE,
}


def _already_sent() -> set[tuple]:
    return set(Reminder.objects.values_list("action_id", "ministry_id", "period_start", "stage"))


def _remind(*, action, ministry, period, stage, recipients, params, url, sent) -> bool:
    if (action.pk, ministry.pk, period[0], stage) in sent:
        return False
    # Only people who may see the action hear about it (the access layer decides).
    recipients = [user for user in recipients if access.can(user, access.VIEW, action)]
    if not recipients:
        return False
    try:
        with transaction.atomic():
            Reminder.objects.create(
                action=action, ministry=ministry, period_start=period[0], stage=stage
            )
            notify(
                recipients=recipients,
                kind=KINDS[stage],
                url=url,
                params={
                    "ministry": ministry.code,
                    "action": f"{action.code} {action.title}",
                    "period": period_name(*period),
                    **params,
                },
            )
    except IntegrityError:  # sent before, at this stage
        return False
    return True


def _deadline_reminders(today: datetime.date, counts: Counter, focal_points, sent) -> None:
    for strategy in Strategy.objects.filter(start_date__lte=today):
        periods = strategy.reporting_periods()
        due = [(p, strategy.report_due_date(p[1])) for p in periods]
        targets = [
            (p, d, ReminderStage.DUE_SOON)
            for p, d in due
            if today <= d <= today + datetime.timedelta(days=DUE_SOON_DAYS)
        ]
        overdue = strategy.last_overdue_period(today)
        if overdue:
            targets.append((overdue, strategy.report_due_date(overdue[1]), ReminderStage.OVERDUE))
        for period, due_date, stage in targets:
            actions = (
                PriorityAction.objects.filter(owes_report_for(period[1]), pillar__strategy=strategy)
                .select_related("lead_ministry")
                .prefetch_related("supporting_ministries")
            )
            reported = set(
                ProgressUpdate.objects.filter(
                    period_start=period[0],
                    action__pillar__strategy=strategy,
                    state__in=SENT_STATES,
                ).values_list("action_id", "ministry_id")
            )
            for action in actions:
                for ministry in (action.lead_ministry, *action.supporting_ministries.all()):
                    if (action.pk, ministry.pk) in reported:
                        continue
                    counts[stage] += _remind(
                        action=action,
                        ministry=ministry,
                        period=period,
                        stage=stage,
                        recipients=focal_points(ministry),
                        params={"due": due_date.isoformat()},
                        url=reverse("strategy:action_detail", args=[action.pk]),
                        sent=sent,
                    )


def _limbo_reminders(now: datetime.datetime, counts: Counter, focal_points, sent) -> None:
    cutoff = now - datetime.timedelta(days=STALE_DAYS)
    stuck = [
        (ReminderStage.DRAFT_STALE, {"state": ReportState.DRAFT, "updated_at__lt": cutoff}),
        (ReminderStage.RETURNED_STALE, {"state": ReportState.RETURNED, "reviewed_at__lt": cutoff}),
        (
            ReminderStage.SUBMITTED_STALE,
            {"state": ReportState.SUBMITTED, "submitted_at__lt": cutoff},
        ),
    ]
    secretariat = secretariat_members()
    for stage, condition in stuck:
        for report in ProgressUpdate.objects.filter(**condition).select_related(
            "action", "ministry"
        ):
            recipients = (
                secretariat
                if stage == ReminderStage.SUBMITTED_STALE
                else focal_points(report.ministry)
            )
            counts[stage] += _remind(
                action=report.action,
                ministry=report.ministry,
                period=(report.period_start, report.period_end),
                stage=stage,
                recipients=recipients,
                params={"days": STALE_DAYS},
                url=reverse("strategy:report_detail", args=[report.pk]),
                sent=sent,
            )


def send_report_reminders(now: datetime.datetime | None = None) -> dict[str, int]:
    """Send what is due; returns how many reminders went out at each stage."""
    now = now or timezone.now()
    counts = Counter()
    cache = {}

    def focal_points(ministry):
        if ministry.pk not in cache:
            cache[ministry.pk] = focal_points_of(ministry)
        return cache[ministry.pk]

    sent = _already_sent()
    _deadline_reminders(timezone.localdate(now), counts, focal_points, sent)
    _limbo_reminders(now, counts, focal_points, sent)
    return {stage: count for stage, count in counts.items() if count}
