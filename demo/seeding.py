"""The demo: ministries, the strategy, actions, meetings, reports and the demo users, from the
texts of demo_data.py (the seed_demo command).

Idempotent: every record is looked up by its natural key and created only when missing, so a
second run changes nothing (not even an existing user's password).
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from coordination.models import (
    BodyKind,
    CoordinationBody,
    Membership,
    MembershipRole,
    Ministry,
    Role,
    User,
)
from coordination.services import appoint_focal_point, ensure_ministry_group, follow_role
from demo import demo_data
from demo.records import (
    direction_towards,
    email_address,
    follow_up_history,
    follow_ups_as_last_recorded,
    ministry_seat,
    progress_update,
    report_events,
    ten_o_clock,
    yearly_targets,
)
from meetings.models import (
    AgendaItem,
    AgendaState,
    Decision,
    FollowUp,
    FollowUpUpdate,
    InvitationResponse,
    Meeting,
    MeetingKind,
    MeetingStatus,
)
from meetings.services.meetings import sync_invitations
from strategy.figures import rebuild as rebuild_figures
from strategy.models import (
    ActionStatus,
    Indicator,
    Pillar,
    PriorityAction,
    ProgressUpdate,
    ReportState,
    Strategy,
)
from strategy.services import follow_latest_validated

MEETING_KINDS = {BodyKind.HIGH_LEVEL: MeetingKind.HIGH_LEVEL}


def _day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def _moment(text: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(text))


def _names(record: dict, field: str) -> dict:
    return {
        f"{field}_{language}": record.get(f"{field}_{language}", "")
        for language in ("ar", "en", "ckb")
    }


@transaction.atomic
def load_demo(*, password: str) -> dict[str, Ministry]:
    """Load whatever of the demo is missing; every new demo user gets ``password``. Returns
    the demo's ministries by code."""
    ministries = load_ministries()
    bodies = load_bodies(ministries)
    strategy, actions = load_strategy(ministries)
    users = load_users(password, ministries, bodies)
    load_meetings(bodies, ministries, actions, users)
    load_progress_updates(strategy, actions, users)
    # Every save above kept the dashboards' figures; made again in case a load bypassed save().
    rebuild_figures()
    return ministries


def load_ministries() -> dict[str, Ministry]:
    ministries = {}
    for record in demo_data.MINISTRIES:
        ministry, _ = Ministry.objects.get_or_create(
            code=record["code"], defaults={"kind": record["kind"], **_names(record, "name")}
        )
        ensure_ministry_group(ministry)
        ministries[ministry.code] = ministry
    return ministries


def load_bodies(ministries) -> dict[str, CoordinationBody]:
    bodies = {}
    for record in demo_data.BODIES:
        body, created = CoordinationBody.objects.get_or_create(
            code=record["code"],
            defaults={
                "kind": record["kind"],
                "parent": bodies.get(record["parent"]),
                "quorum": record.get("quorum", 0),
                **_names(record, "name"),
            },
        )
        bodies[body.code] = body
        if not created:
            continue
        for code in record["members"]:
            ministry_seat(body, ministries[code]).save()
    return bodies


def load_strategy(ministries):
    record = demo_data.STRATEGY
    strategy, _ = Strategy.objects.get_or_create(
        code=record["code"],
        defaults={
            "start_date": _day(record["start"]),
            "end_date": _day(record["end"]),
            "reporting_frequency": record["reporting_frequency"],
            **_names(record, "title"),
        },
    )
    pillars = {}
    for item in demo_data.PILLARS:
        pillars[item["number"]], _ = Pillar.objects.get_or_create(
            strategy=strategy, number=item["number"], defaults=_names(item, "title")
        )
    actions = {}
    for item in demo_data.ACTIONS:
        action, created = PriorityAction.objects.get_or_create(
            pillar=pillars[item["pillar"]],
            code=item["code"],
            defaults={
                "lead_ministry": ministries[item["lead"]],
                "start_date": _day(item["start"]),
                "due_date": _day(item["due"]),
                "priority": item["priority"],
                **{f"concerns_{stage}": True for stage in item["stages"]},
                **_names(item, "title"),
                **_names(item, "description"),
            },
        )
        if created:
            action.supporting_ministries.set(ministries[c] for c in item["supporting"])
            for indicator in item.get("indicators", []):
                baseline, final = Decimal(indicator["baseline"]), Decimal(indicator["target"])
                created_indicator = Indicator.objects.create(
                    action=action,
                    baseline=baseline,
                    direction=direction_towards(baseline, final),
                    **_names(indicator, "name"),
                    **_names(indicator, "unit"),
                )
                # Saved one by one, as people would: the audit log records each.
                for target in yearly_targets(
                    created_indicator,
                    final,
                    action.start_date.year,
                    min(action.due_date.year, strategy.end_date.year),
                ):
                    target.save()
        actions[action.code] = action
    return strategy, actions


