"""The priority action list and the validation queue as Excel workbooks: the rows the page
lists, under the same filters and in the same scope, every one of them rather than a page."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from coordination.exports import workbook_response
from coordination.rows import joined
from strategy.models import OPEN_STATUSES, ActionStatus, ReportState, period_name
from strategy.views.actions import ActionListView
from strategy.views.review import ValidationQueueView, days_waited


class ActionExportView(ActionListView):
    """``actions-YYYY-MM-DD.xlsx``: the actions the list finds (its filters, the user's
    scope), with what its rows show, read as the list reads a page: two queries whatever
    the number of actions."""

    extra_row_fields = ("start_date",)

    def get(self, request, *args, **kwargs):
        rows = self.page_rows(self.get_queryset()).values()
        header = [
            _("Code"),
            _("Title"),
            _("Pillar"),
            _("Lead ministry"),
            _("Supporting ministries"),
            _("Action status"),
            _("Percent complete"),
            _("Start"),
            pgettext("due date", "Due"),
            _("Last report"),
            _("Last report's state"),
            _("Needs attention"),
        ]
        return workbook_response("actions", _("Priority actions"), header, action_cells(rows))


def action_cells(rows):
    """The export's values of the action list's rows (see ActionListView.page_rows)."""
    today = timezone.localdate()
    statuses = {value: str(label) for value, label in ActionStatus.choices}
    states = {value: str(label) for value, label in ReportState.choices}
    overdue, report_overdue, report_due = (
        _("Overdue"),
        _("Report overdue"),
        _("Report due this period"),
    )
    for row in rows:
        attention = []
        if row["status"] in OPEN_STATUSES and row["due_date"] < today:
            attention.append(overdue)
        if row["report_overdue"]:
            attention.append(report_overdue)
        if row["report_due"]:
            attention.append(report_due)
        yield [
            row["code"],
            row["title"],
            f"{row['pillar__number']}. {row['pillar_title']}",
            row["lead_ministry__code"],
            joined(code for _name, code in row["supporting"]),
            statuses.get(row["status"], row["status"]),
            row["percent_complete"],
            row["start_date"],
            row["due_date"],
            # A reporting period, named by its months as on the page.
            period_name(row["last_report_period"], row["last_report_period_end"])
            if row["last_report_period"]
            else None,
            states.get(row["last_report_state"]) if row["last_report_state"] else None,
            joined(attention),
        ]


class ValidationQueueExportView(ValidationQueueView):
    """``validation-queue-YYYY-MM-DD.xlsx``: every submitted report of the queue (for the
    secretariat, as the page), the longest waiting first, in one query."""

    def get(self, request, *args, **kwargs):
        statuses = {value: str(label) for value, label in ActionStatus.choices}
        reports = self.get_queryset().iterator(chunk_size=2000)
        today = timezone.localdate()
        rows = (
            [
                report.submitted_at,
                days_waited(report.submitted_at, today),
                report.submitted_by.get_full_name() or report.submitted_by.username
                if report.submitted_by
                else None,
                report.ministry.code,
                report.action.code,
                report.action.title,
                report.period_label,
                statuses.get(report.status, report.status),
                report.percent_complete,
                report.support_needed.strip(),
            ]
            for report in reports
        )
        header = [
            _("Submitted"),
            _("Days waiting"),
            _("Submitted by"),
            _("Ministry"),
            _("Code"),
            _("Priority action"),
            _("Period"),
            _("Status"),
            _("Percent complete"),
            _("Support needed"),
        ]
        return workbook_response("validation-queue", _("Validation queue"), header, rows)
