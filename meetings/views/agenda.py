"""The agenda builder: items, their order and briefing documents, and what the secretariat
may want to put on the agenda."""

from django.contrib import messages
from django.db.models import Sum
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordination import access
from coordination.uploads import document_response, store_documents
from coordination.views import RestrictedObjectMixin, RestrictedUpdateView
from meetings.forms import AgendaItemForm
from meetings.models import AgendaItem, BriefingDocument, Decision, Meeting
from meetings.services.agenda import (
    add_agenda_item,
    add_decision_follow_up_item,
    add_suggested_action,
    agenda_suggestions,
    move_agenda_item,
    remove_agenda_item,
)
from meetings.services.guards import NotAllowedNow
from meetings.views.meetings import MeetingStepView, matters_arising_context
from strategy.models import PriorityAction


def agenda_builder_context(meeting, user, form=None, arising_page=None) -> dict:
    """The agenda builder's page, and the list of items that htmx swaps in after a change."""
    return {
        "meeting": meeting,
        "items": meeting.agenda_items.select_related("presenter_ministry").prefetch_related(
            "priority_actions", "documents"
        ),
        "total_minutes": meeting.agenda_items.aggregate(total=Sum("minutes_allotted"))["total"]
        or 0,
        "form": form or AgendaItemForm(user=user),
        "suggestions": agenda_suggestions(user, meeting),
        **matters_arising_context(user, meeting, arising_page),
    }


class AgendaBuilderView(RestrictedObjectMixin):
    model = Meeting
    access_action = access.CHANGE
    template_name = "meetings/agenda_builder.html"

    def get(self, request, *args, **kwargs):
        meeting = self.get_object()
        return TemplateResponse(
            request,
            self.template_name,
            agenda_builder_context(meeting, request.user, arising_page=request.GET.get("page")),
        )


class AgendaItemAddView(RestrictedObjectMixin):
    model = Meeting
    access_action = access.CHANGE
    http_method_names = ["post"]
    template_name = "meetings/agenda_builder.html"

    def post(self, request, *args, **kwargs):
        meeting = self.get_object()
        form = AgendaItemForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return TemplateResponse(
                request, self.template_name, agenda_builder_context(meeting, request.user, form)
            )
        fields = {
            k: v for k, v in form.cleaned_data.items() if k not in ("priority_actions", "documents")
        }
        try:
            item = add_agenda_item(
                user=request.user,
                meeting=meeting,
                actions=form.cleaned_data["priority_actions"],
                **fields,
            )
        except NotAllowedNow:
            messages.error(request, _("A cancelled meeting's agenda cannot change."))
            return redirect("meetings:agenda", meeting.pk)
        store_documents(
            BriefingDocument, form.cleaned_data["documents"], user=request.user, agenda_item=item
        )
        messages.success(request, _("The item was added to the agenda."))
        return redirect("meetings:agenda", meeting.pk)


class AgendaStepView(MeetingStepView):
    def next_url(self, meeting):
        return reverse("meetings:agenda", args=[meeting.pk])


class AddSuggestionView(AgendaStepView):
    done_message = gettext_lazy("The action was added to the agenda.")

    def act(self, meeting):
        action = access.get_visible_or_404(
            PriorityAction, self.request.user, pk=self.kwargs["action_pk"]
        )
        add_suggested_action(user=self.request.user, meeting=meeting, action=action)


class AddDecisionSuggestionView(AgendaStepView):
    done_message = gettext_lazy("The decision's follow-up was added to the agenda.")

    def act(self, meeting):
        decision = access.get_visible_or_404(
            Decision, self.request.user, pk=self.kwargs["decision_pk"]
        )
        add_decision_follow_up_item(user=self.request.user, meeting=meeting, decision=decision)


class AgendaItemStepView(RestrictedObjectMixin):
    model = AgendaItem
    access_action = access.CHANGE
    http_method_names = ["post"]

    def get_queryset(self):
        return super().get_queryset().select_related("meeting")

    def post(self, request, *args, **kwargs):
        item = self.get_object()
        meeting = item.meeting
        try:
            self.act(item)
        except NotAllowedNow:
            messages.error(request, _("A cancelled meeting's agenda cannot change."))
        if request.htmx:
            return TemplateResponse(
                request,
                "meetings/_agenda_items.html",
                agenda_builder_context(meeting, request.user),
            )
        return redirect("meetings:agenda", meeting.pk)


class AgendaItemMoveView(AgendaItemStepView):
    def act(self, item):
        step = -1 if self.request.POST.get("direction") == "up" else 1
        move_agenda_item(user=self.request.user, item=item, step=step)


class AgendaItemRemoveView(AgendaItemStepView):
    def act(self, item):
        remove_agenda_item(user=self.request.user, item=item)


class AgendaItemUpdateView(RestrictedUpdateView):
    model = AgendaItem
    form_class = AgendaItemForm
    template_name = "meetings/agenda_item_form.html"
    success_message = gettext_lazy("The agenda item was saved.")

    def form_valid(self, form):
        response = super().form_valid(form)
        store_documents(
            BriefingDocument,
            form.cleaned_data["documents"],
            user=self.request.user,
            agenda_item=self.object,
        )
        return response

    def get_success_url(self):
        return reverse("meetings:agenda", args=[self.object.meeting_id])


class BriefingDocumentView(RestrictedObjectMixin):
    model = BriefingDocument

    def get(self, request, *args, **kwargs):
        return document_response(self.get_object())
