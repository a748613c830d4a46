"""A meeting's page written out in Python: its agenda, decisions and forms.

The same markup the template loops and crispy gave, at a fraction of the cost: the
secretariat's "Invite a person" select of every active account alone, rendered through
Django's widget templates and crispy, was a third of the page. Every value is escaped with
``html.escape`` (as ``format_html`` would escape it, without its per-value lazy-string
checks). The page's forms are never bound: a refused step redirects with a message."""

from html import escape

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext, pgettext

from coordination.models import CoordinationBody, Ministry, named_with_code
from coordination.rows import DASH, address, dates, field_options, in_language, joined
from meetings.models import AgendaItemKind, Decision, FollowUpStatus, MeetingStatus

register = template.Library()


def _minutes(number: int) -> str:
    return escape(
        ngettext("%(minutes)s minute", "%(minutes)s minutes", number) % {"minutes": number}
    )


@register.simple_tag
def matters_arising_rows(follow_ups):
    """The matters arising table's rows, written here: a template loop's per-row URL,
    filters and lookups cost more than the rest of the page. Values escaped with
    ``html.escape`` (as format_html would)."""
    statuses = {value: escape(str(label)) for value, label in FollowUpStatus.choices}
    before, after = address("meetings:follow_up")
    short_date = dates("SHORT_DATE_FORMAT")
    decision_text = in_language(Decision, "text", prefix="decision__")
    ministry_name = in_language(Ministry, "name", prefix="ministry__")
    updated_on = escape(gettext("updated %(date)s"))
    # Each cell's column name, shown above it when a row is a card (phones).
    ministry_label, status_label, due_label = (
        escape(label)
        for label in (gettext("Ministry"), gettext("Status"), pgettext("due date", "Due"))
    )

    def row(follow_up):
        text = Truncator(decision_text(follow_up)).words(25, truncate=" …")
        due = follow_up["decision__due_date"]
        ministry = named_with_code(ministry_name(follow_up), follow_up["ministry__code"])
        updated = updated_on % {"date": short_date(timezone.localdate(follow_up["updated_at"]))}
        return (
            f'<tr>\n      <td class="stack-head stack-title text-wrap-anywhere">'
            f'<a href="{before}{int(follow_up["pk"])}{after}">'
            f"{escape(follow_up['decision__code'])}</a> <bdi>{escape(text)}</bdi></td>\n"
            f'      <td class="stack-wide" data-label="{ministry_label}">{escape(ministry)}</td>'
            f'<td data-label="{status_label}">'
            f"{statuses.get(follow_up['status'], escape(follow_up['status']))}"
            f'<div class="small text-body-secondary">{updated}</div></td>\n'
            f'      <td data-label="{due_label}">{short_date(due) if due else DASH}</td>\n    </tr>'
        )

    return mark_safe("".join(row(follow_up) for follow_up in follow_ups))  # noqa: S308 - escaped


@register.simple_tag
def meeting_rows(meetings):
    """The meeting list's rows (see ``meetings.views.meetings.MeetingListView``): date and
    time, title linked to the meeting, body, status."""
    statuses = {value: escape(str(label)) for value, label in MeetingStatus.choices}
    before, after = address("meetings:meeting_detail")
    when = dates("DATETIME_FORMAT")
    body_name = in_language(CoordinationBody, "name", prefix="body__")

    def row(meeting):
        return (
            f"<tr><td>{when(timezone.localtime(meeting['start']))}</td>"
            f'<td><a href="{before}{int(meeting["pk"])}{after}">'
            f"<bdi>{escape(meeting['title'])}</bdi></a></td>"
            f"<td>{escape(body_name(meeting))}</td>"
            f"<td>{statuses.get(meeting['status'], escape(meeting['status']))}</td></tr>"
        )

    return mark_safe("\n  ".join(row(meeting) for meeting in meetings))  # noqa: S308 - escaped


