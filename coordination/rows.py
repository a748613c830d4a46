"""What every app's lists written out in Python share: addresses, dates, escaping, names in
the user's language and select options.

Why rows are written in Python: through the template engine each row of a list costs a
``{% url %}``, a dozen variable lookups and as many ``localize`` calls and filters; for the
25 to 50 rows of a list (or the hundreds of options of a select) that is more than the rest
of the page. So long lists are read as values (no model instances) and written out with
f-strings, each value escaped with ``html.escape`` as ``format_html`` would escape it (its
per-value lazy-string checks cost more than the escaping), with the same markup as the
template gave. What is alike for every row is worked out once for the list: an address is
reversed once, a date formatted once, a translated field's languages resolved once."""

import html

from django.conf import settings
from django.urls import reverse
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext
from modeltranslation.fields import NONE
from modeltranslation.utils import (
    build_localized_fieldname,
    fallbacks_enabled,
    get_language,
    resolution_order,
)

DASH = "–"
# A stand-in id, replaced by each record's own: one reverse() for a list, not one a row.
_STAND_IN_ID = 2147483647


def escaped(value) -> str:
    """``value`` as format_html writes it: markup (anything with ``__html__``) as it is,
    anything else escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def address(name: str) -> tuple[SafeString, SafeString]:
    """What comes before and after a record's id in the addresses of the URL ``name``,
    escaped (safe in f-strings and in format_html alike): ``f"{before}{pk}{after}"``."""
    before, after = reverse(name, args=[_STAND_IN_ID]).split(str(_STAND_IN_ID))
    return mark_safe(html.escape(before)), mark_safe(html.escape(after))  # noqa: S308


def dates(format_name: str):
    """A function writing dates (or datetimes, already in local time) in ``format_name``
    (``"SHORT_DATE_FORMAT"``, or a format such as ``"Y-m"``), escaped: the format is looked
    up once and each distinct value formatted once for the list (a list's rows share a few
    dates; a date costs about 20 µs to format). What ``date_format`` gives."""
    date_format = get_format(format_name)
    written = {}

    def write(value) -> SafeString:
        text = written.get(value)
        if text is None:
            text = written[value] = mark_safe(  # noqa: S308 - escaped
                html.escape(dateformat.format(value, date_format))
            )
        return text

    return write


def translated_columns(field: str) -> tuple[str, ...]:
    """The columns of a translated field (``field`` may be a path: ``action__title``) in
    every language, for ``only()`` and ``values()``: a value in the user's language falls
    back to the others without another query."""
    return tuple(build_localized_fieldname(field, code) for code, _name in settings.LANGUAGES)


class in_language:  # noqa: N801 - used like a function: in_language(Model, "title")
    """A translated field of rows read as values, in the active language, as
    modeltranslation's descriptor would give it on a model instance.

    ``in_language(Ministry, "name", prefix="lead_ministry__")``: ``fields`` are the columns to
    read (``lead_ministry__name_ar``, ...), and calling it with a row (a dict of those
    columns) gives the name as ``ministry.name`` would. A model instance costs its
    ``__init__``, and the descriptor works out the language and its fallbacks for every
    value; here they are worked out once, then the first value of the resolution order that
    is not empty is picked, as the descriptor does."""

    def __init__(self, model, field_name: str, *, prefix: str = ""):
        descriptor = getattr(model, field_name)
        default = NONE
        undefined = descriptor.fallback_undefined
        if undefined is NONE:
            default = undefined = descriptor.field.get_default()
        self.undefined = undefined
        if fallbacks_enabled() and descriptor.fallback_value is not NONE:
            self.otherwise = descriptor.fallback_value
        else:
            self.otherwise = descriptor.field.get_default() if default is NONE else default
        languages = resolution_order(get_language(), descriptor.fallback_languages)
        self.fields = tuple(
            prefix + build_localized_fieldname(field_name, language) for language in languages
        )

    def __call__(self, row: dict):
        for name in self.fields:
            value = row[name]
            if value is not None and value != self.undefined:
                return value
        return self.otherwise


def options(choices, selected: str) -> SafeString:
    """The ``<option>``s of (value, label) ``choices``, the one whose value (as text) is
    ``selected`` marked so; labels that are markup kept as they are."""
    written = []
    for value, label in choices:
        value = str(value)
        mark = " selected" if value == selected else ""
        written.append(f'<option value="{html.escape(value)}"{mark}>{escaped(label)}</option>')
    # Every value and label above is escaped; format_html per option cost twice as much.
    return mark_safe("".join(written))  # noqa: S308


def field_options(field) -> SafeString:
    """The ``<option>``s of a bound form field's choices, its value selected."""
    value = field.value()
    return options(field.field.choices, "" if value is None else str(value))


def joined(texts) -> str:
    """Texts as one list in the active language: "، " between them in Arabic and Kurdish."""
    return pgettext("list separator", ", ").join(str(text) for text in texts)
