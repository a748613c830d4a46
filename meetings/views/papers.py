"""PDFs of a meeting's agenda and minutes: asking for one, and its progress and download."""

from django.http import Http404

from coordination.views import (
    GeneratedDocumentRequestView,
    GeneratedDocumentView,
    RestrictedObjectMixin,
)
from meetings.models import Meeting, MeetingPaper, PaperKind
from meetings.tasks import render_meeting_paper


class PaperRequestView(RestrictedObjectMixin, GeneratedDocumentRequestView):
    """Ask for the agenda or minutes of a meeting the user may see."""

    model = Meeting
    document_model = MeetingPaper
    render_task = render_meeting_paper
    status_url_name = "meetings:paper"

    def post(self, request, *args, **kwargs):
        meeting = self.get_object()
        kind = self.kwargs["kind"]
        if kind not in PaperKind.values:
            raise Http404
        return self.request_document(meeting=meeting, kind=kind)


class PaperView(GeneratedDocumentView):
    """The PDF's progress; a download link when it is ready (the page refreshes itself)."""

    model = MeetingPaper
    context_object_name = "paper"
    template_name = "meetings/paper.html"
    status_template_name = "meetings/_paper_status.html"

    def get_queryset(self):
        return super().get_queryset().select_related("meeting")

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.object.meeting, **kwargs)
