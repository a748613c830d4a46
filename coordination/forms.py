from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp import verify_token

from coordination import access, people_import, services, two_factor
from coordination.models import (
    AccountChangeKind,
    CoordinationBody,
    Membership,
    MembershipRole,
    Ministry,
    QuorumRule,
    Role,
    User,
)
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


class MinistryForm(ScopedModelForm):
    """A ministry as the set-up pages keep it. Saved with its group (services.save_ministry),
    which the access layer needs; never deleted, only made inactive."""

    class Meta:
        model = Ministry
        fields = ["code", "name_ar", "name_en", "name_ckb", "kind", "is_active"]
        help_texts = {
            "code": _("A short code, such as MoMD: shown after the name everywhere."),
            "is_active": _(
                "An inactive ministry keeps its records and their history, but its focal "
                "points no longer act for it and forms no longer offer it for new records."
            ),
        }

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        taken = Ministry.objects.filter(code__iexact=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another ministry already has this code."))
        return code

    def save(self, commit=True):
        return services.save_ministry(super().save(commit=False))


class BodyForm(ScopedModelForm):
    """A coordination body: its names, where it reports, and its quorum rule. Its members
    are kept seat by seat (MembershipForm)."""

    class Meta:
        model = CoordinationBody
        fields = [
            "code",
            "name_ar",
            "name_en",
            "name_ckb",
            "kind",
            "parent",
            "quorum_rule",
            "quorum",
            "quorum_share",
        ]
        widgets = {
            "quorum_rule": forms.RadioSelect,
            "quorum": DigitsInput(decimals=False),
            "quorum_share": DigitsInput(decimals=False),
        }
        labels = {"quorum": _("Quorum: members present")}
        help_texts = {
            "parent": _("A working group or taskforce reports to the body above it."),
            "quorum": _(
                "With a number as the rule: how many members must be present; a ministry "
                "counts once, whether its member, its alternate or both come."
            ),
            "quorum_share": _(
                "With a share as the rule: the per cent of the member ministries that must "
                "be present, rounded up (50 per cent of 5 ministries is 3)."
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["quorum"].required = False
        if self.instance.pk is not None:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
                pk=self.instance.pk
            )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        taken = CoordinationBody.objects.filter(code__iexact=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Another body already has this code."))
        return code

    def clean_parent(self):
        parent = self.cleaned_data["parent"]
        if parent is not None and self.instance.would_loop_under(parent):
            raise forms.ValidationError(
                _("A body cannot report to itself, nor to a body that reports to it.")
            )
        return parent

    def clean(self):
        cleaned = super().clean()
        rule = cleaned.get("quorum_rule")
        if rule == QuorumRule.COUNT:
            if not cleaned.get("quorum"):
                self.add_error("quorum", _("Give the number of members needed, at least 1."))
            cleaned["quorum_share"] = None
        elif rule == QuorumRule.SHARE:
            if cleaned.get("quorum_share") is None and "quorum_share" not in self.errors:
                self.add_error(
                    "quorum_share", _("Give the share of member ministries needed, in per cent.")
                )
            if cleaned.get("quorum") is None:
                cleaned["quorum"] = self.instance.quorum
        return cleaned


class SeatChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.ministry.code})" if obj.ministry_id else obj.full_name


class MembershipForm(ScopedModelForm):
    """A seat in a body: a ministry's (its representative, by name) or a person's own (the
    chair), the person's portal account if they have one, their role, and for an alternate
    the member they stand in for."""

    class Meta:
        model = Membership
        fields = [
            "role",
            "ministry",
            "full_name",
            "position",
            "email",
            "user",
            "alternate_for",
            "is_active",
        ]
        field_classes = {"alternate_for": SeatChoiceField}
        help_texts = {
            "ministry": _("Empty for a seat held in a person's own right, such as the chair's."),
            "full_name": _("Empty: the name of the portal account chosen below."),
            "user": _("If the member signs in to the portal."),
            "alternate_for": _("Only for an alternate: the member they stand in for."),
            "is_active": _("A former member's seat is kept inactive, with its history."),
        }

    def __init__(self, *args, user, body, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.instance.body = body
        self.body = body
        current = self.instance.ministry_id
        self.fields["ministry"].queryset = self.fields["ministry"].queryset.filter(
            Q(is_active=True) | Q(pk=current)
        )
        self.fields["user"].queryset = (
            self.fields["user"]
            .queryset.filter(Q(is_active=True) | Q(pk=self.instance.user_id))
            .order_by("username")
        )
        self.fields["full_name"].required = False
        self.fields["alternate_for"].queryset = (
            self.fields["alternate_for"]
            .queryset.filter(body=body, is_active=True)
            .exclude(role=MembershipRole.ALTERNATE)
            .exclude(pk=self.instance.pk)
            .select_related("ministry")
            .order_by("full_name")
        )

    def clean(self):
        cleaned = super().clean()
        account = cleaned.get("user")
        if not cleaned.get("full_name") and account is not None:
            cleaned["full_name"] = account.get_full_name() or account.username
        if not cleaned.get("full_name") and "full_name" not in self.errors:
            self.add_error(
                "full_name", _("Give the member's name, or choose their portal account.")
            )
        role, ministry = cleaned.get("role"), cleaned.get("ministry")
        stands_in_for = cleaned.get("alternate_for")
        if stands_in_for is not None and role != MembershipRole.ALTERNATE:
            self.add_error("alternate_for", _("Only an alternate stands in for another member."))
        elif stands_in_for is not None and stands_in_for.ministry_id != (
            ministry.pk if ministry else None
        ):
            self.add_error(
                "alternate_for",
                _("An alternate sits for the same ministry as the member they stand in for."),
            )
        elif role == MembershipRole.ALTERNATE and stands_in_for is None and ministry is None:
            self.add_error("alternate_for", _("Choose the member this alternate stands in for."))
        if role == MembershipRole.CHAIR and cleaned.get("is_active"):
            chair = (
                self.body.memberships.filter(role=MembershipRole.CHAIR, is_active=True)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if chair is not None:
                self.add_error(
                    "role",
                    _("This body already has a chair, %(name)s: change their seat first.")
                    % {"name": chair.full_name},
                )
        if cleaned.get("full_name"):
            taken = self.body.memberships.filter(
                full_name=cleaned["full_name"], ministry=ministry
            ).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error(
                    "full_name",
                    _("This person already has a seat in this body for the same ministry."),
                )
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