def load_users(password, ministries, bodies) -> dict[str, User]:
    people = [
        (
            "admin",
            Role.ADMINISTRATOR,
            "مدير",
            "النظام",
            {"is_staff": True, "is_superuser": True},
        ),
        ("secretariat", Role.SECRETARIAT, "أمانة", "هيئة التنسيق", {}),
        ("steering", Role.STEERING, "عضو", "الهيئة التوجيهية", {}),
    ] + [
        (f"fp-{code.lower()}", Role.FOCAL_POINT, "ضابط ارتباط", ministry.name_ar, {})
        for code, ministry in ministries.items()
    ]
    users = {}
    for username, role, first_name, last_name, flags in people:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "role": role,
                "first_name": first_name,
                "last_name": last_name,
                "email": email_address(username),
                **flags,
            },
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
            follow_role(user)
        users[username] = user
    for code, ministry in ministries.items():
        appoint_focal_point(user=users[f"fp-{code.lower()}"], ministry=ministry)
    high_level = bodies[demo_data.BODIES[0]["code"]]
    for username, role in (
        ("steering", MembershipRole.CHAIR),
        ("secretariat", MembershipRole.SECRETARIAT),
    ):
        user = users[username]
        Membership.objects.get_or_create(
            body=high_level,
            user=user,
            role=role,
            defaults={"full_name": user.get_full_name(), "email": user.email},
        )
    return users


def load_meetings(bodies, ministries, actions, users):
    for record in demo_data.MEETINGS:
        body = bodies[record["body"]]
        start = _moment(record["start"])
        status = record["status"]
        # The demo's dates are fixed: one held in the texts but still ahead (a demo loaded
        # early) is planned, with no attendance and no decisions yet.
        ahead = start > timezone.now()
        if ahead and status == MeetingStatus.HELD:
            status = MeetingStatus.PLANNED
        meeting, created = Meeting.objects.get_or_create(
            body=body,
            start=start,
            defaults={
                "kind": MEETING_KINDS.get(body.kind, MeetingKind.TECHNICAL),
                "status": status,
                **_names(record, "title"),
                **_names(record, "location"),
            },
        )
        if not created:
            continue
        meeting.invited_ministries.set(ministries[c] for c in record["invited"])
        announced = meeting.start - datetime.timedelta(days=14)
        if status != MeetingStatus.CANCELLED and announced <= timezone.now():
            # The demo's meetings were announced; held ones had every member present.
            meeting.agenda_state = AgendaState.PUBLISHED
            meeting.published_at = announced
            meeting.save(update_fields=["agenda_state", "published_at"])
            sync_invitations(meeting)
            if status == MeetingStatus.HELD:
                meeting.invitations.update(attended=True, response=InvitationResponse.ATTENDING)
        items = []
        for order, entry in enumerate(record["agenda"], start=1):
            item = AgendaItem.objects.create(
                meeting=meeting,
                order=order,
                kind=entry["kind"],
                presenter_ministry=ministries.get(entry.get("presenter")),
                minutes_allotted=entry.get("minutes", 15),
                **_names(entry, "title"),
            )
            item.priority_actions.set(actions[c] for c in entry.get("actions", []))
            items.append(item)
        for entry in [] if ahead else record.get("decisions", []):
            decision = Decision.objects.create(
                meeting=meeting,
                agenda_item=items[entry["item"]],
                code=entry["code"],
                due_date=_day(entry["due"]) if entry.get("due") else None,
                follow_up_status=entry["follow_up_status"],
                **_names(entry, "text"),
            )
            decision.responsible_ministries.set(ministries[c] for c in entry["responsible"])
            follow_ups = FollowUp.objects.bulk_create(
                FollowUp(
                    decision=decision,
                    ministry=ministries[code],
                    status=entry["follow_up_status"],
                )
                for code in entry["responsible"]
            )
            # Updated before the due date (a month after, when late), never after today.
            until = timezone.now()
            if decision.due_date:
                until = min(until, ten_o_clock(decision.due_date + datetime.timedelta(days=30)))
            FollowUpUpdate.objects.bulk_create(
                update
                for follow_up in follow_ups
                for update in follow_up_history(
                    follow_up,
                    rng=random.Random(f"{decision.code} {follow_up.ministry.code}"),  # noqa: S311 - demo data
                    decided_at=meeting.start,
                    until=until,
                    recorded_by=users["secretariat"],
                    updated_by=users[f"fp-{follow_up.ministry.code.lower()}"],
                )
            )
            follow_ups_as_last_recorded(decision.follow_ups.all())


