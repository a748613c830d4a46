"""A translated field of rows read as values, in the user's language, resolved once a page.

Rows written out in Python (a list's table) are read as values, not model instances: a model
instance costs its ``__init__``, and each translated field read through modeltranslation's
descriptor works out the language and its fallbacks again. ``in_language`` works them out
once and then picks, as the descriptor does, the first value of the resolution order that is
not empty. No template tags here."""

from modeltranslation.fields import NONE
from modeltranslation.utils import (
    build_localized_fieldname,
    fallbacks_enabled,
    get_language,
    resolution_order,
)


class in_language:  # noqa: N801 - used like a function: in_language(Model, "title")
    """``in_language(Ministry, "name", prefix="lead_ministry__")``: ``fields`` are the
    columns to read (``lead_ministry__name_ar``, ...), and calling it with a row (a dict
    of those columns) gives the name as ``ministry.name`` would, in the active language."""

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
