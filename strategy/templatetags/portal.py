"""Small filters for markup repeated on every row of a list: a filter costs a fraction of
an {% include %} per row."""

from django import template
from django.utils.html import format_html

from strategy.models import STATUS_COLOURS, ActionStatus, ReportState, period_name

register = template.Library()

STATE_COLOURS = {
    ReportState.DRAFT: "secondary",
    ReportState.SUBMITTED: "info",
    ReportState.VALIDATED: "success",
    ReportState.RETURNED: "warning",
}


@register.filter
def status_badge(status: str):
    """The traffic-light badge of an action status."""
    if not status:
        return ""
    status = ActionStatus(status)
    return format_html(
        '<span class="badge text-bg-{}">{}</span>', STATUS_COLOURS[status], status.label
    )


@register.filter
def state_badge(state: str):
    """The badge of a report's state (draft, submitted, validated, returned)."""
    if not state:
        return ""
    state = ReportState(state)
    return format_html(
        '<span class="badge text-bg-{}">{}</span>', STATE_COLOURS[state], state.label
    )


@register.simple_tag
def period(start, end) -> str:
    """A reporting period by its months in the active language ("تموز – أيلول 2026")."""
    return period_name(start, end)
