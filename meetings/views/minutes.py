"""Minutes: writing them (every save a revision), circulating them for comment, comments,
approval."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
    minutes_of,
    save_minutes,
)
from meetings.views.meetings import MeetingStepView


def later_meetings(meeting, user):
    """The body's meetings after this one, where its minutes may be approved."""
    return (
        Meeting.objects.restrict(user)
        .filter(body=meeting.body, start__gt=meeting.start)
        .order_by("start")
    )


def minutes_context(meeting, user, form=None, comment_form=None) -> dict:
    """The minutes page, as the user may see it, with the forms they may use."""
    minutes = minutes_of(meeting)
    written = minutes.pk is not None
    released = written and Minutes.objects.restrict(user).filter(pk=minutes.pk).exists()
    texts = current_texts(minutes) if released else {}
    items = list(meeting.agenda_items.restrict(user))
    for item in items:
        item.minutes_text = texts.get(item.pk, "")
    manages = access.can(user, access.CHANGE, meeting)
    return {
        "meeting": meeting,
        "minutes": minutes,
        "released": released,
        "later_meetings": later_meetings(meeting, user)[:5],
        # The meeting that approved them, named only to those who may see it.
        "approving_meeting": Meeting.objects.restrict(user)
        .filter(pk=minutes.approved_at_meeting_id)
        .first()
        if minutes.approved_at_meeting_id
        else None,
        "items": items,
        "manages": manages,
        "form": form
        or (
            MinutesForm(items=items, texts=texts, initial={"version": minutes.version})
            if manages and minutes.state != MinutesState.APPROVED
            else None
        ),
        "comment_form": comment_form or CommentForm(),
        # Who wrote which draft, and when, is the secretariat's until the minutes are out.
        "comments": minutes.comments.select_related("author", "agenda_item") if released else [],
        "revisions": minutes.revisions.select_related("author")[:20] if released else [],
        "circulate_form": CirculateForm(),
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
        except NotAllowedNow:
            messages.error(request, _("Approved minutes are read-only."))
        else:
            messages.success(request, _("The minutes were saved as a new revision."))
        return redirect("meetings:minutes", meeting.pk)


class MinutesStepView(MeetingStepView):
    def next_url(self, meeting):
        return reverse("meetings:minutes", args=[meeting.pk])


class CirculateMinutesView(MinutesStepView):
    done_message = gettext_lazy("The minutes are circulated to the attendees for comment.")

    def act(self, meeting):
        form = CirculateForm(self.request.POST)
        if not form.is_valid():
            messages.error(self.request, " ".join(form.errors["deadline"]))
            return redirect("meetings:minutes", meeting.pk)
        circulate_minutes(
            user=self.request.user,
            minutes=minutes_of(meeting),
            deadline=form.cleaned_data["deadline"],
        )


class ApproveMinutesView(MinutesStepView):
    done_message = gettext_lazy("The minutes are approved and now read-only.")

    def act(self, meeting):
        form = MinutesApprovalForm(
            self.request.POST, later_meetings=later_meetings(meeting, self.request.user)
        )
        if not form.is_valid():
            messages.error(self.request, " ".join(form.errors["at_meeting"]))
            return redirect(self.next_url(meeting))
        approve_minutes(
            user=self.request.user,
            minutes=minutes_of(meeting),
            at_meeting=form.cleaned_data["at_meeting"],
        )


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
        except NotAllowedNow:
            messages.error(request, _("The minutes are not open for comment."))
        else:
            messages.success(request, _("Your comment was added."))
        return redirect("meetings:minutes", meeting.pk)
