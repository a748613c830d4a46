from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from search.documents import query_terms

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10


class SearchForm(forms.Form):
    """What to search for, cleaned into its normalised terms (see query_terms)."""

    q = forms.CharField(
        label=_("Search for"),
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        error_messages={
            "required": _("Type a word to search for."),
            "max_length": ngettext_lazy(
                "Type at most %(limit_value)d character (this search has %(show_value)d).",
                "Type at most %(limit_value)d characters (this search has %(show_value)d).",
                "limit_value",
            ),
        },
    )

    def clean_q(self):
        terms = query_terms(self.cleaned_data["q"])
        if not terms:
            raise ValidationError(
                _("Type a word to search for: letters or digits."), code="no_terms"
            )
        if len(terms) > MAX_TERMS:
            raise ValidationError(
                ngettext(
                    "Type at most %(count)d word.", "Type at most %(count)d words.", MAX_TERMS
                ),
                code="too_many",
                params={"count": MAX_TERMS},
            )
        return terms
