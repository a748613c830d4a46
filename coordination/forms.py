from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp import verify_token

from coordination import access, people_import, services, two_factor
from coordination.models import AccountChangeKind, Ministry, Role, User
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


# What a number field's ``pattern`` accepts: Western, Arabic-Indic and Persian digits, and for
# decimals one separator ("." or the Arabic "٫") and an optional minus sign; the Arabic
# thousands separator "٬" too, which WESTERN_DIGITS drops. Valid with the ``v`` flag
# browsers compile ``pattern`` with (no "-" inside a class, no needless escape).
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
INTEGER_PATTERN = f"[{_DIGITS}\u066c]*"
DECIMAL_PATTERN = f"-?[{_DIGITS}\u066c]*([.\u066b][{_DIGITS}]*)?"


class DigitsInput(forms.TextInput):
    """A number typed in any of the digits used in Iraq. ``<input type="number">`` drops
    Arabic-Indic digits typed on an Arabic keyboard (Chromium leaves the field empty), so
    the field is text, with the keyboard of numbers on phones (``inputmode``) and a
    ``pattern``; the form reads the digits (WesternDigitsMixin). ``decimals=False`` for
    whole numbers."""

    def __init__(self, attrs=None, *, decimals=True):
        base = {
            "inputmode": "decimal" if decimals else "numeric",
            "pattern": DECIMAL_PATTERN if decimals else INTEGER_PATTERN,
            "autocomplete": "off",
        }
        super().__init__({**base, **(attrs or {})})


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


# The largest id a 64-bit key holds: a longer number is refused before the database sees it.
MAX_ID = 2**63 - 1


class RecordsChoiceField(forms.ModelMultipleChoiceField):
    """Records chosen by id. An id that is not a whole number in range is an invalid value
    of the form, not a database error."""

    def _check_values(self, value):
        for pk in value:
            if not (str(pk).isdecimal() and int(pk) <= MAX_ID):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


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
            if type(field) is forms.ModelMultipleChoiceField:
                # The model's many-to-many fields: the same field, with ids checked first.
                field.__class__ = RecordsChoiceField
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


class AccountForm(ScopedModelForm):
    """A person's account, as the secretariat or an administrator keeps it. The secretariat
    opens focal point and steering body accounts; administrators any."""

    ministries = RecordsChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Ministries this focal point acts for"),
        help_text=_("Only for focal points. They see and report on these ministries' records."),
    )

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "role", "language"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["ministries"].queryset = Ministry.objects.filter(is_active=True)
        self.fields["email"].required = True
        self.fields["email"].help_text = _(
            "A new account's owner receives the link to choose a password here."
        )
        if self.instance.pk and services.needs_second_person(self.instance):
            self.fields["email"].help_text = _(
                "A new address takes effect once another member of the secretariat or an "
                "administrator confirms it; the owner is told at the current address."
            )
        if not access.administers(user):
            allowed = {Role.FOCAL_POINT, Role.STEERING, self.instance.role}
            # (One's own role has its own message, in clean_role.)
            if (
                self.instance.pk
                and self.instance.pk != user.pk
                and services.needs_second_person(self.instance)
            ):
                allowed = {self.instance.role}
                self.fields["role"].help_text = _(
                    "Only an administrator changes the role of this account."
                )
            self.fields["role"].choices = [
                (value, label) for value, label in Role.choices if value in allowed
            ]
        if self.instance.pk:
            self.initial["ministries"] = [
                ministry.pk for ministry in services.appointed_ministries(self.instance)
            ]

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        taken = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another account already uses this e-mail address."))
        if (
            self.instance.pk
            and email != self.instance.email
            and services.pending_change(self.instance, AccountChangeKind.EMAIL)
        ):
            raise forms.ValidationError(
                _(
                    "A new e-mail address for this account already awaits confirmation: "
                    "confirm or cancel it on the person's page first."
                )
            )
        return email

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role and role != Role.FOCAL_POINT and cleaned.get("ministries"):
            self.add_error("ministries", _("Only focal points act for ministries."))
        if self.instance.pk == self.user.pk and role and role != self.instance.role:
            self.add_error("role", _("You cannot change your own role."))
        return cleaned

    def save(self, commit=True):
        return services.save_account(
            account=super().save(commit=False),
            ministries=self.cleaned_data["ministries"],
            by=self.user,
        )


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
        # On the field, not the form: read out with it, and marked invalid.
        if not allowed:
            failures = refusal.get("failure_count", two_factor.REPEATED_FAILURES)
            if failures < two_factor.REPEATED_FAILURES:
                # Within a second or two of a wrong code: the same form sent twice.
                self.add_error("code", self._wrong_code_message(device, failures))
            else:
                until = refusal.get("locked_until", timezone.now())
                wait = (until - timezone.now()).total_seconds()
                self.add_error("code", two_factor.wait_message(wait))
            return self.cleaned_data
        if device is self.authenticator and two_factor.code_was_used(device, code):
            # Not a guess, nor the clock: refused before django-otp counts it as wrong.
            self.add_error(
                "code", _("This code was already used. Wait for the next code in your app.")
            )
            return self.cleaned_data
        self.device = verify_token(self.user, device.persistent_id, code)
        if self.device is None:
            self.wrong_code = True
            failures = type(device).objects.get(pk=device.pk).throttling_failure_count
            self.add_error("code", self._wrong_code_message(device, failures))
        return self.cleaned_data

    def _wrong_code_message(self, device, failures: int) -> str:
        if device is self.backup:
            return _("This backup code is not right, or it was used already.")
        if failures < two_factor.REPEATED_FAILURES:
            return _("That code is not right. Check the app and try again.")
        return _(
            "That code is not right either. Type the code the app shows now; if it keeps "
            "being refused, check that your telephone's clock sets itself automatically."
        )


class PeopleImportForm(forms.Form):
    """A roster of focal points to open accounts for (coordination.people_import)."""

    file = forms.FileField(
        label=_("Excel (.xlsx) or CSV file"),
        help_text=_(
            "One focal point per row, under the headers of the template: name, e-mail, "
            "ministry code, language. Nothing is created before you confirm."
        ),
    )

    def clean_file(self):
        """The file's rows (cells as text), read once it passed the upload checks."""
        return people_import.read_rows(self.cleaned_data["file"])
