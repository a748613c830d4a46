"""Records that the demo (seeding.py) and the national dataset (national_dataset.py) build the
same way: addresses, ministries' seats in the coordination bodies, progress reports and the
events of their review. The builders return unsaved records: the demo saves them one by one
(signals and all), the national dataset in bulk."""

import datetime
import random

from django.utils import timezone

from coordination.models import BodyKind, CoordinationBody, Membership, MembershipRole, Ministry
from demo import demo_data
from strategy.models import (
    ActionStatus,
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
) -> ProgressUpdate:
    """A report in ``language`` with a narrative from the demo texts. Unless a draft, it was
    submitted at ``reported_at``; validated or returned, it was reviewed five days later. A
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
        reviewed_at=reported_at + datetime.timedelta(days=5) if reviewed else None,
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
