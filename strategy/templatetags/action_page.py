"""The progress reports of an action's page, written out in Python.

An action gathers a report per period and ministry (about twenty after five years); through the
template engine each one cost a ``{% url %}``, two ``{% blocktranslate %}`` and a dozen
lookups, most of the page's time."""

from html import escape

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from coordination.rows import DASH, address, dates
from strategy.models import ActionStatus, ReportState, period_name
from strategy.templatetags.portal import state_badge

register = template.Library()


class _Words:
    """What every report's item says alike, translated (and escaped) once for the list."""

    def __init__(self):
        self.support_needed = escape(gettext("Support needed:"))
        self.states = {state: escape(str(state.label)) for state in ReportState}
        self.badges = {state: state_badge(state) for state in ReportState}
        self.statuses = {status: escape(str(status.label)) for status in ActionStatus}
        self.submitted = gettext("Submitted by %(who)s on %(when)s")
        self.reviewed = gettext("%(state)s by %(who)s on %(when)s")
        self.datetime = dates("DATETIME_FORMAT")

    def when(self, value) -> str:
        return self.datetime(template_localtime(value))


def _report(report: dict, link: tuple[str, str], words: _Words) -> str:
    """One report's item; every value is escaped here, the catalogue's texts are ours
    (trusted like a template), as ``{% blocktranslate %}`` has them."""
    narrative = (
        f'<p class="mb-1 mt-2 text-wrap-anywhere" dir="auto">'
        f"{linebreaksbr(report['narrative'], autoescape=True)}</p>"
        if report["narrative"]
        else ""
    )
    support = (
        f'<p class="mb-1 small text-wrap-anywhere"><strong>{words.support_needed}</strong> '
        f"<bdi>{escape(report['support_needed'])}</bdi></p>"
        if report["support_needed"]
        else ""
    )
    submitted = (
        words.submitted
        % {
            "who": f"<bdi>{escape(report['submitted_by__username'] or DASH)}</bdi>",
            "when": words.when(report["submitted_at"]),
        }
        if report["submitted_at"]
        else ""
    )
    reviewed = (
        " · "
        + words.reviewed
        % {
            "who": f"<bdi>{escape(report['reviewed_by__username'] or DASH)}</bdi>",
            "when": words.when(report["reviewed_at"]),
            "state": words.states[report["state"]],
        }
        if report["reviewed_at"]
        else ""
    )
    period = escape(period_name(report["period_start"], report["period_end"]))
    return (
        f'        <li class="list-group-item" id="report-{report["pk"]}">\n'
        '          <div class="d-flex flex-wrap gap-2 align-items-center">\n'
        f'            <a href="{link[0]}{report["pk"]}{link[1]}"><strong>{period}</strong></a>\n'
        f"            <span>{escape(report['ministry__code'])}</span>\n"
        f"            {words.badges[report['state']]}\n"
        f"            <span>{words.statuses[report['status']]} · "
        f"{report['percent_complete']}%</span>\n"
        "          </div>\n"
        f"          {narrative}\n"
        f"          {support}\n"
        '          <div class="small text-body-secondary">\n'
        f"            {submitted}\n"
        f"            {reviewed}\n"
        "          </div>\n"
        "        </li>"
    )


@register.simple_tag
def report_items(reports):
    """An ``<li>`` for each report (a row of values, see ActionDetailView): period,
    ministry, state, status and completion, narrative, support asked for, and who submitted
    and reviewed it when; a line saying there is none the user may see otherwise."""
    reports = list(reports)
    if not reports:
        return format_html(
            '<li class="list-group-item">{}</li>', gettext("No progress report you may see yet.")
        )
    link = address("strategy:report_detail")
    words = _Words()
    items = "\n".join(_report(report, link, words) for report in reports)
    return mark_safe(items)  # noqa: S308 - every value is escaped in _report
