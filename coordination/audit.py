"""The audit trail (django-auditlog) in words a civil servant reads: field names and values
in the reader's language, added and removed ministries by name, no Python ``None``."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordination.models import Ministry, named_with_code
from coordination.rows import in_language, joined

# What coordination.two_factor records, as the reader's language says it.
TWO_FACTOR_FIELD = "two_factor"
TWO_FACTOR_CHANGES = {
    "enrolled": gettext_lazy("set up"),
    "backup codes replaced": gettext_lazy("new backup codes"),
    "switched off": gettext_lazy("switched off"),
    "reset": gettext_lazy("reset"),
    # A privileged account's reset waits for a second person (coordination.services).
    "reset asked": gettext_lazy("reset asked, awaiting confirmation"),
    "reset cancelled": gettext_lazy("reset cancelled"),
}
# So does a privileged account's new e-mail address (current address -> the one asked for);
# once confirmed, the e-mail field itself changes.
EMAIL_CHANGE_FIELDS = {
    "email asked": gettext_lazy("New e-mail address, awaiting confirmation"),
    "email cancelled": gettext_lazy("New e-mail address, cancelled"),
}
# A link to choose a password sent again (coordination.services).
SET_PASSWORD_LINK_FIELD = "set_password_link"  # noqa: S105 - a name, not a password
SET_PASSWORD_LINK_SENT = "sent again"  # noqa: S105
MINISTRY_GROUP_PREFIX = "ministry:"
# Groups other than the ministries' (coordination.services.SECRETARIAT_GROUP), in words.
GROUP_NAMES = {"Secretariat": gettext_lazy("Secretariat")}
# A model names a field apart from another's of the same word in a language (an action's
# "status" and a report's "state" are both "الحالة") with ``audit_labels``: {field: label}.
AUDIT_LABELS = "audit_labels"
# A model whose records are listed together in one trail (an action's indicators and their
# yearly targets) sets ``audit_names_record = True``: each entry names its record, as it
# was named when changed.
AUDIT_NAMES_RECORD = "audit_names_record"


def _value(value) -> str:
    text = str(value)
    return {"None": "–", "": "–", "True": _("yes"), "False": _("no")}.get(text, text)


def _group_names(names) -> list[str]:
    """Django groups as people know them: a ministry's by the ministry's name (and code),
    the secretariat's in the reader's language. A ministry since removed keeps its code."""
    codes = [name.removeprefix(MINISTRY_GROUP_PREFIX) for name in names]
    codes = [code for name, code in zip(names, codes, strict=True) if name != code]
    ministries = {}
    if codes:
        ministry_name = in_language(Ministry, "name")
        ministries = {
            row["code"]: named_with_code(ministry_name(row), row["code"])
            for row in Ministry.objects.filter(code__in=codes).values("code", *ministry_name.fields)
        }
    shown = []
    for name in names:
        code = name.removeprefix(MINISTRY_GROUP_PREFIX)
        if code != name:
            shown.append(ministries.get(code, code))
        else:
            shown.append(str(GROUP_NAMES.get(name, name)))
    return shown


def _names(field_name: str, objects) -> str:
    names = [str(name) for name in objects]
    if field_name == "groups":
        names = _group_names(names)
    return joined(names)


def readable_changes(entry) -> list[tuple[str, str, str]]:
    """(field, before, after) for each change of a log entry."""
    model = entry.content_type.model_class()
    labels = getattr(model, AUDIT_LABELS, {})
    shown = {str(label): values for label, values in entry.changes_display_dict.items()}
    rows = []
    for name, change in entry.changes_dict.items():
        if name == TWO_FACTOR_FIELD:
            after = str(change[-1]) if isinstance(change, list | tuple) else str(change)
            rows.append(
                (_("Two-factor authentication"), "–", str(TWO_FACTOR_CHANGES.get(after, after)))
            )
            continue
        if name == SET_PASSWORD_LINK_FIELD:
            rows.append((_("Link to choose a password"), "–", _("sent again")))
            continue
        try:
            field_label = str(model._meta.get_field(name).verbose_name)
        except (AttributeError, FieldDoesNotExist):
            field_label = str(EMAIL_CHANGE_FIELDS.get(name, name))
        label = str(labels.get(name, field_label))
        if isinstance(change, dict) and change.get("type") == "m2m":
            names = _names(name, change.get("objects", []))
            after = {
                "add": _("added: %(names)s") % {"names": names},
                "delete": _("removed: %(names)s") % {"names": names},
            }.get(change.get("operation"), _("all removed"))
            rows.append((label, "–", after))
            continue
        before, after = shown.get(field_label, change)
        rows.append((label, _value(before), _value(after)))
    return rows
