"""What the secretariat and a ministry say to each other about reporting: the secretariat
asks a ministry to report (from an action's page or the dashboards' compliance table), and
either side comments on a report."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coordination import access
from coordination.models import Ministry
from coordination.views import ManagersOnlyView
from strategy import services
from strategy.forms import ReportCommentForm, ReportRequestForm
from strategy.models import PriorityAction, ReportComment, ReportRequest, Strategy
from strategy.views.reports import ReportDetailView, ReportPageMixin, report_page_context


def say_who_was_told(request, report_request: ReportRequest) -> None:
    if report_request.notified:
        messages.success(
            request,
            ngettext(
                "%(ministry)s is asked to report for %(period)s: %(n)s focal point notified.",
                "%(ministry)s is asked to report for %(period)s: %(n)s focal points notified.",
                report_request.notified,
            )
            % {
                "ministry": report_request.ministry.named,
                "period": report_request.period_label,
                "n": report_request.notified,
            },
        )
    else:
        messages.warning(
            request,
            _(
                "The request is recorded, but %(ministry)s has no active focal point to "
                "notify: appoint one on the People pages."
            )
            % {"ministry": report_request.ministry.named},
        )


class ReportRequestView(ManagersOnlyView):
    """A POST of the secretariat (a form button, no script needed); 403 for others."""

    model = ReportRequest
    access_action = access.ADD
    http_method_names = ["post"]


class ActionReportRequestView(ReportRequestView):
    """Ask one of an action's ministries to report on it, from the action's page."""

    def post(self, request, *args, **kwargs):
        action = access.get_visible_or_404(
            PriorityAction.objects.select_related("pillar__strategy", "lead_ministry"),
            request.user,
            pk=kwargs["pk"],
        )
        form = ReportRequestForm.for_action(action, request.POST)
        if form.is_valid():
            ministry, period = form.chosen()
            say_who_was_told(
                request,
                services.ask_to_report(
                    by=request.user, ministry=ministry, period=period, action=action
                ),
            )
        else:
            messages.error(request, _("Choose one of the action's ministries and a period."))
        return redirect("strategy:action_detail", action.pk)


class MinistryReportRequestView(ReportRequestView):
    """Ask a ministry for every report it owes for a period, from a compliance row."""

    def post(self, request, *args, **kwargs):
        strategy = Strategy.objects.current()
        periods = strategy.reporting_periods() if strategy else []
        today = timezone.localdate()
        form = ReportRequestForm(
            request.POST,
            ministries=Ministry.objects.filter(is_active=True),
            periods=[period for period in periods if period[0] <= today],
        )
        dashboard = reverse("dashboard:steering")
        if not form.is_valid():
            messages.error(request, _("Choose a ministry and a reporting period."))
            return redirect(dashboard)
        ministry, period = form.chosen()
        say_who_was_told(
            request, services.ask_to_report(by=request.user, ministry=ministry, period=period)
        )
        return redirect(f"{dashboard}?{urlencode({'period': period[0].isoformat()})}")


class ReportCommentView(ReportPageMixin):
    """Add a comment to a report (a POST from its page): the secretariat or the report's
    own ministry; 404 for who may not see the report, 403 for who sees but may not write."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        report = self.get_object()
        # Who reads the report's history and may add comments: the secretariat and the
        # report's own ministry (the steering body reads only).
        if not (report.history_readable and access.can_add(request.user, ReportComment)):
            raise PermissionDenied
        form = ReportCommentForm(request.POST)
        if not form.is_valid():
            return TemplateResponse(
                request,
                ReportDetailView.template_name,
                report_page_context(report, request.user, comment_form=form),
                status=400,
            )
        services.comment_on_report(by=request.user, report=report, text=form.cleaned_data["text"])
        messages.success(request, _("Your comment was added; the other side is notified."))
        return redirect(f"{reverse('strategy:report_detail', args=[report.pk])}#comments")
