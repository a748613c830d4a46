"""The secretariat's side of progress reports: the validation queue and the review."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from coordination import access
from coordination.views import RestrictedListView, RestrictedObjectMixin
from strategy import services
from strategy.forms import ReviewForm
from strategy.models import ProgressUpdate, ReportState
from strategy.views.reports import ReportDetailView, report_page_context


class ReportReviewView(RestrictedObjectMixin):
    """The secretariat validates, returns (with a comment) or reopens (with a reason)."""

    model = ProgressUpdate
    access_action = access.CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        report = self.get_object()
        if not access.manages_everything(request.user):
            raise PermissionDenied
        form = ReviewForm(request.POST)
        if not form.is_valid():
            return TemplateResponse(
                request,
                ReportDetailView.template_name,
                report_page_context(report, request.user, review_form=form),
                status=400,
            )
        step = {
            ReviewForm.VALIDATE: (
                services.validate_report,
                "comment",
                _("The report was validated."),
            ),
            ReviewForm.RETURN: (
                services.return_report,
                "comment",
                _("The report was returned to the ministry."),
            ),
            ReviewForm.REOPEN: (
                services.reopen_report,
                "reason",
                _("The report was reopened and returned to the ministry."),
            ),
        }[form.cleaned_data["decision"]]
        try:
            step[0](
                user=request.user,
                report=report,
                expected_version=form.cleaned_data["version"],
                **{step[1]: form.cleaned_data["comment"]},
            )
        except services.ReportNotEditable:
            messages.error(request, _("The report changed state meanwhile; nothing was done."))
        except services.ReportConflict:
            messages.error(
                request,
                _(
                    "The report was changed after you opened it; nothing was done. Read the "
                    "current text below, then decide again."
                ),
            )
        else:
            messages.success(request, step[2])
        return redirect("strategy:report_detail", report.pk)


class ValidationQueueView(RestrictedListView):
    """Submitted reports across ministries, the longest waiting first."""

    model = ProgressUpdate
    template_name = "strategy/validation_queue.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.manages_everything(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(state=ReportState.SUBMITTED)
            .select_related("action", "ministry", "submitted_by")
            .order_by("submitted_at", "pk")
        )
