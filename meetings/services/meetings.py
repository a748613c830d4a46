"""A meeting's life: publishing its agenda, the invitations and their answers, changes of date,
cancellation."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from guardian.shortcuts import assign_perm

from coordination import access
from coordination.models import Membership
from coordination.queue import enqueue
from meetings.models import AgendaState, Invitation, InvitationResponse, Meeting, MeetingStatus
from meetings.services.guards import NotAllowedNow, require_manager, require_reschedulable


def _send_invitations_after_commit(meeting: Meeting) -> None:
    # Imported here: meetings.tasks imports meetings.papers, which imports this package.
    from meetings.tasks import send_meeting_invitations

    transaction.on_commit(lambda: enqueue(send_meeting_invitations, meeting.pk))


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
    require_manager(user)
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
    require_manager(user)
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
    require_manager(user)
    if meeting.agenda_state == AgendaState.PUBLISHED and not meeting.is_cancelled:
        Meeting.objects.filter(pk=meeting.pk).update(sequence=F("sequence") + 1)
        sync_invitations(meeting)
        _send_invitations_after_commit(meeting)


@transaction.atomic
def postpone_meeting(*, user, meeting: Meeting, new_start: datetime.datetime) -> Meeting:
    require_manager(user)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require_reschedulable(meeting)
    meeting.start = new_start
    meeting.status = MeetingStatus.POSTPONED
    if meeting.agenda_state == AgendaState.PUBLISHED:
        meeting.sequence += 1
        _send_invitations_after_commit(meeting)
    meeting.save()
    return meeting


@transaction.atomic
def cancel_meeting(*, user, meeting: Meeting) -> Meeting:
    """Cancel the meeting: its invitees are sent a cancellation, its agenda no longer
    changes. Once only: a second cancellation would send a second notice."""
    require_manager(user)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require_reschedulable(meeting)
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
