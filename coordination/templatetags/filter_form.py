"""A list page's filter form, written out in Python.

The same markup as a template loop gave, at a fraction of the cost: a list's filters hold
selects of every ministry and pillar (over a hundred options), and the template engine's
per-option lookups, filters and escaping cost a list page a third of its time."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from coordination.rows import field_options

register = template.Library()


def _invalid(field) -> tuple[str, str]:
    """The class suffix and the attribute that tie an invalid field to its message."""
    if not field.errors:
        return "", ""
    return " is-invalid", format_html(' aria-describedby="{}-error"', field.auto_id)


def _field(field) -> str:
    if field.widget_type == "checkbox":
        return format_html(
            '<div class="form-check mt-4"><input type="checkbox" class="form-check-input" '
            'name="{}" id="{}"{}> <label class="form-check-label" for="{}">{}</label></div>',
            field.html_name,
            field.auto_id,
            mark_safe(" checked") if field.value() else "",
            field.auto_id,
            field.label,
        )
    css, described_by = _invalid(field)
    label = format_html('<label class="form-label" for="{}">{}</label>', field.auto_id, field.label)
    if field.widget_type == "select":
        control = format_html(
            '<select name="{}" id="{}" class="form-select{}"{}>{}</select>',
            field.html_name,
            field.auto_id,
            css,
            described_by,
            field_options(field),
        )
    else:
        value = field.value()
        control = format_html(
            '<input type="search" name="{}" id="{}" value="{}" class="form-control{}"{}>',
            field.html_name,
            field.auto_id,
            "" if value is None else value,
            css,
            described_by,
        )
    errors = format_html_join(
        "",
        '<div class="invalid-feedback d-block" id="{}-error">{}</div>',
        ((field.auto_id, error) for error in field.errors),
    )
    return format_html("\n  {}\n  {}\n  {}\n  ", label, control, errors)


@register.simple_tag
def filter_fields(form):
    """Each field of ``form`` in a grid column: label, control (a select, a checkbox, or a
    search box for anything else) and its error messages, tied to it for screen readers."""
    return format_html_join(
        "",
        '\n<div class="col-sm-6 col-lg">{}</div>\n',
        ((_field(field),) for field in form),
    )
