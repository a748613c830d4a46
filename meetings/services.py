"""Meetings: invitations, agenda, attendance, minutes, decisions and their follow-up. Every
function checks rights through the access layer and writes in one transaction."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from coordination import access, page_cache
from coordination.models import Membership
from coordination.notifications import focal_points_of, notify
from coordination.queue import enqueue
from coordination.uploads import store_documents
from meetings import notification_kinds
from meetings.models import (
    AgendaItem,
    AgendaState,
    Decision,
    FollowUp,
    FollowUpEvidence,
    FollowUpStatus,
    Invitation,
    InvitationResponse,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesComment,
    MinutesRevision,
    MinutesState,
)
from strategy.models import ActionStatus, PriorityAction, ProgressUpdate, ReportState


class NotAllowedNow(Exception):
    """The record's state forbids this step (approved minutes, a cancelled meeting...)."""


def _require_manager(user) -> None:
    if not access.manages_everything(user):
        raise PermissionDenied


def _send_invitations_after_commit(meeting: Meeting) -> None:
    from meetings.tasks import send_meeting_invitations

    transaction.on_commit(lambda: enqueue(send_meeting_invitations, meeting.pk))


# Invitations ---------------------------------------------------------------------------


def sync_invitations(meeting: Meeting) -> None:
    """One invitation per active member of the body for each invited ministry; members of
    ministries no longer invited lose theirs unless they already answered."""
    invited = set(meeting.invited_ministries.values_list("pk", flat=True))
    seats = Membership.objects.filter(
        Q(ministry__in=invited) | Q(ministry__isnull=True), body=meeting.body, is_active=True
    ).select_related("ministry", "user")
    for seat in seats:
        Invitation.objects.get_or_create(
            meeting=meeting,
            membership=seat,
            defaults={
                "ministry": seat.ministry,
                "user": seat.user,
                "name": seat.full_name,
                "email": seat.email or (seat.user.email if seat.user else ""),
            },
        )
    meeting.invitations.filter(membership__isnull=False, ministry__isnull=False).exclude(
        ministry__in=invited
    ).filter(response=InvitationResponse.PENDING).delete()


@transaction.atomic
def invite_person(*, user, meeting: Meeting, person) -> Invitation:
    """Invite one person by name; they may then see this one meeting."""
    _require_manager(user)
    invitation, _ = Invitation.objects.get_or_create(
        meeting=meeting,
        user=person,
        defaults={"name": person.get_full_name() or person.username, "email": person.email},
    )
    assign_perm("meetings.view_meeting", person, meeting)
    if meeting.agenda_state == AgendaState.PUBLISHED:
        _send_invitations_after_commit(meeting)
    return invitation


@transaction.atomic
def publish_agenda(*, user, meeting: Meeting) -> Meeting:
    """Publish (or re-publish) the agenda: invitations, or an update, go to every invitee."""
    _require_manager(user)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise NotAllowedNow
    if meeting.agenda_state == AgendaState.PUBLISHED:
        meeting.sequence += 1
    meeting.agenda_state = AgendaState.PUBLISHED
    meeting.published_at = timezone.now()
    meeting.save()
    sync_invitations(meeting)
    _send_invitations_after_commit(meeting)
    return meeting


@transaction.atomic
def announce_changes(*, user, meeting: Meeting) -> None:
    """After the secretariat edited a published meeting: a calendar update to invitees."""
    _require_manager(user)
    if meeting.agenda_state == AgendaState.PUBLISHED and not meeting.is_cancelled:
        Meeting.objects.filter(pk=meeting.pk).update(sequence=F("sequence") + 1)
        sync_invitations(meeting)
        _send_invitations_after_commit(meeting)


@transaction.atomic
def postpone_meeting(*, user, meeting: Meeting, new_start: datetime.datetime) -> Meeting:
    _require_manager(user)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.is_cancelled:
        raise NotAllowedNow
    meeting.start = new_start
    meeting.status = MeetingStatus.POSTPONED
    if meeting.agenda_state == AgendaState.PUBLISHED:
        meeting.sequence += 1
        _send_invitations_after_commit(meeting)
    meeting.save()
    return meeting


