from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coordination import access
from coordination.views import (
    RestrictedCreateView,
    RestrictedDetailView,
    RestrictedListView,
    RestrictedUpdateView,
)
from meetings.models import AgendaItem, Decision
from strategy.filters import PriorityActionFilter
from strategy.forms import PriorityActionForm
from strategy.models import PriorityAction, ProgressUpdate


class ActionListView(RestrictedListView):
    model = PriorityAction
    filterset_class = PriorityActionFilter
    template_name = "strategy/action_list.html"

    def get_queryset(self):
        return super().get_queryset().for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = access.can_add(self.request.user, PriorityAction)
        return context


class ActionDetailView(RestrictedDetailView):
    model = PriorityAction
    template_name = "strategy/action_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("pillar__strategy", "lead_ministry")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, action = self.request.user, self.object
        context["supporting_ministries"] = action.supporting_ministries.all()
        context["indicators"] = action.indicators.restrict(user)
        context["progress_updates"] = (
            ProgressUpdate.objects.restrict(user)
            .filter(action=action)
            .select_related("ministry", "submitted_by", "reviewed_by")
        )
        context["agenda_items"] = (
            AgendaItem.objects.restrict(user)
            .filter(priority_actions=action)
            .select_related("meeting")
            .order_by("-meeting__start", "order")
        )
        context["decisions"] = (
            Decision.objects.restrict(user)
            .filter(agenda_item__priority_actions=action)
            .select_related("meeting")
        )
        context["can_change"] = access.can(user, access.CHANGE, action)
        return context


class ActionCreateView(RestrictedCreateView):
    model = PriorityAction
    form_class = PriorityActionForm
    template_name = "strategy/action_form.html"
    success_message = _("The priority action was created.")

    def get_success_url(self):
        return reverse("strategy:action_detail", args=[self.object.pk])


class ActionUpdateView(RestrictedUpdateView):
    model = PriorityAction
    form_class = PriorityActionForm
    template_name = "strategy/action_form.html"
    success_message = _("The priority action was saved.")

    def get_success_url(self):
        return reverse("strategy:action_detail", args=[self.object.pk])
