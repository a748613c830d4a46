"""The rows of the priority action list, written out in Python.

A row is eight cells of lookups, badges and dates; through the template engine the 25 rows
of a page cost about as much as the whole rest of the request (a ``{% url %}``, a dozen
variable lookups and as many ``localize`` calls each)."""

import functools
from html import escape

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from coordination.models import named_with_code
from coordination.rows import DASH, address, dates
from strategy.models import OPEN_STATUSES, ActionStatus, ReportState, period_name
from strategy.templatetags.portal import state_badge, status_badge

register = template.Library()


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
        # Each cell's column name, shown above its value when a row is a card (phones).
        self.labels = {
            name: escape(label)
            for name, label in (
                ("lead", gettext("Lead ministry")),
                ("supporting", gettext("Supporting ministries")),
                ("status", gettext("Status")),
                ("complete", gettext("Complete")),
                ("due", gettext("Due")),
                ("last_report", gettext("Last report")),
            )
        }


def _supporting(row) -> str:
    if not row["supporting"]:
        return DASH
    return ", ".join(
        f'<abbr title="{escape(name)}">{escape(code)}</abbr>' for name, code in row["supporting"]
    )


def _period(start, end) -> str:
    """A period's name, escaped (a list's rows share a few periods)."""
    return escape(period_name(start, end))


def _last_report(row, words: _Words, periods) -> str:
    if row["last_report_state"]:
        period = periods(row["last_report_period"], row["last_report_period_end"])
        last = f"{period} {words.states[row['last_report_state']]}"
    else:
        last = DASH
    overdue = words.report_overdue if row["report_overdue"] else ""
    due = words.report_due if row["report_due"] else ""
    return f"{last}\n{overdue}\n{due}"


def _row(row, link: tuple[str, str], today, words: _Words, days, periods):
    due = days(row["due_date"])
    if row["status"] in OPEN_STATUSES and row["due_date"] < today:
        due += words.overdue
    label = words.labels
    return (
        "    <tr>\n"
        f'      <td class="stack-code fw-semibold">{escape(row["code"])}</td>\n'
        f'      <td class="stack-head stack-title text-wrap-anywhere">'
        f'<a href="{link[0]}{row["pk"]}{link[1]}"><bdi>{escape(row["title"])}</bdi></a>'
        f'<div class="small text-body-secondary">{row["pillar__number"]}. '
        f"{escape(row['pillar_title'])}</div></td>\n"
        f'      <td data-label="{label["lead"]}">'
        f"{escape(named_with_code(row['lead_name'], row['lead_ministry__code']))}</td>\n"
        f'      <td data-label="{label["supporting"]}">{_supporting(row)}</td>\n'
        f'      <td class="stack-corner" data-label="{label["status"]}">'
        f"{words.statuses[row['status']]}</td>\n"
        f'      <td data-label="{label["complete"]}">{row["percent_complete"]}%</td>\n'
        f'      <td class="stack-key" data-label="{label["due"]}">{due}</td>\n'
        f'      <td data-label="{label["last_report"]}">{_last_report(row, words, periods)}</td>\n'
        "    </tr>"
    )


@register.simple_tag
def action_rows(actions):
    """A ``<tr>`` for each action of the list (a row of values, see
    ActionListView.page_rows): code, title and pillar, lead and supporting ministries,
    status, completion, due date and the last report, with the badges that call for
    attention. Every value is escaped here (format_html per cell cost a quarter of the
    page)."""
    today = timezone.localdate()
    link = address("strategy:action_detail")
    words = _Words()
    days, periods = dates("SHORT_DATE_FORMAT"), functools.cache(_period)
    rows = "\n".join(_row(row, link, today, words, days, periods) for row in actions)
    return mark_safe(rows)  # noqa: S308 - every value is escaped in _row
