"""Minutes: writing them (every save a revision), circulating them for comment, comments,
approval."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from coordination import access
from coordination.views import RestrictedObjectMixin
from meetings.forms import CirculateForm, CommentForm, MinutesApprovalForm, MinutesForm
from meetings.models import Decision, Meeting, Minutes, MinutesState
from meetings.services.guards import NotAllowedNow
from meetings.services.minutes import (
    MinutesConflict,
    approve_minutes,
    circulate_minutes,
    comment_on_minutes,
    current_texts,
    ensure_ready_for_approval,
    minutes_of,
    save_minutes,
)


def later_meetings(meeting, user):
    """The body's later meetings, seen by the user, where the minutes may be approved."""
    return Meeting.objects.restrict(user).approving_minutes_of(meeting)


def minutes_context(meeting, user, form=None, comment_form=None, circulate_form=None) -> dict:
    """The minutes page, as the user may see it, with the forms they may use: the
    secretariat writes and circulates minutes once the meeting has started."""
    minutes = minutes_of(meeting)
    written = minutes.pk is not None
    released = written and Minutes.objects.restrict(user).filter(pk=minutes.pk).exists()
    texts = current_texts(minutes) if released else {}
    items = list(meeting.agenda_items.restrict(user))
    for item in items:
        item.minutes_text = texts.get(item.pk, "")
    manages = access.can(user, access.CHANGE, meeting)
    writable = manages and meeting.has_started and minutes.state != MinutesState.APPROVED
    return {
        "meeting": meeting,
        "minutes": minutes,
        "released": released,
        # The meeting that approved them, named only to those who may see it.
        "approving_meeting": Meeting.objects.restrict(user)
        .filter(pk=minutes.approved_at_meeting_id)
        .first()
        if minutes.approved_at_meeting_id
        else None,
        "items": items,
        "manages": manages,
        "writable": writable,
        "form": form
        or (
            MinutesForm(items=items, texts=texts, initial={"version": minutes.version})
            if writable
            else None
        ),
        "comment_form": comment_form or CommentForm(),
        # Who wrote which draft, and when, is the secretariat's until the minutes are out.
        "comments": minutes.comments.select_related("author", "agenda_item") if released else [],
        "revisions": minutes.revisions.select_related("author")[:20] if released else [],
        "circulate_form": circulate_form or (CirculateForm(meeting=meeting) if writable else None),
        "decisions": Decision.objects.restrict(user)
        .filter(meeting=meeting)
        .prefetch_related("responsible_ministries"),
    }


class MinutesView(RestrictedObjectMixin):
    """Everyone invited reads the minutes and comments while they are circulated; the
    secretariat writes them (every save is a revision), circulates and approves them."""

    model = Meeting
    template_name = "meetings/minutes.html"

    def get(self, request, *args, **kwargs):
        meeting = self.get_object()
        return TemplateResponse(request, self.template_name, minutes_context(meeting, request.user))

    def post(self, request, *args, **kwargs):
        meeting = self.get_object()
        if not access.can(request.user, access.CHANGE, meeting):
            raise PermissionDenied
        minutes = minutes_of(meeting)
        items = list(meeting.agenda_items.all())
        form = MinutesForm(request.POST, items=items, texts={})
        if not form.is_valid():
            return TemplateResponse(
                request, self.template_name, minutes_context(meeting, request.user, form)
            )
        try:
            save_minutes(
                user=request.user,
                minutes=minutes,
                texts=form.texts(),
                expected_version=form.cleaned_data["version"],
            )
        except MinutesConflict:
            form.add_error(
                None,
                _(
                    "Someone saved the minutes after you opened them. Your text "
                    "is kept below; open the minutes again to see theirs."
                ),
            )
            return TemplateResponse(
                request,
                self.template_name,
                minutes_context(meeting, request.user, form),
                status=409,
            )
        except NotAllowedNow as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("The minutes were saved as a new revision."))
        return redirect("meetings:minutes", meeting.pk)


class CirculateMinutesView(RestrictedObjectMixin):
    """Circulate the minutes for comment until a deadline after the meeting; a refused
    deadline is shown on the minutes page with what was typed."""

    model = Meeting
    access_action = access.CHANGE
    http_method_names = ["post"]
    template_name = "meetings/minutes.html"

    def post(self, request, *args, **kwargs):
        meeting = self.get_object()
        form = CirculateForm(request.POST, meeting=meeting)
        if not form.is_valid():
            return TemplateResponse(
                request,
                self.template_name,
                minutes_context(meeting, request.user, circulate_form=form),
                status=400,
            )
        try:
            circulate_minutes(
                user=request.user,
                minutes=minutes_of(meeting),
                deadline=form.cleaned_data["deadline"],
            )
        except NotAllowedNow as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("The minutes are circulated to the attendees for comment."))
        return redirect("meetings:minutes", meeting.pk)


class ApproveMinutesView(RestrictedObjectMixin):
    """Record the approval of the minutes, in two steps that need no JavaScript: choose the
    later meeting of the body that approved them, then confirm. Only the confirmation's
    POST approves."""

    model = Meeting
    access_action = access.CHANGE
    template_name = "meetings/minutes_approve.html"

    def ready(self, meeting):
        """The minutes, if they may be approved now; else the reason why not."""
        minutes = minutes_of(meeting)
        try:
            ensure_ready_for_approval(minutes)
        except NotAllowedNow as refusal:
            messages.error(self.request, refusal.message)
            return None
        return minutes

    def render(self, meeting, minutes, form, *, at_meeting=None):
        return TemplateResponse(
            self.request,
            self.template_name,
            {"meeting": meeting, "minutes": minutes, "form": form, "at_meeting": at_meeting},
        )

    def get(self, request, *args, **kwargs):
        meeting = self.get_object()
        minutes = self.ready(meeting)
        if minutes is None:
            return redirect("meetings:minutes", meeting.pk)
        form = MinutesApprovalForm(
            initial={"at_meeting": request.GET.get("at_meeting")},
            later_meetings=later_meetings(meeting, request.user),
        )
        return self.render(meeting, minutes, form)

    def post(self, request, *args, **kwargs):
        meeting = self.get_object()
        minutes = self.ready(meeting)
        if minutes is None:
            return redirect("meetings:minutes", meeting.pk)
        form = MinutesApprovalForm(
            request.POST, later_meetings=later_meetings(meeting, request.user)
        )
        if not form.is_valid():
            return self.render(meeting, minutes, form)
        at_meeting = form.cleaned_data["at_meeting"]
        if not form.cleaned_data["confirmed"]:
            return self.render(meeting, minutes, form, at_meeting=at_meeting)
        try:
            approve_minutes(user=request.user, minutes=minutes, at_meeting=at_meeting)
        except NotAllowedNow as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("The minutes are approved and now read-only."))
        return redirect("meetings:minutes", meeting.pk)


class CommentOnMinutesView(RestrictedObjectMixin):
    model = Meeting
    http_method_names = ["post"]
    template_name = "meetings/minutes.html"

    def post(self, request, *args, **kwargs):
        meeting = self.get_object()
        form = CommentForm(request.POST)
        if not form.is_valid():
            return TemplateResponse(
                request,
                self.template_name,
                minutes_context(meeting, request.user, comment_form=form),
                status=400,
            )
        try:
            comment_on_minutes(
                user=request.user,
                minutes=minutes_of(meeting),
                text=form.cleaned_data["text"],
            )
        except NotAllowedNow as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("Your comment was added."))
        return redirect("meetings:minutes", meeting.pk)
