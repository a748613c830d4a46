"""A meeting's agenda: its items and their order, what the secretariat may want on it, and the
matters arising from earlier decisions."""

from django.db import transaction
from django.db.models import Max

from meetings.models import (
    AgendaItem,
    AgendaItemKind,
    Decision,
    FollowUp,
    FollowUpStatus,
    Meeting,
    Minutes,
    MinutesState,
)
from meetings.services.guards import NotAllowedNow, require_manager
from strategy.models import SENT_STATES, ActionStatus, PriorityAction, ProgressUpdate


def ensure_agenda_open(*, user, meeting: Meeting) -> None:
    """The agenda changes until the meeting is cancelled or its minutes approved."""
    require_manager(user)
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
        .filter(state__in=SENT_STATES)
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
