"""Who attended a meeting, and whether the body had its quorum."""

from django.db import transaction
from django.db.models import Q

from coordination.models import QUORUM_ROLES, quorum_units
from meetings.models import Meeting, MeetingStatus
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
    alternates who attended count (observers and the secretariat do not), as
    ``quorum_units`` counts them: a ministry once, whether its member, its alternate or
    both came. The quorum follows the body's rule (a number, or a share of its member
    ministries)."""
    present = quorum_units(
        meeting.invitations.filter(attended=True, membership__role__in=QUORUM_ROLES)
        .order_by()
        .values_list("ministry_id", "membership_id", "membership__alternate_for_id")
    )
    needed = meeting.body.quorum_needed()
    return present, needed, present >= needed


def quorum_within_reach(meeting: Meeting) -> tuple[int, int, bool]:
    """(how many of those invited count towards the quorum, the quorum, whether those
    invited can reach it): the body's active seats for the invited ministries and those
    without a ministry, as ``sync_invitations`` invites them, whether or not the
    invitations are sent yet."""
    invited = meeting.body.counting_seats().filter(
        Q(ministry__in=meeting.invited_ministries.values("pk")) | Q(ministry__isnull=True)
    )
    reach = quorum_units(invited.order_by().values_list("ministry_id", "pk", "alternate_for_id"))
    needed = meeting.body.quorum_needed()
    return reach, needed, reach >= needed
