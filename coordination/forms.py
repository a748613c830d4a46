from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from coordination import access
from coordination.uploads import CheckedUpload, check_document

# Arabic-Indic and Persian digits, the Arabic decimal separator; the Arabic thousands
# separator is dropped, as Django's number fields do not take one.
WESTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.", "٬")
NUMERIC_FIELDS = (
    forms.IntegerField,
    forms.DecimalField,
    forms.FloatField,
    forms.DateField,
    forms.DateTimeField,
    forms.TimeField,
)


def western_digits(value):
    return value.translate(WESTERN_DIGITS) if isinstance(value, str) else value


class WesternDigitsMixin:
    """Numbers and dates typed with Arabic-Indic digits (٤٥٫٥, ٢٠٢٦-١٠-١٥) are read as
    45.5 and 2026-10-15. Only number and date fields: free text stays as it was written.
    Done when the form is cleaned, so fields a form adds in its own __init__ count too."""

    def full_clean(self):
        for field in self.fields.values():
            if isinstance(field, NUMERIC_FIELDS) and not getattr(field, "reads_arabic", False):
                original = field.to_python
                field.to_python = lambda value, original=original: original(western_digits(value))
                field.reads_arabic = True
        super().full_clean()


class ScopedModelForm(WesternDigitsMixin, forms.ModelForm):
    """A model form for one user: every choice of a related record is narrowed to what that
    user may see, so a crafted POST naming another ministry's record is refused as an
    invalid choice."""

    submit_label = _("Save")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset, "restrict"):
                field.queryset = queryset.restrict(user, access.VIEW)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", self.submit_label))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleDocumentField(forms.FileField):
    """Several documents at once, each checked by content and size."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        cleaned, errors = [], []
        for uploaded in files:
            try:
                cleaned.append(CheckedUpload(super().clean(uploaded), check_document(uploaded)))
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned
