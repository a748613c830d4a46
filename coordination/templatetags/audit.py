"""The audit trail in templates, for every app's pages that show one."""

from auditlog.models import LogEntry
from django import template
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.text import Truncator
from django.utils.timezone import template_localtime

from coordination.audit import readable_changes

register = template.Library()

DASH = "–"
SHOWN_CHARACTERS = 80


@register.filter
def audit_changes(entry):
    """(field, before, after) of an audit log entry, readable (coordination.audit)."""
    return readable_changes(entry)


def _changes(entry) -> str:
    return format_html_join(
        "",
        "<div><strong>{}</strong>: {} → {}</div>",
        (
            (
                field,
                Truncator(before).chars(SHOWN_CHARACTERS),
                Truncator(after).chars(SHOWN_CHARACTERS),
            )
            for field, before, after in readable_changes(entry)
        ),
    )


@register.simple_tag
def audit_rows(entries):
    """A table row for each log entry (with its actor and content type joined): when, who,
    which record and what it did, and each change, before and after, cut at 80 characters.
    Written out in Python: a page lists up to fifty entries of several changes each."""
    # get_action_display() would translate every choice to look one up, for every entry.
    actions = {value: str(label) for value, label in LogEntry.Action.choices}
    return format_html_join(
        "",
        "<tr>\n"
        "          <td>{}</td>\n"
        "          <td>{}</td>\n"
        "          <td>{} · {}</td>\n"
        '          <td class="text-wrap-anywhere">{}</td>\n'
        "        </tr>",
        (
            (
                date_format(template_localtime(entry.timestamp), "DATETIME_FORMAT"),
                entry.actor.username if entry.actor and entry.actor.username else DASH,
                entry.content_type.name,
                actions.get(entry.action, entry.action),
                _changes(entry),
            )
            for entry in entries
        ),
    )
