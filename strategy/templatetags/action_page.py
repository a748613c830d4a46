"""The progress reports of an action's page, written out in Python.

An action gathers a report per period and ministry (about twenty after five years); through the
template engine each one cost a ``{% url %}``, two ``{% blocktranslate %}`` and a dozen
lookups, most of the page's time."""

from django import template
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from strategy.models import ActionStatus, ReportState
from strategy.templatetags.portal import state_badge

register = template.Library()

DASH = "–"
# A stand-in id, replaced by each report's own: one reverse() for the list.
_ID = 2147483647


def _when(value) -> str:
    return date_format(template_localtime(value), "DATETIME_FORMAT")


def _translated(message: str, **values) -> str:
    """As ``{% blocktranslate %}`` gives it: the values escaped, the catalogue's text as
    it is (ours, trusted like a template)."""
    escaped = {name: conditional_escape(value) for name, value in values.items()}
    return mark_safe(gettext(message) % escaped)  # noqa: S308 - every value is escaped


class _Words:
    """What every report's item says alike, translated once for the list."""

    def __init__(self):
        self.support_needed = gettext("Support needed:")
        self.states = {state: state.label for state in ReportState}
        self.badges = {state: state_badge(state) for state in ReportState}
        self.statuses = {status: status.label for status in ActionStatus}


def _report(report, before: str, after: str, words: _Words) -> str:
    narrative = (
        format_html(
            '<p class="mb-1 mt-2 text-wrap-anywhere">{}</p>',
            linebreaksbr(report.narrative, autoescape=True),
        )
        if report.narrative
        else ""
    )
    support = (
        format_html(
            '<p class="mb-1 small text-wrap-anywhere"><strong>{}</strong> {}</p>',
            words.support_needed,
            report.support_needed,
        )
        if report.support_needed
        else ""
    )
    submitted = (
        _translated(
            "Submitted by %(who)s on %(when)s",
            who=report.submitted_by.username if report.submitted_by else DASH,
            when=_when(report.submitted_at),
        )
        if report.submitted_at
        else ""
    )
    reviewed = (
        format_html(
            " · {}",
            _translated(
                "%(state)s by %(who)s on %(when)s",
                who=report.reviewed_by.username if report.reviewed_by else DASH,
                when=_when(report.reviewed_at),
                state=words.states[report.state],
            ),
        )
        if report.reviewed_at
        else ""
    )
    return format_html(
        '        <li class="list-group-item" id="report-{}">\n'
        '          <div class="d-flex flex-wrap gap-2 align-items-center">\n'
        '            <a href="{}{}{}"><strong>{}</strong></a>\n'
        "            <span>{}</span>\n"
        "            {}\n"
        "            <span>{} · {}%</span>\n"
        "          </div>\n"
        "          {}\n"
        "          {}\n"
        '          <div class="small text-body-secondary">\n'
        "            {}\n"
        "            {}\n"
        "          </div>\n"
        "        </li>",
        report.pk,
        before,
        report.pk,
        after,
        report.period_label,
        report.ministry.code,
        words.badges[report.state],
        words.statuses[report.status],
        report.percent_complete,
        narrative,
        support,
        submitted,
        reviewed,
    )


@register.simple_tag
def report_items(reports):
    """An ``<li>`` for each report (with its ministry, submitter and reviewer joined): period,
    ministry, state, status and completion, narrative, support asked for, and who submitted
    and reviewed it when; a line saying there is none the user may see otherwise."""
    reports = list(reports)
    if not reports:
        return format_html(
            '<li class="list-group-item">{}</li>', gettext("No progress report you may see yet.")
        )
    before, after = reverse("strategy:report_detail", args=[_ID]).split(str(_ID))
    words = _Words()
    return format_html_join(
        "\n", "{}", ((_report(report, before, after, words),) for report in reports)
    )
