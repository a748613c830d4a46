"""The audit trail (django-auditlog) in words a civil servant reads: field names and values
in the reader's language, added and removed ministries by name, no Python ``None``."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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
MINISTRY_GROUP_PREFIX = "ministry:"


def _value(value) -> str:
    text = str(value)
    return {"None": "–", "": "–", "True": _("yes"), "False": _("no")}.get(text, text)


def _names(objects) -> str:
    return ", ".join(str(name).removeprefix(MINISTRY_GROUP_PREFIX) for name in objects)


def readable_changes(entry) -> list[tuple[str, str, str]]:
    """(field, before, after) for each change of a log entry."""
    model = entry.content_type.model_class()
    shown = {str(label): values for label, values in entry.changes_display_dict.items()}
    rows = []
    for name, change in entry.changes_dict.items():
        if name == TWO_FACTOR_FIELD:
            after = str(change[-1]) if isinstance(change, list | tuple) else str(change)
            rows.append(
                (_("Two-factor authentication"), "–", str(TWO_FACTOR_CHANGES.get(after, after)))
            )
            continue
        try:
            label = str(model._meta.get_field(name).verbose_name)
        except (AttributeError, FieldDoesNotExist):
            label = str(EMAIL_CHANGE_FIELDS.get(name, name))
        if isinstance(change, dict) and change.get("type") == "m2m":
            names = _names(change.get("objects", []))
            after = {
                "add": _("added: %(names)s") % {"names": names},
                "delete": _("removed: %(names)s") % {"names": names},
            }.get(change.get("operation"), _("all removed"))
            rows.append((label, "–", after))
            continue
        before, after = shown.get(label, change)
        rows.append((label, _value(before), _value(after)))
    return rows
