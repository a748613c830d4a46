"""Attendance on the day, and whether the body had its quorum."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from coordination import access
from coordination.views import RestrictedObjectMixin
from meetings.forms import AttendanceForm
from meetings.models import Meeting
from meetings.services.attendance import quorum, record_attendance
from meetings.services.guards import NotAllowedNow


class AttendanceView(RestrictedObjectMixin):
    """Who was present: recorded once the meeting has started (before, the page says so
    and offers no form)."""

    model = Meeting
    access_action = access.CHANGE
    template_name = "meetings/attendance.html"

    def render(self, meeting, form=None, status=200):
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "meeting": meeting,
                "invitations": meeting.invitations.select_related("ministry", "membership"),
                "quorum": quorum(meeting),
                "form": form,
            },
            status=status,
        )

    def get(self, request, *args, **kwargs):
        return self.render(self.get_object())

    def post(self, request, *args, **kwargs):
        meeting = self.get_object()
        form = AttendanceForm(request.POST, meeting=meeting)
        if not form.is_valid():
            return self.render(meeting, form, status=400)
        present = [invitation.pk for invitation in form.cleaned_data["present"]]
        try:
            record_attendance(user=request.user, meeting=meeting, present_ids=present)
        except NotAllowedNow as refusal:
            messages.error(request, refusal.message)
            return redirect("meetings:attendance", meeting.pk)
        present_count, needed, met = quorum(meeting)
        if met:
            messages.success(
                request,
                _("Attendance saved: %(present)s members present, quorum %(needed)s is met.")
                % {"present": present_count, "needed": needed},
            )
        else:
            messages.warning(
                request,
                _("Attendance saved: %(present)s members present, quorum %(needed)s is NOT met.")
                % {"present": present_count, "needed": needed},
            )
        return redirect("meetings:attendance", meeting.pk)
