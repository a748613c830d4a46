from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Exists, OuterRef
from django.http import JsonResponse
from django.views import generic
from django.views.decorators.cache import never_cache

from coordination import access
from coordination.models import Ministry
from coordination.views import AccessControlledView
from imag import health as health_checks
from meetings.models import Decision, Meeting
from strategy.models import (
    STATUS_COLOURS,
    ActionStatus,
    PriorityAction,
    ProgressUpdate,
    ReportState,
)


class HomeView(AccessControlledView, generic.TemplateView):
    """What matters to each role, all from the user's restricted records."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        actions = PriorityAction.objects.restrict(user)
        counts = dict(
            actions.order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        context["status_counts"] = [
            (status, counts.get(status.value, 0), STATUS_COLOURS[status]) for status in ActionStatus
        ]
        context["total_actions"] = sum(counts.values())
        context["overdue_actions"] = (
            actions.overdue().select_related("lead_ministry").order_by("due_date")[:10]
        )
        context["upcoming_meetings"] = (
            Meeting.objects.restrict(user).upcoming().select_related("body").order_by("start")[:5]
        )
        visible_meetings = Meeting.objects.restrict(user).filter(pk=OuterRef("meeting_id"))
        context["overdue_decisions"] = (
            Decision.objects.restrict(user)
            .overdue()
            .annotate(meeting_is_visible=Exists(visible_meetings))
            .order_by("due_date")[:10]
        )
        reports = ProgressUpdate.objects.restrict(user).select_related("action", "ministry")
        if access.manages_everything(user):
            context["reports_to_review"] = reports.filter(state=ReportState.SUBMITTED).order_by(
                "submitted_at"
            )[:10]
        elif access.ministry_ids(user):
            context["reports_to_finish"] = reports.filter(
                state__in=[ReportState.DRAFT, ReportState.RETURNED]
            ).order_by("period_start")[:10]
        context["my_ministries"] = Ministry.objects.filter(pk__in=access.ministry_ids(user))
        return context


@never_cache
@login_not_required
def health(request):
    """For the load balancer: 200 when the database answers, 503 otherwise."""
    checks = health_checks.overall()
    status = 200 if checks["database"] == health_checks.OK else 503
    return JsonResponse(checks, status=status)
