"""The audit trail in templates, for every app's pages that show one."""

import unicodedata
from collections import defaultdict
from html import escape

from auditlog.models import LogEntry
from django import template
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.encoding import smart_str
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.timezone import template_localtime

from coordination.audit import AUDIT_NAMES_RECORD, readable_changes
from coordination.rows import DASH, dates

register = template.Library()

SHOWN_CHARACTERS = 80


@register.filter
def audit_changes(entry):
    """(field, before, after) of an audit log entry, readable (coordination.audit)."""
    return readable_changes(entry)


class _RelatedNames:
    """The names of the records that log entries' foreign keys pointed to, read once for all
    the entries (auditlog reads them one query per value, for every entry)."""

    def __init__(self, entries):
        wanted = defaultdict(set)
        for entry in entries:
            for field, value in self._foreign_keys(entry):
                wanted[field.related_model].add(value)
        self.names = {
            model: {obj.pk: smart_str(obj) for obj in model._default_manager.filter(pk__in=pks)}
            for model, pks in wanted.items()
        }

    @staticmethod
    def _foreign_keys(entry):
        model = entry.content_type.model_class()
        for name, values in entry.changes_dict.items():
            try:
                field = model._meta.get_field(name)
            except (AttributeError, FieldDoesNotExist):
                continue
            if not (field.many_to_one or field.one_to_one) or not isinstance(values, list):
                continue
            for value in values:
                try:
                    pk = field.related_model._meta.pk.to_python(value)
                except ValidationError:
                    continue
                if pk is not None:
                    yield field, pk

    def name(self, field, value) -> str:
        """What auditlog's LogEntry._get_changes_display_for_fk_field says, from memory."""
        if value == "None":
            return value
        try:
            pk = field.related_model._meta.pk.to_python(value)
        except ValidationError:
            return value
        known = self.names.get(field.related_model, {})
        if pk in known:
            return known[pk]
        return f"Deleted '{field.related_model.__name__}' ({value})"


def _shortened(value) -> str:
    """``truncatechars``, which translates its ellipsis even for text short enough."""
    text = unicodedata.normalize("NFC", str(value))
    return text if len(text) <= SHOWN_CHARACTERS else Truncator(text).chars(SHOWN_CHARACTERS)


def _changes(entry) -> str:
    return "".join(
        f"<div><strong>{escape(field)}</strong>: {escape(_shortened(before))} → "
        f"{escape(_shortened(after))}</div>"
        for field, before, after in readable_changes(entry)
    )


@register.simple_tag
def audit_rows(entries):
    """A table row for each log entry (with its actor and content type joined): when, who,
    which record and what it did, and each change, before and after, cut at 80 characters.
    Written out in Python: a page lists up to fifty entries of several changes each. Every
    value is escaped here (format_html per row and change cost a fifth of the page)."""
    # get_action_display() would translate every choice to look one up, for every entry.
    actions = {value: escape(str(label)) for value, label in LogEntry.Action.choices}
    entries = list(entries)
    related = _RelatedNames(entries)
    when = dates("DATETIME_FORMAT")
    kinds = {}
    rows = []
    for entry in entries:
        # Shadows the method that changes_display_dict calls for each foreign key value.
        entry._get_changes_display_for_fk_field = related.name
        kind = kinds.get(entry.content_type_id)
        if kind is None:
            kind = kinds[entry.content_type_id] = (
                escape(str(entry.content_type.name)),
                getattr(entry.content_type.model_class(), AUDIT_NAMES_RECORD, False),
            )
        record = kind[0]
        if kind[1]:
            record = f"{record} <bdi>{escape(entry.object_repr)}</bdi>"
        who = entry.actor.username if entry.actor and entry.actor.username else DASH
        action = actions.get(entry.action) or escape(str(entry.action))
        rows.append(
            "<tr>\n"
            f"          <td>{when(template_localtime(entry.timestamp))}</td>\n"
            f"          <td>{escape(who)}</td>\n"
            f"          <td>{record} · {action}</td>\n"
            f'          <td class="text-wrap-anywhere">{_changes(entry)}</td>\n'
            "        </tr>"
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value is escaped above
