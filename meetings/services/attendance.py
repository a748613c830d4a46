"""Who attended a meeting, and whether the body had its quorum."""

from django.db import transaction

from meetings.models import Meeting, MeetingStatus
from meetings.models.meetings import QUORUM_ROLES
from meetings.services.guards import require_manager, require_started


@transaction.atomic
def record_attendance(*, user, meeting: Meeting, present_ids) -> None:
    """Who was present, once the meeting has started; the meeting is then held."""
    require_manager(user)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require_started(meeting)
    present = set(present_ids)
    for invitation in meeting.invitations.all():
        invitation.attended = invitation.pk in present
        invitation.save(update_fields=["attended"])
    if meeting.status != MeetingStatus.CANCELLED:
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["status"])


def quorum(meeting: Meeting) -> tuple[int, int, bool]:
    """(members present, quorum of the body, whether it is met). Members, chairs and
    alternates who attended count (observers and the secretariat do not); a ministry counts
    once, whether its member, its alternate or both came; a seat without a ministry (the
    chair) counts for itself. Read as the pairs that count, not as invitations and seats."""
    present = len(
        {
            ministry_id or f"seat-{membership_id}"
            for ministry_id, membership_id in meeting.invitations.filter(
                attended=True, membership__role__in=QUORUM_ROLES
            )
            .order_by()
            .values_list("ministry_id", "membership_id")
        }
    )
    needed = meeting.body.quorum
    return present, needed, present >= needed
