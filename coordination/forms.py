from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp import verify_token

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


class SecondFactorForm(forms.Form):
    """A six-digit code from the authenticator app, or (where offered) a backup code.
    Digits may be typed in Arabic-Indic; spaces and dashes are ignored. A right code leaves
    the device that accepted it in ``self.device``; a wrong one sets ``self.wrong_code``."""

    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "dir": "ltr",
                "autofocus": True,
            }
        ),
    )

    def __init__(self, *args, user, authenticator, backup=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.authenticator = authenticator
        self.backup = backup
        self.device = None
        self.wrong_code = False
        if backup is None:
            self.fields["code"].help_text = _("The six digits your authenticator app shows.")
            self.fields["code"].widget.attrs["inputmode"] = "numeric"
        else:
            self.fields["code"].help_text = _(
                "The six digits your authenticator app shows, or one of your backup codes."
            )

    def clean_code(self):
        return "".join(western_digits(self.cleaned_data["code"]).split()).replace("-", "").lower()

    def clean(self):
        code = self.cleaned_data.get("code")
        if not code:
            return self.cleaned_data
        device = self.authenticator if code.isdigit() or self.backup is None else self.backup
        allowed, refusal = device.verify_is_allowed()
        if not allowed:
            wait = max(1, int((refusal["locked_until"] - timezone.now()).total_seconds()) + 1)
            # On the field, not the form: read out with it, and marked invalid.
            self.add_error(
                "code",
                ngettext(
                    "Too many wrong codes. Wait %(seconds)s second and try again.",
                    "Too many wrong codes. Wait %(seconds)s seconds and try again.",
                    wait,
                )
                % {"seconds": wait},
            )
            return self.cleaned_data
        self.device = verify_token(self.user, device.persistent_id, code)
        if self.device is None:
            self.wrong_code = True
            if device is self.backup:
                message = _("This backup code is not right, or it was used already.")
            else:
                message = _(
                    "This code is not right. Type the code the app shows now; if it is "
                    "refused again, check that your telephone's clock is right."
                )
            self.add_error("code", message)
        return self.cleaned_data
