"""The strategy's vocabulary: statuses, report states and the rules stated in them."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    DELAYED = "delayed", _("Delayed")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


# Bootstrap colour of each status: the traffic light the steering body reads at a glance.
STATUS_COLOURS = {
    ActionStatus.NOT_STARTED: "secondary",
    ActionStatus.ON_TRACK: "success",
    ActionStatus.AT_RISK: "warning",
    ActionStatus.DELAYED: "danger",
    ActionStatus.COMPLETED: "primary",
    ActionStatus.CANCELLED: "dark",
}
OPEN_STATUSES = (
    ActionStatus.NOT_STARTED,
    ActionStatus.ON_TRACK,
    ActionStatus.AT_RISK,
    ActionStatus.DELAYED,
)


def owes_report_for(period_end: datetime.date) -> Q:
    """Actions that owe a report for a period ending on ``period_end``: started by then and
    still open."""
    return Q(status__in=OPEN_STATUSES, start_date__lte=period_end)


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class RouteStage(models.TextChoices):
    """Whole of route: migrants departing, in transit, abroad, and returning."""

    DEPARTURE = "departure", _("Departure")
    TRANSIT = "transit", _("Transit")
    ABROAD = "abroad", _("Abroad")
    RETURN = "return", pgettext_lazy("whole-of-route stage", "Return")


def period_name(start: datetime.date, end: datetime.date) -> str:
    """A period as its months in the active language ("تموز – أيلول 2026", "July – September
    2026", "December 2026 – February 2027", "July 2026"): words, which keep their order
    inside right-to-left text where "2026-07 – 2026-09" reads backwards. The month names
    are Django's (``date_format``'s "F"), translated to those used in Iraq."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{MONTHS[start.month]} {start.year}"
    if start.year == end.year:
        return f"{MONTHS[start.month]} – {MONTHS[end.month]} {end.year}"
    return f"{MONTHS[start.month]} {start.year} – {MONTHS[end.month]} {end.year}"


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    VALIDATED = "validated", _("Validated")
    RETURNED = "returned", _("Returned")


# A report counts as sent for its period once submitted, whatever the review says next.
SENT_STATES = (ReportState.SUBMITTED, ReportState.VALIDATED)


class ReportEventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    VALIDATED = "validated", _("Validated")
    RETURNED = "returned", _("Returned")
    REOPENED = "reopened", _("Reopened")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReminderStage(models.TextChoices):
    DUE_SOON = "due_soon", _("Due within 7 days")
    OVERDUE = "overdue", _("Overdue")
    DRAFT_STALE = "draft_stale", _("Draft untouched")
    RETURNED_STALE = "returned_stale", _("Returned, not resubmitted")
    SUBMITTED_STALE = "submitted_stale", _("Awaiting validation")
