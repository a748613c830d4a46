"""PDFs of a meeting's agenda and minutes: asking for one, and its progress and download."""

from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from coordination import access
from coordination.queue import enqueue
from coordination.views import RestrictedObjectMixin
from meetings.models import Meeting, MeetingPaper, PaperKind, PaperState
from meetings.tasks import render_meeting_paper


class PaperRequestView(RestrictedObjectMixin):
    model = Meeting
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        meeting = self.get_object()
        kind = self.kwargs["kind"]
        if kind not in PaperKind.values:
            raise Http404
        with transaction.atomic():
            paper = MeetingPaper.objects.create(
                meeting=meeting,
                kind=kind,
                language=request.LANGUAGE_CODE,
                requested_by=request.user,
            )
            transaction.on_commit(lambda: enqueue(render_meeting_paper, paper.pk))
        return redirect("meetings:paper", paper.pk)


class PaperView(RestrictedObjectMixin):
    """The PDF's progress; a download link when it is ready (the page refreshes itself)."""

    model = MeetingPaper

    def get(self, request, *args, **kwargs):
        paper = self.get_object()
        if paper.requested_by_id != request.user.pk and not access.manages_everything(request.user):
            raise Http404
        if paper.state == PaperState.READY and request.GET.get("download"):
            response = HttpResponse(paper.file.read(), content_type="application/pdf")
            response["Content-Disposition"] = (
                f'attachment; filename="{paper.kind}-{paper.meeting_id}.pdf"'
            )
            response["X-Content-Type-Options"] = "nosniff"
            return response
        template = "meetings/_paper_status.html" if request.htmx else "meetings/paper.html"
        return TemplateResponse(request, template, {"paper": paper, "meeting": paper.meeting})
