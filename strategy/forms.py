from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.forms import ScopedModelForm
from strategy.models import PriorityAction


class PriorityActionForm(ScopedModelForm):
    class Meta:
        model = PriorityAction
        fields = [
            "pillar",
            "code",
            "title_ar",
            "title_en",
            "title_ckb",
            "description_ar",
            "description_en",
            "description_ckb",
            "lead_ministry",
            "supporting_ministries",
            "start_date",
            "due_date",
            "status",
            "priority",
            "percent_complete",
            "concerns_departure",
            "concerns_transit",
            "concerns_abroad",
            "concerns_return",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "supporting_ministries": forms.CheckboxSelectMultiple,
        }

    def clean(self):
        cleaned = super().clean()
        start, due = cleaned.get("start_date"), cleaned.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", _("The due date cannot be before the start date."))
        lead = cleaned.get("lead_ministry")
        if lead and lead in (cleaned.get("supporting_ministries") or []):
            self.add_error(
                "supporting_ministries",
                _("The lead ministry cannot also be a supporting ministry."),
            )
        stages = ("concerns_departure", "concerns_transit", "concerns_abroad", "concerns_return")
        if not any(cleaned.get(stage) for stage in stages):
            raise forms.ValidationError(
                _("Choose at least one whole-of-route stage the action concerns.")
            )
        return cleaned
