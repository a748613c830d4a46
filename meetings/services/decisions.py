"""Decisions of a meeting and their follow-up by the responsible ministries."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from coordination import access
from coordination.notifications import focal_points_of, notify
from coordination.uploads import store_documents
from meetings import notification_kinds
from meetings.models import (
    AgendaItem,
    Decision,
    FollowUp,
    FollowUpEvidence,
    FollowUpStatus,
    FollowUpUpdate,
    Meeting,
)
from meetings.services.agenda import ensure_agenda_open


def next_decision_code(meeting: Meeting) -> str:
    year = timezone.localtime(meeting.start).year
    prefix = f"{meeting.body.code}/{year}/"
    taken = Decision.objects.filter(code__startswith=prefix).values_list("code", flat=True)
    numbers = [int(code.rsplit("/", 1)[-1]) for code in taken if code.rsplit("/", 1)[-1].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"


class FollowUpStarted(Exception):
    """A ministry taken off a decision had already worked on its follow-up."""

    def __init__(self, ministries):
        super().__init__(ministries)
        self.ministries = ministries


def _assign(decision: Decision, ministries, user) -> None:
    """A follow-up for each of ``ministries``, whose history starts with it pending,
    recorded by ``user``, and their focal points told."""
    for ministry in ministries:
        follow_up = FollowUp.objects.create(decision=decision, ministry=ministry, updated_by=user)
        FollowUpUpdate.recording(follow_up).save()
        notify(
            recipients=focal_points_of(ministry),
            kind=notification_kinds.DECISION_ASSIGNED,
            params={
                "ministry": ministry.code,
                "decision": decision.code,
                "due": decision.due_date.isoformat() if decision.due_date else "–",
            },
            url=reverse("meetings:follow_up", args=[follow_up.pk]),
        )


def _with_lead(responsible, lead) -> list:
    """The responsible ministries, the lead among them."""
    responsible = list(responsible)
    if lead is not None and lead not in responsible:
        responsible.append(lead)
    return responsible


@transaction.atomic
def record_decision(
    *, user, agenda_item: AgendaItem, responsible, due_date=None, lead=None, kind=None, **texts
) -> Decision:
    """A decision under an agenda item; each responsible ministry (the lead one included)
    gets a follow-up."""
    meeting = agenda_item.meeting
    ensure_agenda_open(user=user, meeting=meeting)
    decision = Decision.objects.create(
        meeting=meeting,
        agenda_item=agenda_item,
        code=next_decision_code(meeting),
        due_date=due_date,
        lead_ministry=lead,
        **({"kind": kind} if kind else {}),
        **texts,
    )
    responsible = _with_lead(responsible, lead)
    decision.responsible_ministries.set(responsible)
    _assign(decision, responsible, user)
    return decision


@transaction.atomic
def update_decision(
    *, user, decision: Decision, agenda_item, responsible, lead, kind, due_date, **texts
) -> Decision:
    """The secretariat corrects a decision until its meeting's minutes are approved. A
    ministry added gets a follow-up; one taken off loses its follow-up only while nobody
    has worked on it (a single history entry, no file), else nothing is saved."""
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    ensure_agenda_open(user=user, meeting=decision.meeting)
    responsible = _with_lead(responsible, lead)
    kept = {ministry.pk for ministry in responsible}
    dropped = list(
        decision.follow_ups.exclude(ministry_id__in=kept)
        .select_related("ministry")
        .annotate(entries=Count("updates", distinct=True), files=Count("evidence", distinct=True))
    )
    started = [f.ministry for f in dropped if f.entries > 1 or f.files]
    if started:
        raise FollowUpStarted(started)
    FollowUp.objects.filter(pk__in=[f.pk for f in dropped]).delete()
    existing = set(decision.follow_ups.values_list("ministry_id", flat=True))
    decision.responsible_ministries.set(responsible)
    decision.agenda_item, decision.lead_ministry, decision.kind = agenda_item, lead, kind
    decision.due_date = due_date
    for field, value in texts.items():
        setattr(decision, field, value)
    _assign(decision, [m for m in responsible if m.pk not in existing], user)
    decision.follow_up_status = decision_status_from(
        list(decision.follow_ups.values_list("status", flat=True))
    )
    decision.save()
    return decision


def decision_status_from(statuses: list[str]) -> str:
    """A decision's follow-up status from its ministries' statuses: done once every one is,
    blocked while any is, in progress once any has started."""
    if statuses and all(s == FollowUpStatus.DONE for s in statuses):
        return FollowUpStatus.DONE
    if FollowUpStatus.BLOCKED in statuses:
        return FollowUpStatus.BLOCKED
    if any(s in (FollowUpStatus.IN_PROGRESS, FollowUpStatus.DONE) for s in statuses):
        return FollowUpStatus.IN_PROGRESS
    return FollowUpStatus.PENDING


@transaction.atomic
def update_follow_up(*, user, follow_up: FollowUp, status: str, note: str, evidence=()) -> FollowUp:
    """Only the responsible ministry (or the secretariat) updates its follow-up; each update
    is kept in its history."""
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if not access.can(user, access.CHANGE, follow_up):
        raise PermissionDenied
    follow_up.status, follow_up.note, follow_up.updated_by = status, note, user
    follow_up.save()
    entry = FollowUpUpdate.recording(follow_up)
    entry.save()
    store_documents(FollowUpEvidence, evidence, user=user, follow_up=follow_up, update=entry)
    decision = follow_up.decision
    decision.follow_up_status = decision_status_from(
        list(decision.follow_ups.values_list("status", flat=True))
    )
    decision.save(update_fields=["follow_up_status"])
    return follow_up


def follow_up_statuses_as_of(
    follow_up_ids: Iterable[int], moment: datetime.datetime
) -> dict[int, str]:
    """Each follow-up's status at ``moment`` (an aware datetime): that of its latest history
    entry up to then, pending if it had none yet. One query, on SQLite and PostgreSQL alike.
    The ids are those of follow-ups the caller read through the access layer."""
    ids = list(follow_up_ids)
    latest = (
        FollowUpUpdate.objects.filter(follow_up=OuterRef("pk"), updated_at__lte=moment)
        .order_by("-updated_at", "-pk")
        .values("status")[:1]
    )
    statuses = dict(
        FollowUp.objects.filter(pk__in=ids)
        .annotate(status_then=Subquery(latest))
        .order_by()
        .values_list("pk", "status_then")
    )
    return {pk: statuses.get(pk) or FollowUpStatus.PENDING for pk in ids}
