"""PDFs of a meeting's agenda and minutes, rendered by WeasyPrint in a Celery task
(coordination.generated)."""

from django.template.loader import render_to_string
from django.utils import timezone

from coordination import generated
from meetings.models import MeetingPaper, Minutes, PaperKind
from meetings.services.agenda import matters_arising
from meetings.services.minutes import current_texts, minutes_of


def paper_context(paper: MeetingPaper) -> dict:
    """What the PDF shows: only what the person who asked for it may see."""
    user, meeting = paper.requested_by, paper.meeting
    items = list(meeting.agenda_items.restrict(user).select_related("presenter_ministry"))
    context = {
        "meeting": meeting,
        "items": items,
        "generated_at": timezone.now(),
        "matters_arising": matters_arising(user, meeting),
    }
    if paper.kind == PaperKind.MINUTES:
        minutes = minutes_of(meeting)
        released = Minutes.objects.restrict(user).filter(pk=minutes.pk).exists()
        texts = current_texts(minutes) if released else {}
        for item in items:
            item.minutes_text = texts.get(item.pk, "")
        context.update(
            minutes=minutes,
            decisions=meeting.decisions.restrict(user).prefetch_related("responsible_ministries"),
            attendance=meeting.invitations.restrict(user).filter(attended=True),
        )
    return context


def build(paper: MeetingPaper) -> bytes:
    """The PDF; ``generated.render`` runs it in the requester's language."""
    html = render_to_string(f"meetings/papers/{paper.kind}.html", paper_context(paper))
    return generated.pdf_from_html(html)


def render(paper_id: int) -> str:
    """Make the PDF (the Celery task's work)."""
    return generated.render(MeetingPaper, paper_id, build)