def load_progress_updates(strategy, actions, users):
    """Reports from each action's start to today: validated for the past periods, a mix
    of submitted, returned and validated for the last closed one, drafts for the
    current one. The lead reports, and so does one supporting ministry."""
    today = timezone.localdate()
    closed = [p for p in strategy.reporting_periods() if p[1] < today]
    current = strategy.period_containing(today)
    for action in actions.values():
        rng = random.Random(action.code)  # noqa: S311 - demo data, not security
        outcome = rng.choice(
            [
                ActionStatus.ON_TRACK,
                ActionStatus.ON_TRACK,
                ActionStatus.AT_RISK,
                ActionStatus.DELAYED,
                ActionStatus.COMPLETED,
            ]
        )
        reporters = [action.lead_ministry, *list(action.supporting_ministries.all())[:1]]
        own_closed = [p for p in closed if p[1] >= action.start_date]
        plan = [(period, ReportState.VALIDATED) for period in own_closed[:-1]]
        plan += [
            (
                period,
                rng.choice(
                    [
                        ReportState.SUBMITTED,
                        ReportState.SUBMITTED,
                        ReportState.RETURNED,
                        ReportState.VALIDATED,
                    ]
                ),
            )
            for period in own_closed[-1:]
        ]
        if current and current[1] >= action.start_date and rng.random() < 0.5:
            plan.append((current, ReportState.DRAFT))
        percent = 0
        for number, (period, state) in enumerate(plan, start=1):
            percent = min(100, percent + rng.randint(10, 35))
            status = outcome
            if outcome == ActionStatus.COMPLETED:
                status = ActionStatus.COMPLETED if number == len(plan) else ActionStatus.ON_TRACK
                percent = 100 if number == len(plan) else min(percent, 95)
            for reporter in reporters:
                load_report(
                    action,
                    reporter,
                    period,
                    status,
                    percent,
                    rng,
                    state=state,
                    author=users[f"fp-{reporter.code.lower()}"],
                    reviewer=users["secretariat"],
                )
        follow_latest_validated(action)


REVIEWED = (ReportState.VALIDATED, ReportState.RETURNED)


def report_timing(end: datetime.date, state: str, now: datetime.datetime):
    """The state, submission and review delay of a report of a period ending ``end``:
    submitted ten days after the period and reviewed five days later, but never after
    ``now``. A period closed too recently for that is reported sooner, and one closed too
    recently for any of it leaves the report a step less advanced."""
    earliest = ten_o_clock(end + datetime.timedelta(days=1))
    usual = ten_o_clock(end + datetime.timedelta(days=10))
    review = datetime.timedelta(days=5)
    if state in REVIEWED and earliest + datetime.timedelta(hours=2) > now:
        state = ReportState.SUBMITTED
    if state == ReportState.SUBMITTED and earliest > now:
        state = ReportState.DRAFT
    if state in REVIEWED:
        submitted = max(earliest, min(usual, now - review))
        review = min(review, (now - submitted) / 2)
    else:
        submitted = max(earliest, min(usual, now)) if state != ReportState.DRAFT else usual
    return state, submitted, review


def load_report(action, ministry, period, status, percent, rng, *, state, author, reviewer):
    start, end = period
    if ProgressUpdate.objects.filter(action=action, ministry=ministry, period_start=start).exists():
        return
    # Each writes in their own language; the demo has texts in Arabic and English.
    language = author.language if author.language in ("ar", "en") else "ar"
    now = timezone.now()
    state, reported_at, review_after = report_timing(end, state, now)
    report = progress_update(
        rng=rng,
        action=action,
        ministry=ministry,
        period=period,
        status=status,
        percent=percent,
        language=language,
        state=state,
        author=author,
        reviewer=reviewer,
        reported_at=reported_at,
        review_after=review_after,
        support_chance=0.5,
    )
    report.save()
    # The demo's history reads as if it happened when the periods closed; a draft of the
    # current period was begun in it, before today.
    begun = reported_at - datetime.timedelta(days=3)
    if report.submitted_at is None:
        begun = max(ten_o_clock(start), min(begun, now - datetime.timedelta(hours=1)))
    ProgressUpdate.objects.filter(pk=report.pk).update(created_at=min(begun, now))
    for event in report_events(report, reviewer):
        event.save()
