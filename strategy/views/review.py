"""The secretariat's side of progress reports: the validation queue and the review."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coordination import access
from coordination.rows import address, dates, translated_columns
from coordination.views import ManagersOnlyView, RestrictedListView, RestrictedObjectMixin
from strategy import services
from strategy.filters import ValidationQueueFilter
from strategy.forms import ReviewForm
from strategy.models import ActionStatus, ProgressUpdate, ReportState
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
            if form.cleaned_data["decision"] != ReviewForm.REOPEN:
                return self.to_next_in_queue(report)
        return redirect("strategy:report_detail", report.pk)

    def to_next_in_queue(self, reviewed):
        """The report after ``reviewed`` in the queue's order, or else the first still
        waiting; the queue itself once it is empty."""
        waiting = (
            queue_reports(self.request.user).values_list("pk", flat=True).order_by(*QUEUE_ORDER)
        )
        following = None
        if reviewed.submitted_at is not None:
            following = waiting.filter(
                Q(submitted_at__gt=reviewed.submitted_at)
                | Q(submitted_at=reviewed.submitted_at, pk__gt=reviewed.pk)
            ).first()
        following = following or waiting.first()
        if following is None:
            messages.info(self.request, _("No other report awaits validation."))
            return redirect("strategy:validation_queue")
        messages.info(self.request, _("Here is the next report awaiting validation."))
        return redirect("strategy:report_detail", following)


# What a queue row shows; the reports' texts and the actions' descriptions stay unread.
QUEUE_FIELDS = (
    "submitted_at",
    "submitted_by__username",
    "submitted_by__first_name",
    "submitted_by__last_name",
    "ministry__code",
    *translated_columns("ministry__name"),
    "action__code",
    *translated_columns("action__title"),
    "support_needed",
    "period_start",
    "period_end",
    "status",
    "percent_complete",
)


# The queue's order: the longest waiting first (the index report_queue serves it).
QUEUE_ORDER = ("submitted_at", "pk")


def queue_reports(user):
    """The reports awaiting validation, as the user may see them."""
    return ProgressUpdate.objects.restrict(user).filter(state=ReportState.SUBMITTED)


class ValidationQueueView(ManagersOnlyView, RestrictedListView):
    """Submitted reports across ministries, the longest waiting first, narrowed by
    ministry, pillar or period."""

    model = ProgressUpdate
    template_name = "strategy/validation_queue.html"
    filterset_class = ValidationQueueFilter

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(state=ReportState.SUBMITTED)
            .select_related("action", "ministry", "submitted_by")
            .only(*QUEUE_FIELDS)
            .order_by(*QUEUE_ORDER)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = queue_rows(context["page_obj"])
        return context


def queue_rows(reports):
    """The queue's table rows, built here rather than in a template loop: the same cells
    at a fraction of the cost of resolving every variable, filter and URL per row. A cell
    carries its column's name (data-label), shown above it when a row is a card (phones)."""
    statuses = {value: str(label) for value, label in ActionStatus.choices}
    before, after = address("strategy:report_detail")
    when = dates("SHORT_DATETIME_FORMAT")
    support = format_html(' <span class="badge text-bg-warning">{}</span>', _("Asks for support"))
    today = timezone.localdate()
    # Escaped once for the list, not once a row.
    labels = [
        escape(label)
        for label in (_("Submitted"), _("Ministry"), _("Period"), _("Status"), _("Waiting"))
    ]
    return format_html_join(
        "\n",
        '<tr><td data-label="{}">{}<div class="small text-body-secondary">{}</div></td>'
        '<td class="stack-key" data-label="{}">{}</td>'
        '<td class="stack-head stack-title text-wrap-anywhere">'
        '<a href="{}{}{}">{} <bdi>{}</bdi></a>{}</td>'
        '<td data-label="{}">{}</td><td data-label="{}">{} · {}%</td>'
        '<td class="stack-key" data-label="{}">{}</td></tr>',
        (
            (
                labels[0],
                when(timezone.localtime(report.submitted_at)) if report.submitted_at else "",
                report.submitted_by.username if report.submitted_by else "",
                labels[1],
                report.ministry.named,
                before,
                report.pk,
                after,
                report.action.code,
                report.action.title,
                support if report.asks_for_support else "",
                labels[2],
                report.period_label,
                labels[3],
                statuses.get(report.status, report.status),
                report.percent_complete,
                labels[4],
                waiting(report.submitted_at, today),
            )
            for report in reports
        ),
    )


def days_waited(submitted_at, today) -> int | None:
    """How many days a report has waited since it was submitted (calendar days in the
    portal's time zone): 0 on the day itself."""
    if submitted_at is None:
        return None
    return max(0, (today - timezone.localtime(submitted_at).date()).days)


def waiting(submitted_at, today) -> str:
    """days_waited() in words: "0 days" on the day itself."""
    days = days_waited(submitted_at, today)
    if days is None:
        return ""
    return ngettext("%(days)s day", "%(days)s days", days) % {"days": days}