@register.simple_tag
def agenda_list(items):
    """The agenda's items (see ``meetings.views.meetings.agenda_of``) as list items: title,
    kind, presenter, minutes, the actions and briefing documents it names."""
    kinds = {value: escape(str(label)) for value, label in AgendaItemKind.choices}
    action_before, action_after = address("strategy:action_detail")
    document_before, document_after = address("meetings:briefing_document")
    presenter_name = in_language(Ministry, "name", prefix="presenter_ministry__")
    rows = []
    for item in items:
        presenter = item["presenter_ministry__code"]
        if presenter:
            presenter = named_with_code(presenter_name(item), presenter)
        actions = "".join(
            f'<a class="small d-block" href="{action_before}{int(pk)}{action_after}">'
            f"{escape(code)} <bdi>{escape(title)}</bdi></a>"
            for pk, code, title in item["actions"]
        )
        documents = "".join(
            f'<div class="small"><a href="{document_before}{int(pk)}{document_after}">'
            f"{escape(name)}</a></div>"
            for pk, name in item["documents"]
        )
        rows.append(
            f'<li class="list-group-item" id="agenda-item-{int(item["pk"])}">\n'
            f"      <bdi>{escape(item['title'])}</bdi> "
            f'<span class="badge text-bg-light border">'
            f"{kinds.get(item['kind'], escape(item['kind']))}</span>\n"
            f'      <div class="small text-body-secondary">'
            f"{escape(presenter) + ' · ' if presenter else ''}"
            f"{_minutes(item['minutes_allotted'])}</div>\n"
            f"      {actions}\n      {documents}\n    </li>"
        )
    return mark_safe("\n    ".join(rows))  # noqa: S308 - escaped above


@register.simple_tag
def decision_list(decisions):
    """The meeting's decisions (see ``meetings.views.meetings.decisions_of``) as list
    items: code, text, responsible ministries, due date and follow-up status."""
    statuses = {value: escape(str(label)) for value, label in FollowUpStatus.choices}
    due = escape(gettext("due"))
    day = dates("DATE_FORMAT")
    before, after = address("meetings:decision_detail")
    rows = []
    for decision in decisions:
        due_date = decision["due_date"]
        status = decision["follow_up_status"]
        rows.append(
            f'<li class="list-group-item" id="decision-{int(decision["pk"])}">'
            f'<a class="fw-semibold" href="{before}{int(decision["pk"])}{after}">'
            f"{escape(decision['code'])}</a> "
            f'<bdi class="text-wrap-anywhere">{escape(decision["text"])}</bdi>\n'
            f'      <div class="small text-body-secondary">'
            f"{escape(joined(decision['ministries']))}"
            f"{f' · {due} ' + day(due_date) if due_date else ''}"
            f" · {statuses.get(status, escape(status))}</div></li>"
        )
    return mark_safe("\n    ".join(rows))  # noqa: S308 - escaped above


def _label(field, tag: str = "label", css: str = "form-label") -> str:
    for_id = f' for="{escape(field.auto_id)}"' if tag == "label" else ""
    if field.field.required:
        css += " requiredField"
        star = '<span class="asteriskField">*</span>'
    else:
        star = ""
    return f'<{tag}{for_id} class="{css}">{escape(str(field.label))}{star}</{tag}>'


def _required(field) -> str:
    return " required" if field.field.required else ""


def _div(field, content: str) -> str:
    return mark_safe(  # noqa: S308 - the parts are escaped
        f'<div id="div_{escape(field.auto_id)}" class="mb-3">{content}</div>'
    )


@register.simple_tag
def select_field(field):
    """A select with its label: options written by the list filters' own code."""
    return _div(
        field,
        f"{_label(field)} "
        f'<select name="{escape(field.html_name)}" class="select form-select"'
        f'{_required(field)} id="{escape(field.auto_id)}">{field_options(field)}</select>',
    )


@register.simple_tag
def input_field(field):
    """A text-like input with its label (its type and class from the field's widget)."""
    widget = field.field.widget
    value = field.value()
    value = "" if value in (None, "") else f' value="{escape(str(widget.format_value(value)))}"'
    maxlength = getattr(field.field, "max_length", None)
    maxlength = f' maxlength="{int(maxlength)}"' if maxlength else ""
    css = "datetimeinput" if widget.input_type == "datetime-local" else "textinput"
    return _div(
        field,
        f"{_label(field)} "
        f'<input type="{escape(widget.input_type)}" name="{escape(field.html_name)}"{value}'
        f'{maxlength} class="{css} form-control"'
        f'{_required(field)} id="{escape(field.auto_id)}">',
    )


@register.simple_tag
def radio_field(field):
    """Radio buttons in a fieldset, its legend the field's label."""
    value = field.value()
    current = "" if value is None else str(value)
    buttons = "".join(
        f'<div class="form-check"><input type="radio" class="form-check-input" '
        f'name="{escape(field.html_name)}" value="{escape(str(choice))}" '
        f'id="{escape(field.auto_id)}_{index}"{_required(field)}'
        f"{' checked' if str(choice) == current else ''}> "
        f'<label for="{escape(field.auto_id)}_{index}" class="form-check-label">'
        f"{escape(str(label))}</label></div>"
        for index, (choice, label) in enumerate(field.field.choices)
    )
    return _div(
        field,
        f"<fieldset>{_label(field, 'legend', 'form-label fs-6')}<div>{buttons}</div></fieldset>",
    )
