from celery import shared_task

from meetings import papers, sending


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_meeting_invitations(meeting_id: int) -> int:
    """E-mail the agenda with its calendar file to every invitee not yet sent this version."""
    return sending.send_invitations(meeting_id)


@shared_task(acks_late=True)
def render_meeting_paper(paper_id: int) -> str:
    return papers.render(paper_id)
