from celery import shared_task

from coordination import generated
from meetings import papers, sending
from meetings.models import MeetingPaper


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_meeting_invitations(meeting_id: int) -> int:
    """E-mail the agenda with its calendar file to every invitee not yet sent this version."""
    return sending.send_invitations(meeting_id)


@shared_task(acks_late=True)
def send_waiting_invitations() -> int:
    """Celery beat: what a broker outage held back (an invitation, update or cancellation)."""
    meeting_ids = set(sending.invitations_waiting().values_list("meeting_id", flat=True))
    return sum(sending.send_invitations(meeting_id) for meeting_id in meeting_ids)


@shared_task(acks_late=True)
def render_meeting_paper(paper_id: int) -> str:
    return papers.render(paper_id)


@shared_task(acks_late=True)
def render_waiting_papers() -> int:
    """Celery beat: PDFs asked for while the broker was down."""
    return generated.render_waiting(MeetingPaper, papers.build)
