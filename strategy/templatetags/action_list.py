"""The rows of the priority action list, written out in Python.

A row is eight cells of lookups, badges and dates; through the template engine the 25 rows
of a page cost about as much as the whole rest of the request (a ``{% url %}``, a dozen
variable lookups and as many ``localize`` calls each)."""

import datetime

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from strategy.models import ActionStatus, ReportState
from strategy.templatetags.portal import state_badge, status_badge

register = template.Library()

DASH = "–"
# A stand-in id, replaced by each row's own: one reverse() for the page instead of one a row.
_ID = 2147483647


def _supporting(action) -> str:
    ministries = action.supporting_list
    if not ministries:
        return DASH
    return format_html_join(
        ", ", '<abbr title="{}">{}</abbr>', ((m.name, m.code) for m in ministries)
    )


class _Words:
    """What every row says alike (badges, labels), translated and written once for the list."""

    def __init__(self):
        self.statuses = {status: status_badge(status) for status in ActionStatus}
        self.states = {state: state_badge(state) for state in ReportState}
        self.overdue = format_html(
            ' <span class="badge text-bg-danger">{}</span>', gettext("Overdue")
        )
        self.report_overdue = format_html(
            '<div><span class="badge text-bg-danger">{}</span></div>', gettext("Report overdue")
        )
        self.report_due = format_html(
            '<div><span class="badge text-bg-warning">{}</span></div>',
            gettext("Report due this period"),
        )


def _due(action, today: datetime.date, words: _Words) -> str:
    due = date_format(action.due_date, "SHORT_DATE_FORMAT")
    return format_html("{}{}", due, words.overdue) if action.is_overdue(today) else due


def _last_report(action, words: _Words) -> str:
    if action.last_report_state:
        last = format_html(
            "{} {}",
            date_format(action.last_report_period, "Y-m"),
            words.states[action.last_report_state],
        )
    else:
        last = DASH
    return format_html(
        "{}\n{}\n{}",
        last,
        words.report_overdue if action.report_overdue else "",
        words.report_due if action.report_due else "",
    )


@register.simple_tag
def action_rows(actions):
    """A ``<tr>`` for each action of the list (annotated by ``with_reporting``, its
    supporting ministries in ``supporting_list``, see ActionListView): code, title
    and pillar, lead and supporting ministries, status, completion, due date and the last
    report, with the badges that call for attention."""
    today = timezone.localdate()
    url = reverse("strategy:action_detail", args=[_ID])
    before, after = url.split(str(_ID))
    words = _Words()
    return format_html_join(
        "\n",
        "    <tr>\n"
        "      <td>{}</td>\n"
        '      <td class="text-wrap-anywhere"><a href="{}{}{}">{}</a>'
        '<div class="small text-body-secondary">{}. {}</div></td>\n'
        '      <td><abbr title="{}">{}</abbr></td>\n'
        "      <td>{}</td>\n"
        "      <td>{}</td>\n"
        "      <td>{}%</td>\n"
        "      <td>{}</td>\n"
        "      <td>{}</td>\n"
        "    </tr>",
        (
            (
                action.code,
                before,
                action.pk,
                after,
                action.title,
                action.pillar.number,
                action.pillar.title,
                action.lead_ministry.name,
                action.lead_ministry.code,
                _supporting(action),
                words.statuses[action.status],
                action.percent_complete,
                _due(action, today, words),
                _last_report(action, words),
            )
            for action in actions
        ),
    )
