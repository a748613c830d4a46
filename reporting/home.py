"""The home page's lists, read with only the columns they show and written out in Python.

Each list holds up to ten records; through the template engine each item cost a
``{% url %}``, a date filter and a dozen variable lookups, a third of the page's time. Here
each list reverses its address once, formats each date once and escapes each value as
format_html would, without its checks (about 30 µs an item; see coordination.rows): the
same markup and text as the template gave."""

import functools

from django.db.models import F
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

from coordination import access
from coordination.rows import address, dates, escaped, translated_columns
from meetings.models import Decision, FollowUpStatus
from strategy.models import ProgressUpdate, ReportState, period_name


def _list(items, template: str, rows) -> str:
    """The list items: ``template`` filled with each row's values, escaped."""
    if not items:
        return ""
    return mark_safe(  # noqa: S308 - every value is escaped
        "\n      ".join(template.format(*map(escaped, row)) for row in rows)
    )


def overdue_actions(actions):
    """The ten overdue actions of ``actions`` (the user's, restricted) due the longest, as
    list items."""
    actions = list(
        actions.overdue()
        .select_related("lead_ministry")
        .only(
            "pk",
            "code",
            *translated_columns("title"),
            "due_date",
            "lead_ministry__code",
            *translated_columns("lead_ministry__name"),
        )
        .order_by("due_date")[:10]
    )
    before, after = address("strategy:action_detail")
    due = gettext("due")
    day = dates("DATE_FORMAT")
    return _list(
        actions,
        '<li class="list-group-item"><a href="{}{}{}">{} {}</a>\n'
        '        <div class="small text-body-secondary">{} · {} {}</div></li>',
        (
            (
                before,
                action.pk,
                after,
                action.code,
                action.title,
                action.lead_ministry.named,
                due,
                day(action.due_date),
            )
            for action in actions
        ),
    )


def upcoming_meetings(meetings):
    """The next five of ``meetings`` (those the user may see), as list items."""
    meetings = list(
        meetings.upcoming()
        .select_related("body")
        .only("pk", *translated_columns("title"), "start", *translated_columns("body__name"))
        .order_by("start")[:5]
    )
    before, after = address("meetings:meeting_detail")
    when = dates("DATETIME_FORMAT")
    return _list(
        meetings,
        '<li class="list-group-item"><a href="{}{}{}">{}</a>\n'
        '        <div class="small text-body-secondary">{} · {}</div></li>',
        (
            (
                before,
                meeting.pk,
                after,
                meeting.title,
                meeting.body.name,
                when(template_localtime(meeting.start)),
            )
            for meeting in meetings
        ),
    )


def overdue_decisions(user):
    """The user's ten overdue decisions due the longest, as list items linking to each
    decision's page. A ministry's are those on which its own follow-up is late (and their
    status is that follow-up's), whatever the other ministries did."""
    decisions = Decision.objects.restrict(user)
    if access.reads_everything(user):
        decisions = decisions.overdue().annotate(own_status=F("follow_up_status"))
    else:
        decisions = decisions.overdue_for(access.ministry_ids(user))
    decisions = list(
        decisions.only("pk", "code", *translated_columns("text"), "due_date").order_by("due_date")[
            :10
        ]
    )
    before, after = address("meetings:decision_detail")
    due = gettext("due")
    day = dates("DATE_FORMAT")
    statuses = {status.value: status.label for status in FollowUpStatus}
    return _list(
        decisions,
        '<li class="list-group-item">{} {}\n'
        '        <div class="small text-body-secondary">{} {} · {}</div></li>',
        (
            (
                format_html('<a href="{}{}{}">{}</a>', before, decision.pk, after, decision.code),
                Truncator(decision.text).words(20, truncate=" …"),
                due,
                day(decision.due_date),
                statuses.get(decision.own_status, decision.own_status),
            )
            for decision in decisions
        ),
    )


REPORT_FIELDS = (
    "pk",
    "action",
    "ministry",
    "period_start",
    "period_end",
    "state",
    "action__code",
    *translated_columns("action__title"),
    "ministry__code",
    *translated_columns("ministry__name"),
)


def reports_to_review(user):
    """The ten submitted reports waiting longest, for those who validate them."""
    reports = (
        ProgressUpdate.objects.restrict(user)
        .filter(state=ReportState.SUBMITTED)
        .order_by("submitted_at", "pk")
        .select_related("action", "ministry")
        .only(*REPORT_FIELDS)[:10]
    )
    return _report_items(
        reports, lambda report, period, state: (report.ministry.named, period, state)
    )


def reports_to_finish(user):
    """The ten oldest drafts and returned reports of the user's ministries, each saying
    whose it is and for which ministry: a focal point may act for several ministries, and a
    ministry has several focal points."""
    # Drafts and returned reports are read only by their own ministry: of the reports the
    # user may see, those whose history they read (with_history_readable_by leaves out the
    # validated reports of other ministries, and with them an OR and a second subquery of
    # the visible actions). The ministry condition is then plain to the planner, and the
    # partial index report_open_by_ministry reads the first ten in period order.
    reports = (
        ProgressUpdate.objects.with_history_readable_by(user)
        .filter(state__in=[ReportState.DRAFT, ReportState.RETURNED])
        .order_by("period_start", "pk")
        .select_related("action", "ministry", "created_by")
        .only(
            *REPORT_FIELDS,
            "created_by__username",
            "created_by__first_name",
            "created_by__last_name",
        )[:10]
    )
    return _report_items(
        reports, lambda report, period, state: (period, state, _whose(report, user))
    )


def _whose(report, user) -> str:
    ministry = report.ministry.name
    author = report.created_by
    if author is None:
        return gettext("for %(ministry)s") % {"ministry": ministry}
    if author.pk == user.pk:
        return gettext("by you, for %(ministry)s") % {"ministry": ministry}
    return gettext("by %(name)s, for %(ministry)s") % {
        "name": author.get_full_name() or author.get_username(),
        "ministry": ministry,
    }


def _report_items(reports, details):
    """The reports as list items; ``details(report, period, state)`` gives the three parts
    of an item's second line (the period named by its months)."""
    reports = list(reports)
    before, after = address("strategy:action_detail")
    states = {state.value: state.label for state in ReportState}
    period = functools.cache(period_name)
    return _list(
        reports,
        '<li class="list-group-item"><a href="{}{}{}#report-{}">{} <bdi>{}</bdi></a>\n'
        '    <div class="small text-body-secondary">{} · {} · {}</div></li>',
        (
            (
                before,
                report.action_id,
                after,
                report.pk,
                report.action.code,
                report.action.title,
                *details(
                    report,
                    period(report.period_start, report.period_end),
                    states.get(report.state, report.state),
                ),
            )
            for report in reports
        ),
    )
