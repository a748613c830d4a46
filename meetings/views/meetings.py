"""Meetings: the list, a meeting's page, creating and editing it, the steps that change it
(publish, postpone, cancel, invite someone) and an invitee's answer."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordination import access
from coordination.views import (
    RestrictedCreateView,
    RestrictedDetailView,
    RestrictedListView,
    RestrictedObjectMixin,
    RestrictedUpdateView,
)
from meetings.forms import InvitePersonForm, MeetingForm, PostponeForm, ResponseForm
from meetings.models import AgendaState, BriefingDocument, Decision, Invitation, Meeting
from meetings.services.agenda import matters_arising
from meetings.services.attendance import quorum
from meetings.services.guards import NotAllowedNow
from meetings.services.meetings import (
    announce_changes,
    cancel_meeting,
    invite_person,
    postpone_meeting,
    publish_agenda,
    respond,
)
from strategy.models import PriorityAction

# A body that meets often carries hundreds of open follow-ups from its earlier meetings.
MATTERS_ARISING_PER_PAGE = 25


def matters_arising_page(user, meeting, number=None):
    """One page of the meeting's matters arising (the first without a number)."""
    return Paginator(matters_arising(user, meeting), MATTERS_ARISING_PER_PAGE).get_page(number)


class MeetingListView(RestrictedListView):
    model = Meeting
    template_name = "meetings/meeting_list.html"

    def decorate(self, queryset):
        return queryset.select_related("body")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = access.can_add(self.request.user, Meeting)
        return context


class MeetingDetailView(RestrictedDetailView):
    model = Meeting
    template_name = "meetings/meeting_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("body")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, meeting = self.request.user, self.object
        visible_actions = PriorityAction.objects.restrict(user)
        context["agenda_items"] = agenda_items = list(
            meeting.agenda_items.restrict(user)
            .select_related("presenter_ministry")
            .prefetch_related(
                Prefetch("priority_actions", queryset=visible_actions),
                Prefetch("documents", queryset=BriefingDocument.objects.restrict(user)),
            )
        )
        # Counted from the items the user sees: a draft agenda's length is not published either.
        context["total_minutes"] = sum(item.minutes_allotted for item in agenda_items)
        context["decisions"] = (
            Decision.objects.restrict(user)
            .filter(meeting=meeting)
            .prefetch_related("responsible_ministries")
        )
        context["invited_ministries"] = meeting.invited_ministries.all()
        context["my_invitations"] = [
            (
                invitation,
                ResponseForm(
                    initial={
                        "response": invitation.response,
                        "delegate_name": invitation.delegate_name,
                    }
                ),
            )
            for invitation in Invitation.objects.restrict(user, access.CHANGE)
            .filter(Q(user=user) | Q(ministry__in=access.ministry_ids(user)), meeting=meeting)
            .select_related("ministry")
        ]
        context["page_obj"] = arising = matters_arising_page(
            user, meeting, self.request.GET.get("page")
        )
        context["matters_arising"] = arising.object_list
        context["papers"] = meeting.papers.restrict(user).filter(requested_by=user)[:4]
        context["manages"] = access.can(user, access.CHANGE, meeting)
        if context["manages"]:
            context["invite_form"] = InvitePersonForm()
            context["postpone_form"] = PostponeForm()
            context["quorum"] = quorum(meeting)
        return context


class MeetingCreateView(RestrictedCreateView):
    model = Meeting
    form_class = MeetingForm
    template_name = "meetings/meeting_form.html"
    success_message = gettext_lazy("The meeting was created. Now build its agenda.")

    def get_success_url(self):
        return reverse("meetings:agenda", args=[self.object.pk])


class MeetingUpdateView(RestrictedUpdateView):
    model = Meeting
    form_class = MeetingForm
    template_name = "meetings/meeting_form.html"
    success_message = gettext_lazy("The meeting was saved.")
    announced_fields = {
        "start",
        "duration_minutes",
        "location_ar",
        "location_en",
        "online_link",
        "title_ar",
        "title_en",
        "invited_ministries",
    }

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.announced_fields & set(form.changed_data):
            announce_changes(user=self.request.user, meeting=self.object)
            if self.object.agenda_state == AgendaState.PUBLISHED:
                messages.info(self.request, _("Invitees are sent the updated invitation."))
        return response

    def get_success_url(self):
        return reverse("meetings:meeting_detail", args=[self.object.pk])


class MeetingStepView(RestrictedObjectMixin):
    """A POST that changes a meeting; only those who may change it get this far."""

    model = Meeting
    access_action = access.CHANGE
    http_method_names = ["post"]
    done_message = ""

    def post(self, request, *args, **kwargs):
        meeting = self.get_object()
        try:
            response = self.act(meeting)
        except NotAllowedNow:
            messages.error(request, _("Not possible in the meeting's present state."))
            return redirect("meetings:meeting_detail", meeting.pk)
        if response is not None:
            return response
        messages.success(request, self.done_message)
        return redirect(self.next_url(meeting))

    def next_url(self, meeting):
        return reverse("meetings:meeting_detail", args=[meeting.pk])


class PublishView(MeetingStepView):
    done_message = gettext_lazy("The agenda is published; invitations are being sent.")

    def act(self, meeting):
        publish_agenda(user=self.request.user, meeting=meeting)


class CancelView(MeetingStepView):
    done_message = gettext_lazy("The meeting is cancelled; invitees are told.")

    def act(self, meeting):
        cancel_meeting(user=self.request.user, meeting=meeting)


class PostponeView(MeetingStepView):
    done_message = gettext_lazy("The meeting is moved; invitees get the new date.")

    def act(self, meeting):
        form = PostponeForm(self.request.POST)
        if not form.is_valid():
            messages.error(self.request, " ".join(form.errors["new_start"]))
            return redirect("meetings:meeting_detail", meeting.pk)
        postpone_meeting(
            user=self.request.user, meeting=meeting, new_start=form.cleaned_data["new_start"]
        )


class InvitePersonView(MeetingStepView):
    done_message = gettext_lazy("The person is invited.")

    def act(self, meeting):
        form = InvitePersonForm(self.request.POST)
        if not form.is_valid():
            messages.error(self.request, _("Choose a person to invite."))
            return redirect("meetings:meeting_detail", meeting.pk)
        invite_person(user=self.request.user, meeting=meeting, person=form.cleaned_data["person"])


class RespondView(RestrictedObjectMixin):
    """An invitee (or their ministry's focal point) answers the invitation."""

    model = Invitation
    access_action = access.CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        invitation = self.get_object()
        form = ResponseForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        else:
            try:
                respond(user=request.user, invitation=invitation, **form.cleaned_data)
                messages.success(request, _("Your answer is recorded."))
            except NotAllowedNow:
                messages.error(request, _("This meeting is cancelled."))
        return redirect("meetings:meeting_detail", invitation.meeting_id)