@transaction.atomic
def cancel_meeting(*, user, meeting: Meeting) -> Meeting:
    _require_manager(user)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.status = MeetingStatus.CANCELLED
    if meeting.agenda_state == AgendaState.PUBLISHED:
        meeting.sequence += 1
        _send_invitations_after_commit(meeting)
    meeting.save()
    return meeting


@transaction.atomic
def respond(*, user, invitation: Invitation, response: str, delegate_name: str = "") -> None:
    if not access.can(user, access.CHANGE, invitation):
        raise PermissionDenied
    if invitation.meeting.is_cancelled:
        raise NotAllowedNow
    invitation.response = response
    invitation.delegate_name = delegate_name if response == InvitationResponse.DELEGATE else ""
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["response", "delegate_name", "responded_at"])


@transaction.atomic
def record_attendance(*, user, meeting: Meeting, present_ids) -> None:
    _require_manager(user)
    present = set(present_ids)
    for invitation in meeting.invitations.all():
        invitation.attended = invitation.pk in present
        invitation.save(update_fields=["attended"])
    if meeting.start <= timezone.now() and meeting.status != MeetingStatus.CANCELLED:
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["status"])


def quorum(meeting: Meeting) -> tuple[int, int, bool]:
    """(members present, quorum of the body, whether it is met). A ministry counts once,
    whether its member, its alternate or both came; a seat without a ministry (the chair)
    counts for itself."""
    present = len(
        {
            invitation.ministry_id or f"seat-{invitation.membership_id}"
            for invitation in meeting.invitations.select_related("membership")
            if invitation.counts_for_quorum
        }
    )
    needed = meeting.body.quorum
    return present, needed, present >= needed


# Agenda ---------------------------------------------------------------------------------


def ensure_agenda_open(*, user, meeting: Meeting) -> None:
    """The agenda changes until the meeting is cancelled or its minutes approved."""
    _require_manager(user)
    if (
        meeting.is_cancelled
        or Minutes.objects.filter(meeting=meeting, state=MinutesState.APPROVED).exists()
    ):
        raise NotAllowedNow


@transaction.atomic
def add_agenda_item(*, user, meeting: Meeting, actions=(), **fields) -> AgendaItem:
    ensure_agenda_open(user=user, meeting=meeting)
    last = meeting.agenda_items.aggregate(last=Max("order"))["last"] or 0
    item = AgendaItem.objects.create(meeting=meeting, order=last + 1, **fields)
    item.priority_actions.set(actions)
    return item


