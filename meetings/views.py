from django.db.models import Prefetch

from coordination.views import RestrictedDetailView, RestrictedListView
from meetings.models import Decision, Meeting
from strategy.models import PriorityAction


class MeetingListView(RestrictedListView):
    model = Meeting
    template_name = "meetings/meeting_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("body")


class MeetingDetailView(RestrictedDetailView):
    model = Meeting
    template_name = "meetings/meeting_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("body")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        visible_actions = PriorityAction.objects.restrict(user)
        context["agenda_items"] = (
            self.object.agenda_items.restrict(user)
            .select_related("presenter_ministry")
            .prefetch_related(Prefetch("priority_actions", queryset=visible_actions))
        )
        context["decisions"] = (
            Decision.objects.restrict(user)
            .filter(meeting=self.object)
            .prefetch_related("responsible_ministries")
        )
        context["invited_ministries"] = self.object.invited_ministries.all()
        return context
