from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from coordination import access
from coordination.uploads import CheckedUpload, check_document


class ScopedModelForm(forms.ModelForm):
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
