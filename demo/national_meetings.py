"""The national dataset's meetings: their invitations and agendas, and the decisions of the
meetings held with the ministries' follow-ups (national_dataset.py runs this phase). The phase
takes the run, a national_dataset.NationalDataset, first: its random numbers, size, dates and bulk
writer."""

import datetime

from coordination.models import Membership
from demo.national_strategy import SUBJECTS
from demo.records import follow_up_history, follow_ups_as_last_recorded, ten_o_clock
from meetings.models import (
    AgendaItem,
    AgendaItemKind,
    AgendaState,
    Decision,
    FollowUp,
    FollowUpStatus,
    FollowUpUpdate,
    Invitation,
    InvitationResponse,
    Meeting,
    MeetingKind,
    MeetingStatus,
)


def create_meetings(dataset, bodies, ministries, actions, users):
    """Meetings over the strategy's years with their invitations and agendas, and the
    decisions of the meetings held with their follow-ups' histories (``users``: the
    secretariat's and a focal point of each ministry, as national_dataset.py made them)."""
    rng = dataset.rng
    high_level, groups = bodies[0], bodies[1:]
    led_by = {}
    for action in actions:
        led_by.setdefault(action.lead_ministry_id, []).append(action.pk)
    seats = {
        (seat.body_id, seat.ministry_id): seat
        for seat in Membership.objects.filter(ministry__isnull=False)
    }
    own_seats = list(Membership.objects.filter(body=high_level, ministry__isnull=True))
    as_of = ten_o_clock(dataset.as_of)
    span = (dataset.end - dataset.start).days
    meetings, invited = [], []
    days = sorted(rng.randint(0, span) for _ in range(dataset.size.meetings))
    for number, offset in enumerate(days, start=1):
        body = high_level if rng.random() < 0.1 else rng.choice(groups)
        start = ten_o_clock(dataset.start + datetime.timedelta(days=offset))
        if start < as_of:
            status = MeetingStatus.HELD if rng.random() < 0.92 else MeetingStatus.CANCELLED
        else:
            status = MeetingStatus.PLANNED if rng.random() < 0.95 else MeetingStatus.POSTPONED
        published = status != MeetingStatus.CANCELLED and (
            start - datetime.timedelta(days=14) <= as_of
        )
        meetings.append(
            Meeting(
                body=body,
                kind=MeetingKind.HIGH_LEVEL if body is high_level else MeetingKind.TECHNICAL,
                title_ar=f"الاجتماع {number} لـ{body.name_ar}",
                title_en=f"{body.name_en}: meeting {number}",
                location_ar="بغداد، مقر وزارة التخطيط",
                location_en="Baghdad, Ministry of Planning",
                start=start,
                status=status,
                agenda_state=AgendaState.PUBLISHED if published else AgendaState.DRAFT,
                published_at=start - datetime.timedelta(days=14) if published else None,
            )
        )
        count = min(len(ministries), rng.randint(5, 15))
        invited.append(rng.sample(ministries, count))
    meetings = dataset.bulk(Meeting, meetings)
    through = Meeting.invited_ministries.through
    dataset.bulk(
        through,
        [
            through(meeting_id=meeting.pk, ministry_id=ministry.pk)
            for meeting, ministries_of in zip(meetings, invited, strict=True)
            for ministry in ministries_of
        ],
        "Meeting.invited_ministries",
    )
    invitations, items, item_actions = [], [], []
    for meeting, ministries_of in zip(meetings, invited, strict=True):
        if meeting.agenda_state == AgendaState.PUBLISHED:
            invitations += _invitations(meeting, ministries_of, seats, own_seats)
        for order in range(1, rng.randint(3, 5) + 1):
            presenter = rng.choice(ministries_of)
            subject_en, subject_ar = rng.choice(SUBJECTS)
            items.append(
                AgendaItem(
                    meeting=meeting,
                    order=order,
                    title_ar=f"متابعة {subject_ar}",
                    title_en=f"Follow-up of {subject_en}",
                    kind=rng.choice(list(AgendaItemKind)),
                    presenter_ministry=presenter,
                    minutes_allotted=rng.choice([10, 15, 20, 30]),
                )
            )
            candidates = led_by.get(presenter.pk, [])
            item_actions.append(
                rng.sample(candidates, min(len(candidates), rng.randint(1, 3)))
                if candidates and rng.random() < 0.5
                else []
            )
    dataset.bulk(Invitation, invitations)
    items = dataset.bulk(AgendaItem, items)
    through = AgendaItem.priority_actions.through
    dataset.bulk(
        through,
        [
            through(agendaitem_id=item.pk, priorityaction_id=action_id)
            for item, action_ids in zip(items, item_actions, strict=True)
            for action_id in action_ids
        ],
        "AgendaItem.priority_actions",
    )
    items_of = {}
    for item in items:
        items_of.setdefault(item.meeting_id, []).append(item)
    held = [meeting for meeting in meetings if meeting.status == MeetingStatus.HELD]
    if not held:
        dataset.progress.note("no meeting held by then: no decisions")
        return
    invited_of = {
        meeting.pk: ministries_of for meeting, ministries_of in zip(meetings, invited, strict=True)
    }
    _decisions(dataset, held, items_of, invited_of, users)


