"""PDFs of a meeting's agenda and minutes, rendered by WeasyPrint in a Celery task. Arabic
and Kurdish are shaped right to left with the Noto fonts (Debian's fonts-noto-core); nothing
is fetched from the network."""

import logging

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone, translation

from meetings import services
from meetings.models import MeetingPaper, Minutes, PaperKind, PaperState

logger = logging.getLogger(__name__)


def _no_network(url, *args, **kwargs):
    raise ValueError(f"Remote resources are not loaded in PDFs: {url}")


def paper_context(paper: MeetingPaper) -> dict:
    """What the PDF shows: only what the person who asked for it may see."""
    user, meeting = paper.requested_by, paper.meeting
    items = list(meeting.agenda_items.restrict(user).select_related("presenter_ministry"))
    context = {
        "meeting": meeting,
        "items": items,
        "generated_at": timezone.now(),
        "matters_arising": services.matters_arising(user, meeting),
    }
    if paper.kind == PaperKind.MINUTES:
        minutes = services.minutes_of(meeting)
        released = Minutes.objects.restrict(user).filter(pk=minutes.pk).exists()
        texts = services.current_texts(minutes) if released else {}
        for item in items:
            item.minutes_text = texts.get(item.pk, "")
        context.update(
            minutes=minutes,
            decisions=meeting.decisions.restrict(user).prefetch_related("responsible_ministries"),
            attendance=meeting.invitations.restrict(user).filter(attended=True),
        )
    return context


def render_pdf(paper: MeetingPaper) -> bytes:
    from weasyprint import HTML

    with translation.override(paper.language):
        html = render_to_string(f"meetings/papers/{paper.kind}.html", paper_context(paper))
    return HTML(string=html, url_fetcher=_no_network).write_pdf()


def waiting_ids() -> list[int]:
    cutoff = timezone.now() - timezone.timedelta(minutes=2)
    return list(
        MeetingPaper.objects.filter(state=PaperState.PENDING, created_at__lt=cutoff).values_list(
            "pk", flat=True
        )[:20]
    )


def render(paper_id: int) -> str:
    paper = MeetingPaper.objects.select_related("meeting__body", "requested_by").get(pk=paper_id)
    if paper.state == PaperState.READY:
        return paper.state
    try:
        content = render_pdf(paper)
    except Exception as error:  # noqa: BLE001 - the page shows the failure; the log has it
        logger.exception("PDF %s failed", paper_id)
        paper.state, paper.error = PaperState.FAILED, str(error)[:500]
        paper.save(update_fields=["state", "error"])
        return paper.state
    paper.file.save(f"{paper.kind}.pdf", ContentFile(content), save=False)
    paper.state = PaperState.READY
    paper.save(update_fields=["file", "state"])
    return paper.state
