"""E-mails of a meeting: invitation (METHOD:REQUEST), update (same UID, higher SEQUENCE),
cancellation (METHOD:CANCEL). Each invitee gets each version once, even if the task runs
twice or two runs overlap; a periodic task sends what a broker outage held back."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import translation

from meetings.calendar import invitation_ics
from meetings.models import AgendaState, Invitation, Meeting


def send_invitations(meeting_id: int) -> int:
    invitation_ids = (
        Invitation.objects.filter(meeting_id=meeting_id)
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    return sum(_send_one(meeting_id, invitation_id) for invitation_id in invitation_ids)


def invitations_waiting():
    """Invitations of announced meetings that have not received the latest version."""
    published = Q(meeting__agenda_state=AgendaState.PUBLISHED)
    behind = Q(sent_sequence__isnull=True) | Q(sent_sequence__lt=F("meeting__sequence"))
    cancelled_untold = Q(
        meeting__status="cancelled", sent_cancellation=False, sent_sequence__isnull=False
    )
    return Invitation.objects.exclude(email="").filter(
        published & (cancelled_untold | (~Q(meeting__status="cancelled") & behind))
    )


def _send_one(meeting_id: int, invitation_id: int) -> int:
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation_id)
        # Read the meeting under the lock: an overlapping older run must not send last.
        meeting = Meeting.objects.select_related("body").get(pk=meeting_id)
        if meeting.is_cancelled:
            if invitation.sent_cancellation or invitation.sent_sequence is None:
                return 0
        elif invitation.sent_sequence is not None and invitation.sent_sequence >= meeting.sequence:
            return 0
        language = invitation.user.language if invitation.user else settings.LANGUAGE_CODE
        with translation.override(language):
            context = {
                "meeting": meeting,
                "invitation": invitation,
                "items": meeting.agenda_items.all(),
                "portal_url": settings.PORTAL_URL,
                "is_update": invitation.sent_sequence is not None,
            }
            subject = render_to_string("meetings/email/invitation_subject.txt", context)
            body = render_to_string("meetings/email/invitation_body.txt", context)
        method = "CANCEL" if meeting.is_cancelled else "REQUEST"
        message = EmailMultiAlternatives(" ".join(subject.split()), body, to=[invitation.email])
        message.attach(
            "invitation.ics",
            invitation_ics(meeting, [invitation]),
            f"text/calendar; charset=utf-8; method={method}",
        )
        message.send()
        invitation.sent_sequence = meeting.sequence
        invitation.sent_cancellation = meeting.is_cancelled
        invitation.save(update_fields=["sent_sequence", "sent_cancellation"])
    return 1