@transaction.atomic
def move_agenda_item(*, user, item: AgendaItem, step: int) -> None:
    """Swap the item with its neighbour above (step -1) or below (step +1)."""
    ensure_agenda_open(user=user, meeting=item.meeting)
    items = list(item.meeting.agenda_items.select_for_update().order_by("order"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + step
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    _renumber(items)


def _renumber(items) -> None:
    # Two passes keep the (meeting, order) constraint satisfied at every statement.
    for offset, item in enumerate(items, start=1):
        AgendaItem.objects.filter(pk=item.pk).update(order=1000 + offset)
    for offset, item in enumerate(items, start=1):
        AgendaItem.objects.filter(pk=item.pk).update(order=offset)
    page_cache.records_changed()  # update() sends no signal


@transaction.atomic
def remove_agenda_item(*, user, item: AgendaItem) -> None:
    meeting = item.meeting
    ensure_agenda_open(user=user, meeting=meeting)
    item.delete()
    _renumber(list(meeting.agenda_items.order_by("order")))


def agenda_suggestions(user, meeting: Meeting, limit: int = 8) -> dict:
    """What the secretariat may want on the agenda: actions at risk or delayed, reports
    asking for the steering body's support, and overdue decisions."""
    # NOT IN over a list holding NULL matches nothing: leave out items without actions.
    on_agenda = meeting.agenda_items.exclude(priority_actions__isnull=True).values(
        "priority_actions"
    )
    actions = (
        PriorityAction.objects.restrict(user)
        .filter(status__in=[ActionStatus.AT_RISK, ActionStatus.DELAYED])
        .exclude(pk__in=on_agenda)
        .select_related("lead_ministry")
        .order_by("due_date")[:limit]
    )
    support = (
        ProgressUpdate.objects.restrict(user)
        .filter(state__in=[ReportState.SUBMITTED, ReportState.VALIDATED])
        .exclude(support_needed="")
        .exclude(action__in=on_agenda)
        .select_related("action", "ministry")
        .order_by("-period_start", "-pk")[:limit]
    )
    overdue = (
        Decision.objects.restrict(user)
        .overdue()
        .exclude(meeting=meeting)
        .exclude(
            pk__in=meeting.agenda_items.exclude(follows_decision=None).values("follows_decision")
        )
        .select_related("meeting")
        .order_by("due_date")[:limit]
    )
    return {"actions": actions, "support_requests": support, "overdue_decisions": overdue}


@transaction.atomic
def add_suggested_action(*, user, meeting: Meeting, action: PriorityAction) -> AgendaItem:
    from meetings.models import AgendaItemKind

    return add_agenda_item(
        user=user,
        meeting=meeting,
        actions=[action],
        kind=AgendaItemKind.DISCUSSION,
        presenter_ministry=action.lead_ministry,
        title_ar=f"{action.code} {action.title_ar}",
        title_en=f"{action.code} {action.title_en}",
        title_ckb=f"{action.code} {action.title_ckb}" if action.title_ckb else "",
    )


@transaction.atomic
def add_decision_follow_up_item(*, user, meeting: Meeting, decision: Decision) -> AgendaItem:
    """An overdue decision of any body comes to this meeting as an item of its own."""
    from meetings.models import AgendaItemKind

    return add_agenda_item(
        user=user,
        meeting=meeting,
        kind=AgendaItemKind.DISCUSSION,
        follows_decision=decision,
        title_ar=f"متابعة القرار {decision.code}",
        title_en=f"Follow-up of decision {decision.code}",
    )


def matters_arising(user, meeting: Meeting):
    """Open follow-ups of earlier decisions of the same body: they come back at every
    meeting until they are done."""
    return (
        FollowUp.objects.restrict(user)
        .filter(decision__meeting__body=meeting.body, decision__meeting__start__lt=meeting.start)
        .exclude(status=FollowUpStatus.DONE)
        .select_related("decision__meeting", "ministry")
        .order_by("decision__due_date", "decision__code", "ministry__code")
    )


# Minutes ----------------------------------------------------------------------------------


def minutes_of(meeting: Meeting) -> Minutes:
    minutes, _ = Minutes.objects.get_or_create(meeting=meeting)
    return minutes


def current_texts(minutes: Minutes) -> dict[int, str]:
    latest = minutes.revisions.order_by("-number").first()
    return {int(k): v for k, v in latest.texts.items()} if latest else {}


class MinutesConflict(Exception):
    pass


@transaction.atomic
def save_minutes(*, user, minutes: Minutes, texts: dict[int, str], expected_version: int):
    """Save the text of each agenda item as a new revision (every revision is kept)."""
    _require_manager(user)
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.state == MinutesState.APPROVED:
        raise NotAllowedNow
    if minutes.version != expected_version:
        raise MinutesConflict
    number = (minutes.revisions.aggregate(last=Max("number"))["last"] or 0) + 1
    MinutesRevision.objects.create(
        minutes=minutes,
        number=number,
        author=user,
        texts={str(item_id): text for item_id, text in texts.items()},
    )
    minutes.version += 1
    minutes.save(update_fields=["version"])
    return minutes


def attendees_with_accounts(meeting: Meeting) -> list:
    users = {inv.user for inv in meeting.invitations.select_related("user") if inv.user}
    for ministry in meeting.invited_ministries.all():
        users.update(focal_points_of(ministry))
    return [u for u in users if u.is_active]


@transaction.atomic
def circulate_minutes(*, user, minutes: Minutes, deadline: datetime.datetime) -> Minutes:
    _require_manager(user)
    if minutes.state == MinutesState.APPROVED:
        raise NotAllowedNow
    minutes.state = MinutesState.CIRCULATED
    minutes.comment_deadline = deadline
    minutes.save(update_fields=["state", "comment_deadline"])
    meeting = minutes.meeting
    notify(
        recipients=attendees_with_accounts(meeting),
        kind=notification_kinds.MINUTES_CIRCULATED,
        params={"meeting": meeting.title, "due": timezone.localtime(deadline).date().isoformat()},
        url=reverse("meetings:minutes", args=[meeting.pk]),
    )
    return minutes


@transaction.atomic
def comment_on_minutes(*, user, minutes: Minutes, text: str, agenda_item=None) -> MinutesComment:
    meeting = minutes.meeting
    invited = Invitation.objects.restrict(user, access.CHANGE).filter(meeting=meeting)
    if not (
        access.manages_everything(user)
        or invited.exclude(user__isnull=True, ministry__isnull=True).exists()
        or meeting.invited_ministries.filter(pk__in=access.ministry_ids(user)).exists()
    ):
        raise PermissionDenied
    if not minutes.open_for_comment:
        raise NotAllowedNow
    return MinutesComment.objects.create(
        minutes=minutes, author=user, text=text, agenda_item=agenda_item
    )


@transaction.atomic
def approve_minutes(*, user, minutes: Minutes, at_meeting: Meeting | None = None) -> Minutes:
    """Approval is recorded after the comment round, usually at the next meeting."""
    _require_manager(user)
    if minutes.state != MinutesState.CIRCULATED:
        raise NotAllowedNow
    minutes.state = MinutesState.APPROVED
    minutes.approved_at, minutes.approved_by = timezone.now(), user
    minutes.approved_at_meeting = at_meeting
    minutes.save()
    return minutes


# Decisions and follow-up -------------------------------------------------------------------


def next_decision_code(meeting: Meeting) -> str:
    year = timezone.localtime(meeting.start).year
    prefix = f"{meeting.body.code}/{year}/"
    taken = Decision.objects.filter(code__startswith=prefix).values_list("code", flat=True)
    numbers = [int(code.rsplit("/", 1)[-1]) for code in taken if code.rsplit("/", 1)[-1].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"


@transaction.atomic
def record_decision(
    *, user, agenda_item: AgendaItem, responsible, due_date=None, **texts
) -> Decision:
    """A decision under an agenda item; each responsible ministry gets a follow-up."""
    meeting = agenda_item.meeting
    ensure_agenda_open(user=user, meeting=meeting)
    decision = Decision.objects.create(
        meeting=meeting,
        agenda_item=agenda_item,
        code=next_decision_code(meeting),
        due_date=due_date,
        **texts,
    )
    decision.responsible_ministries.set(responsible)
    for ministry in responsible:
        FollowUp.objects.create(decision=decision, ministry=ministry)
        notify(
            recipients=focal_points_of(ministry),
            kind=notification_kinds.DECISION_ASSIGNED,
            params={
                "ministry": ministry.code,
                "decision": decision.code,
                "due": due_date.isoformat() if due_date else "–",
            },
            url=reverse("meetings:follow_up", args=[decision.follow_ups.get(ministry=ministry).pk]),
        )
    return decision


def _overall_status(statuses: list[str]) -> str:
    if statuses and all(s == FollowUpStatus.DONE for s in statuses):
        return FollowUpStatus.DONE
    if FollowUpStatus.BLOCKED in statuses:
        return FollowUpStatus.BLOCKED
    if any(s in (FollowUpStatus.IN_PROGRESS, FollowUpStatus.DONE) for s in statuses):
        return FollowUpStatus.IN_PROGRESS
    return FollowUpStatus.PENDING


@transaction.atomic
def update_follow_up(*, user, follow_up: FollowUp, status: str, note: str, evidence=()) -> FollowUp:
    """Only the responsible ministry (or the secretariat) updates its follow-up."""
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if not access.can(user, access.CHANGE, follow_up):
        raise PermissionDenied
    follow_up.status, follow_up.note, follow_up.updated_by = status, note, user
    follow_up.save()
    store_documents(FollowUpEvidence, evidence, user=user, follow_up=follow_up)
    decision = follow_up.decision
    decision.follow_up_status = _overall_status(
        list(decision.follow_ups.values_list("status", flat=True))
    )
    decision.save(update_fields=["follow_up_status"])
    return follow_up
