"""Records that the demo (seeding.py) and the national dataset (national_dataset.py) build the
same way: addresses, ministries' seats in the coordination bodies, progress reports and the
events of their review. The builders return unsaved records: the demo saves them one by one
(signals and all), the national dataset in bulk."""

import datetime
import random
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from coordination.models import BodyKind, CoordinationBody, Membership, MembershipRole, Ministry
from demo import demo_data
from meetings.models import FollowUp, FollowUpStatus, FollowUpUpdate
from strategy.models import (
    ActionStatus,
    Indicator,
    IndicatorDirection,
    IndicatorTarget,
    PriorityAction,
    ProgressUpdate,
    ReportEvent,
    ReportEventKind,
    ReportState,
)

RETURN_COMMENT = "يرجى إرفاق الأدلة الداعمة وتحديث قيم المؤشرات."


def email_address(name: str) -> str:
    # A reserved domain: the generated people's invitations and notices land nowhere real.
    return f"{name}@imag.example"


def direction_towards(baseline: Decimal, final: Decimal) -> str:
    """An indicator whose final target is below its baseline improves by going down."""
    return IndicatorDirection.LOWER if final < baseline else IndicatorDirection.HIGHER


def yearly_targets(indicator: Indicator, final: Decimal, first_year: int, last_year: int):
    """A target for each year from ``first_year`` to ``last_year``, in equal steps from the
    baseline to ``final`` (reached in the last year), in whole units as plans state them."""
    years = list(range(first_year, last_year + 1))
    step = (final - indicator.baseline) / len(years)
    return [
        IndicatorTarget(
            indicator=indicator,
            year=year,
            value=final
            if year == last_year
            else (indicator.baseline + step * (index + 1)).quantize(Decimal("1")),
        )
        for index, year in enumerate(years)
    ]


def ten_o_clock(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def ministry_seat(body: CoordinationBody, ministry: Ministry) -> Membership:
    """The ministry's member seat in the body, held by its representative."""
    return Membership(
        body=body,
        ministry=ministry,
        role=MembershipRole.MEMBER,
        full_name=f"ممثل {ministry.name_ar}",
        position="وكيل الوزارة" if body.kind == BodyKind.HIGH_LEVEL else "مدير عام",
        email=email_address(f"{body.code.lower()}.{ministry.code.lower()}"),
    )


def progress_update(
    *,
    rng: random.Random,
    action: PriorityAction,
    ministry: Ministry,
    period: tuple[datetime.date, datetime.date],
    status: str,
    percent: int,
    language: str,
    state: str,
    author,
    reviewer,
    reported_at: datetime.datetime,
    support_chance: float,
    review_after: datetime.timedelta = datetime.timedelta(days=5),
) -> ProgressUpdate:
    """A report in ``language`` with a narrative from the demo texts. Unless a draft, it was
    submitted at ``reported_at``; validated or returned, it was reviewed ``review_after``
    later (five days by default). A
    report at risk or delayed names its challenges and, by ``support_chance``, the support it
    needs."""
    start, end = period
    narratives = demo_data.NARRATIVES.get(status, demo_data.NARRATIVES["delayed"])
    asks_support = status in (ActionStatus.AT_RISK, ActionStatus.DELAYED)
    submitted = state != ReportState.DRAFT
    reviewed = state in (ReportState.VALIDATED, ReportState.RETURNED)
    return ProgressUpdate(
        action=action,
        ministry=ministry,
        period_start=start,
        period_end=end,
        status=status,
        percent_complete=percent,
        narrative=rng.choice(narratives[language]).format(
            action=action.title_ar if language == "ar" else action.title_en
        ),
        challenges=rng.choice(demo_data.CHALLENGES[language]) if asks_support else "",
        support_needed=rng.choice(demo_data.SUPPORT_NEEDED[language])
        if asks_support and rng.random() < support_chance
        else "",
        state=state,
        created_by=author,
        submitted_by=author if submitted else None,
        submitted_at=reported_at if submitted else None,
        reviewed_by=reviewer if reviewed else None,
        reviewed_at=reported_at + review_after if reviewed else None,
        review_comment=RETURN_COMMENT if state == ReportState.RETURNED else "",
    )


def report_events(report: ProgressUpdate, reviewer) -> list[ReportEvent]:
    """The submission and the review of a saved report, as its history shows them."""
    events = []
    if report.submitted_at is not None and report.submitted_by is not None:
        events.append(
            ReportEvent(
                report=report,
                kind=ReportEventKind.SUBMITTED,
                actor=report.submitted_by,
                at=report.submitted_at,
            )
        )
    if report.reviewed_at is not None:
        events.append(
            ReportEvent(
                report=report,
                kind=ReportEventKind.VALIDATED
                if report.state == ReportState.VALIDATED
                else ReportEventKind.RETURNED,
                actor=reviewer,
                at=report.reviewed_at,
                comment=report.review_comment,
            )
        )
    return events


def follow_up_history(
    follow_up: FollowUp,
    *,
    rng: random.Random,
    decided_at: datetime.datetime,
    until: datetime.datetime,
    recorded_by,
    updated_by,
) -> list[FollowUpUpdate]:
    """The history of a saved follow-up, oldest first, ending in its present status: pending
    when the decision was recorded (by ``recorded_by``), then updated by the ministry's
    ``updated_by`` before ``until``: a done one went through "in progress" first."""
    entries = [
        FollowUpUpdate(
            follow_up=follow_up,
            status=FollowUpStatus.PENDING,
            updated_by=recorded_by,
            updated_at=decided_at,
        )
    ]
    span = max(until - decided_at, datetime.timedelta(0))
    # (status, earliest and latest moment of the update, as parts of the span)
    if follow_up.status == FollowUpStatus.PENDING:
        steps = []
    elif follow_up.status == FollowUpStatus.DONE:
        steps = [(FollowUpStatus.IN_PROGRESS, 0.1, 0.4), (FollowUpStatus.DONE, 0.5, 0.9)]
    else:
        steps = [(follow_up.status, 0.2, 0.9)]
    for status, earliest, latest in steps:
        entries.append(
            FollowUpUpdate(
                follow_up=follow_up,
                status=status,
                note=follow_up.note if status == follow_up.status else "",
                updated_by=updated_by,
                updated_at=decided_at + span * rng.uniform(earliest, latest),
            )
        )
    return entries


def follow_ups_as_last_recorded(follow_ups) -> None:
    """Each follow-up's "updated by" and "updated" as its latest history entry's (a bulk
    insert stamps them with the present), as the portal keeps them."""
    latest = FollowUpUpdate.objects.filter(follow_up=OuterRef("pk")).order_by("-updated_at", "-pk")
    follow_ups.update(
        updated_at=Subquery(latest.values("updated_at")[:1]),
        updated_by=Subquery(latest.values("updated_by")[:1]),
    )
