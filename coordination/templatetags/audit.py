"""The audit trail in templates, for every app's pages that show one."""

from django import template

from coordination.audit import readable_changes

register = template.Library()


@register.filter
def audit_changes(entry):
    """(field, before, after) of an audit log entry, readable (coordination.audit)."""
    return readable_changes(entry)
