from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.forms import (
    DigitsInput,
    MultipleDocumentField,
    RecordsChoiceField,
    ScopedModelForm,
    WesternDigitsMixin,
)
from coordination.models import Ministry, User
from meetings.models import (
    AgendaItem,
    DecisionKind,
    FollowUp,
    FollowUpStatus,
    InvitationResponse,
    Meeting,
)
from meetings.services.minutes import DEADLINE_AFTER_MEETING, deadline_fits

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingForm(ScopedModelForm):
    online_link = forms.URLField(
        label=_("Online link"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Meeting
        fields = [
            "body",
            "title_ar",
            "title_en",
            "title_ckb",
            "kind",
            "start",
            "duration_minutes",
            "location_ar",
            "location_en",
            "location_ckb",
            "online_link",
            "invited_ministries",
        ]
        widgets = {
            "start": DATETIME_WIDGET,
            "duration_minutes": DigitsInput(decimals=False),
            "invited_ministries": forms.CheckboxSelectMultiple,
        }

    def clean_start(self):
        start = self.cleaned_data["start"]
        if self.instance.pk is None and start < timezone.now():
            raise forms.ValidationError(_("A new meeting cannot start in the past."))
        return start


class PostponeForm(WesternDigitsMixin, forms.Form):
    new_start = forms.DateTimeField(label=_("New date and time"), widget=DATETIME_WIDGET)

    def clean_new_start(self):
        value = self.cleaned_data["new_start"]
        if value < timezone.now():
            raise forms.ValidationError(_("Choose a date in the future."))
        return value


class AgendaItemForm(ScopedModelForm):
    documents = MultipleDocumentField(
        label=_("Briefing documents"),
        required=False,
        help_text=_("PDF, Word, Excel, JPEG or PNG; at most 10 MB each."),
    )
    submit_label = _("Save item")

    class Meta:
        model = AgendaItem
        fields = [
            "title_ar",
            "title_en",
            "title_ckb",
            "kind",
            "presenter_ministry",
            "minutes_allotted",
            "priority_actions",
        ]
        widgets = {
            "minutes_allotted": DigitsInput(decimals=False),
            "priority_actions": forms.SelectMultiple(attrs={"size": 6}),
        }


class AccountChoices(forms.models.ModelChoiceIterator):
    """Each account's id and name (its username after it) read as values: the meeting
    page's select of every active account cost more as model instances than the rest of
    the page."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, username, first, last in self.queryset.values_list(
            "pk", "username", "first_name", "last_name"
        ):
            name = f"{first} {last}".strip()
            yield (pk, f"{name} ({username})" if name else username)


class AccountChoiceField(forms.ModelChoiceField):
    iterator = AccountChoices


class InvitePersonForm(forms.Form):
    person = AccountChoiceField(
        queryset=User.objects.filter(is_active=True).order_by("username"),
        label=_("Invite a person"),
    )


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        choices=[c for c in InvitationResponse.choices if c[0] != InvitationResponse.PENDING],
        label=_("Your answer"),
        widget=forms.RadioSelect,
    )
    delegate_name = forms.CharField(label=_("Delegate's name"), required=False, max_length=200)

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("response") == InvitationResponse.DELEGATE
            and not cleaned.get("delegate_name", "").strip()
        ):
            self.add_error("delegate_name", _("Name the person you send."))
        return cleaned


class MinutesForm(forms.Form):
    """One text area per agenda item."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, items, texts, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.CharField(
                label=f"{item.order}. {item.title}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial=texts.get(item.pk, ""),
            )

    def texts(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data[f"item_{item.pk}"] for item in self.items}


class CirculateForm(WesternDigitsMixin, forms.Form):
    """Until when the attendees may comment: after the meeting, and in the future."""

    deadline = forms.DateTimeField(label=_("Comments until"), widget=DATETIME_WIDGET)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean_deadline(self):
        value = self.cleaned_data["deadline"]
        if not deadline_fits(self.meeting, value):
            raise forms.ValidationError(DEADLINE_AFTER_MEETING)
        if value <= timezone.now():
            raise forms.ValidationError(_("The deadline must be in the future."))
        return value


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}))


class DecisionForm(WesternDigitsMixin, forms.Form):
    """A decision as recorded under an agenda item or corrected later: its texts, type, the
    lead ministry and those supporting it, its due date; with ``meeting``, the agenda item
    it falls under too (a correction may move it to another item of its meeting)."""

    agenda_item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(), label=_("Agenda item"), required=False
    )
    kind = forms.ChoiceField(
        label=_("Type"), choices=DecisionKind.choices, initial=DecisionKind.DECISION, required=False
    )
    text_ar = forms.CharField(
        label=_("Decision (Arabic)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    text_en = forms.CharField(
        label=_("Decision (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    text_ckb = forms.CharField(
        label=_("Decision (Kurdish)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    lead = forms.ModelChoiceField(
        queryset=Ministry.objects.filter(is_active=True),
        label=_("Lead ministry"),
        required=False,
        help_text=_("It is counted among the responsible ministries."),
    )
    responsible = RecordsChoiceField(
        queryset=Ministry.objects.filter(is_active=True),
        label=_("Responsible ministries"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting is None:
            del self.fields["agenda_item"]
        else:
            self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("order")
            self.fields["agenda_item"].required = True

    def clean_kind(self):
        return self.cleaned_data["kind"] or DecisionKind.DECISION

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("responsible") and not cleaned.get("lead"):
            self.add_error(
                "responsible", _("Name the ministries responsible for it, or a lead ministry.")
            )
        return cleaned


class FollowUpForm(forms.ModelForm):
    evidence = MultipleDocumentField(
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF, Word, Excel, JPEG or PNG; at most 10 MB each."),
    )

    class Meta:
        model = FollowUp
        fields = ["status", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == FollowUpStatus.BLOCKED
            and not (cleaned.get("note") or "").strip()
        ):
            self.add_error("note", _("Say what blocks it, so that the body can help."))
        return cleaned


class AttendanceForm(forms.Form):
    """Who was present: invitations of this meeting only."""

    present = RecordsChoiceField(
        queryset=None,
        required=False,
        error_messages={
            "invalid_choice": _("The attendance list changed: reload the page."),
            "invalid_pk_value": _("The attendance list changed: reload the page."),
        },
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = meeting.invitations.all()


class MinutesApprovalForm(forms.Form):
    """At which later meeting of the body the minutes were approved: a choice among the
    meetings where they may be (``MeetingQuerySet.approving_minutes_of``) that the user
    sees. ``confirmed`` is set by the confirmation step's button."""

    at_meeting = forms.ModelChoiceField(
        queryset=None,
        label=_("Approved at the meeting"),
        empty_label=_("Choose the meeting"),
        error_messages={
            "required": _("Choose the later meeting of the body that approved the minutes."),
            "invalid_choice": _("Choose one of the body's later meetings."),
        },
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, later_meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = later_meetings
