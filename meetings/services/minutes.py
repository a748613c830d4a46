"""A meeting's minutes: revisions, circulation for comment, approval."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination import access
from coordination.notifications import focal_points_of, notify
from meetings import notification_kinds
from meetings.models import (
    Invitation,
    Meeting,
    Minutes,
    MinutesComment,
    MinutesRevision,
    MinutesState,
)
from meetings.services.guards import NotAllowedNow, require_manager, require_started


def minutes_of(meeting: Meeting) -> Minutes:
    """The meeting's minutes; an unsaved draft until someone writes them (reading a page
    creates nothing)."""
    return Minutes.objects.filter(meeting=meeting).first() or Minutes(meeting=meeting)


def current_texts(minutes: Minutes) -> dict[int, str]:
    if minutes.pk is None:
        return {}
    latest = minutes.revisions.order_by("-number").first()
    return {int(k): v for k, v in latest.texts.items()} if latest else {}


class MinutesConflict(Exception):
    pass


APPROVED_READ_ONLY = _("Approved minutes are read-only.")
DEADLINE_AFTER_MEETING = _("The comment deadline must be after the meeting has ended.")


@transaction.atomic
def save_minutes(*, user, minutes: Minutes, texts: dict[int, str], expected_version: int):
    """Save the text of each agenda item as a new revision (every revision is kept), once
    the meeting has started."""
    require_manager(user)
    require_started(minutes.meeting)
    minutes, _created = Minutes.objects.select_for_update().get_or_create(meeting=minutes.meeting)
    if minutes.state == MinutesState.APPROVED:
        raise NotAllowedNow(APPROVED_READ_ONLY)
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


def deadline_fits(meeting: Meeting, deadline: datetime.datetime) -> bool:
    """A comment deadline comes after the meeting: the attendees comment on what was said."""
    return deadline > meeting.end


@transaction.atomic
def circulate_minutes(*, user, minutes: Minutes, deadline: datetime.datetime) -> Minutes:
    """Send the minutes to the attendees for comment until ``deadline`` (after the meeting)."""
    require_manager(user)
    require_started(minutes.meeting)
    if minutes.state == MinutesState.APPROVED:
        raise NotAllowedNow(APPROVED_READ_ONLY)
    if not deadline_fits(minutes.meeting, deadline):
        raise NotAllowedNow(DEADLINE_AFTER_MEETING)
    minutes.state = MinutesState.CIRCULATED
    minutes.comment_deadline = deadline
    minutes.save()
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
        raise NotAllowedNow(_("The minutes are not open for comment."))
    return MinutesComment.objects.create(
        minutes=minutes, author=user, text=text, agenda_item=agenda_item
    )


def ensure_ready_for_approval(minutes: Minutes) -> None:
    """Minutes are approved once circulated for comment and past their comment deadline."""
    if minutes.state == MinutesState.APPROVED:
        raise NotAllowedNow(_("The minutes are already approved."))
    if minutes.pk is None or not minutes.ready_for_approval:
        raise NotAllowedNow(
            _(
                "The minutes can be approved once they were circulated for comment and their "
                "comment deadline has passed."
            )
        )


@transaction.atomic
def approve_minutes(*, user, minutes: Minutes, at_meeting: Meeting) -> Minutes:
    """Approval is recorded once the comment round is over, at a later meeting of the same
    body (one that has started and was not cancelled)."""
    require_manager(user)
    if minutes.pk is not None:
        minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
    ensure_ready_for_approval(minutes)
    if not at_meeting.may_approve_minutes_of(minutes.meeting):
        raise NotAllowedNow(
            _("Minutes are approved at a later meeting of the same body that has started.")
        )
    minutes.state = MinutesState.APPROVED
    minutes.approved_at, minutes.approved_by = timezone.now(), user
    minutes.approved_at_meeting = at_meeting
    minutes.save()
    return minutes
