"""The notifications the strategy app sends (see coordination.notification_kinds)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from coordination.notification_kinds import register

REPORT_SUBMITTED = register(
    "report_submitted",
    label=_("Report submitted"),
    text=_("%(ministry)s submitted its report on %(action)s for %(period)s."),
)

REPORT_VALIDATED = register(
    "report_validated",
    label=_("Report validated"),
    text=_("The report of %(ministry)s on %(action)s for %(period)s was validated."),
)

REPORT_RETURNED = register(
    "report_returned",
    label=_("Report returned"),
    text=_("The report of %(ministry)s on %(action)s for %(period)s was returned: %(comment)s"),
)

REPORT_REOPENED = register(
    "report_reopened",
    label=_("Report reopened"),
    text=_(
        "The secretariat reopened the report of %(ministry)s on %(action)s for %(period)s: "
        "%(comment)s"
    ),
)

REMINDER_DUE_SOON = register(
    "reminder_due_soon",
    label=_("Report due soon"),
    text=_("The report of %(ministry)s on %(action)s for %(period)s is due on %(due)s."),
)

REMINDER_OVERDUE = register(
    "reminder_overdue",
    label=_("Report overdue"),
    text=_("The report of %(ministry)s on %(action)s for %(period)s is overdue since %(due)s."),
)

REMINDER_DRAFT_STALE = register(
    "reminder_draft_stale",
    label=_("Draft not finished"),
    text=ngettext_lazy(
        "The draft report of %(ministry)s on %(action)s for %(period)s has not been touched "
        "for %(days)s day.",
        "The draft report of %(ministry)s on %(action)s for %(period)s has not been touched "
        "for %(days)s days.",
        "days",
    ),
)

REMINDER_RETURNED_STALE = register(
    "reminder_returned_stale",
    label=_("Returned report not resubmitted"),
    text=ngettext_lazy(
        "The returned report of %(ministry)s on %(action)s for %(period)s has not been "
        "resubmitted for %(days)s day.",
        "The returned report of %(ministry)s on %(action)s for %(period)s has not been "
        "resubmitted for %(days)s days.",
        "days",
    ),
)

REMINDER_SUBMITTED_STALE = register(
    "reminder_submitted_stale",
    label=_("Report awaiting validation"),
    text=ngettext_lazy(
        "The report of %(ministry)s on %(action)s for %(period)s has waited %(days)s day "
        "for validation.",
        "The report of %(ministry)s on %(action)s for %(period)s has waited %(days)s days "
        "for validation.",
        "days",
    ),
)

# Asked by the secretariat on an action's page, or from the dashboards' compliance table.
REPORT_REQUESTED = register(
    "report_requested",
    label=_("Report requested"),
    text=_(
        "%(asked_by)s of the secretariat asks %(ministry)s to report on %(action)s for %(period)s."
    ),
)

REPORTS_REQUESTED = register(
    "reports_requested",
    label=_("Reports requested"),
    text=_(
        "%(asked_by)s of the secretariat asks %(ministry)s to send its reports for "
        "%(period)s: %(received)s of %(due)s received so far."
    ),
)

REPORT_COMMENTED = register(
    "report_commented",
    label=_("Comment on a report"),
    text=_("%(author)s commented on the report of %(ministry)s on %(action)s for %(period)s."),
)