def _invitations(meeting, ministries_of, seats, own_seats) -> list[Invitation]:
    held = meeting.status == MeetingStatus.HELD
    chosen = [seats[(meeting.body_id, ministry.pk)] for ministry in ministries_of]
    if meeting.kind == MeetingKind.HIGH_LEVEL:
        chosen += own_seats
    return [
        Invitation(
            meeting=meeting,
            ministry_id=seat.ministry_id,
            membership=seat,
            user_id=seat.user_id,
            name=seat.full_name,
            email=seat.email,
            response=InvitationResponse.ATTENDING if held else InvitationResponse.PENDING,
            attended=True if held else None,
        )
        for seat in chosen
    ]


def _decisions(dataset, held, items_of, invited_of, users):
    rng = dataset.rng
    decisions, responsible = [], []
    for number in range(1, dataset.size.decisions + 1):
        meeting = rng.choice(held)
        item = rng.choice(items_of[meeting.pk])
        due = meeting.start.date() + datetime.timedelta(days=rng.randint(30, 180))
        if due < dataset.as_of - datetime.timedelta(days=60):
            weights = {"done": 75, "in_progress": 10, "blocked": 5, "pending": 10}
        else:
            weights = {"done": 10, "in_progress": 40, "blocked": 10, "pending": 40}
        status = rng.choices(list(weights), list(weights.values()))[0]
        subject_en, subject_ar = rng.choice(SUBJECTS)
        decisions.append(
            Decision(
                meeting=meeting,
                agenda_item=item,
                code=f"BENCH-{meeting.start.year}-{number:05d}",
                text_ar=f"تكليف الوزارات المعنية بمتابعة {subject_ar} ورفع تقرير إلى الهيئة.",
                text_en=f"The ministries concerned follow up {subject_en} and report back.",
                due_date=due if rng.random() < 0.95 else None,
                follow_up_status=status,
            )
        )
        ministries_of = invited_of[meeting.pk]
        responsible.append(rng.sample(ministries_of, min(len(ministries_of), rng.randint(1, 3))))
    decisions = dataset.bulk(Decision, decisions)
    through = Decision.responsible_ministries.through
    dataset.bulk(
        through,
        [
            through(decision_id=decision.pk, ministry_id=ministry.pk)
            for decision, ministries_of in zip(decisions, responsible, strict=True)
            for ministry in ministries_of
        ],
        "Decision.responsible_ministries",
    )
    open_statuses = [FollowUpStatus.PENDING, FollowUpStatus.IN_PROGRESS, FollowUpStatus.BLOCKED]
    follow_ups = dataset.bulk(
        FollowUp,
        [
            FollowUp(
                decision=decision,
                ministry=ministry,
                # A decision is done when every ministry is; an open one has some behind.
                status=decision.follow_up_status
                if decision.follow_up_status == FollowUpStatus.DONE or rng.random() < 0.6
                else rng.choice(open_statuses + [FollowUpStatus.DONE]),
            )
            for decision, ministries_of in zip(decisions, responsible, strict=True)
            for ministry in ministries_of
        ],
    )
    _follow_up_histories(dataset, follow_ups, users)


def _follow_up_histories(dataset, follow_ups, users):
    """Each follow-up's history up to the dataset's "today": the quarterly reports read
    the status each had at the end of a period from it."""
    as_of = ten_o_clock(dataset.as_of)
    entries = []
    for follow_up in follow_ups:
        decision = follow_up.decision
        until = as_of
        if decision.due_date:
            until = min(as_of, ten_o_clock(decision.due_date + datetime.timedelta(days=30)))
        entries += follow_up_history(
            follow_up,
            rng=dataset.rng,
            decided_at=decision.meeting.start,
            until=until,
            recorded_by=users["secretariat"],
            updated_by=users["by_ministry"].get(follow_up.ministry_id),
        )
    dataset.bulk(FollowUpUpdate, entries)
    # The dataset is written into an empty database: every follow-up is one of these.
    follow_ups_as_last_recorded(FollowUp.objects.all())
