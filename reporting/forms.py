from django import forms

from coordination import access
from coordination.models import CoordinationBody, Ministry
from strategy.models import Pillar


class DashboardFilterForm(forms.Form):
    """The dashboard's filters, read from the query string. A value that is not one of the
    choices (a mistyped or crafted address) is dropped, and the page shows that filter reset."""

    period = forms.ChoiceField(required=False)
    pillar = forms.ModelChoiceField(queryset=Pillar.objects.all(), required=False)
    ministry = forms.ModelChoiceField(queryset=Ministry.objects.none(), required=False)
    body = forms.ModelChoiceField(queryset=CoordinationBody.objects.all(), required=False)

    def __init__(self, data, *, user, periods):
        super().__init__(data)
        self.fields["period"].choices = [(start.isoformat(), "") for start, _end in periods]
        ministries = Ministry.objects.filter(is_active=True)
        if not access.reads_everything(user):
            ministries = ministries.filter(pk__in=access.ministry_ids(user))
        self.fields["ministry"].queryset = ministries

    def valid_values(self) -> dict:
        """Each filter's value, None where it was absent or not a valid choice."""
        self.is_valid()
        return {name: self.cleaned_data.get(name) or None for name in self.fields}
