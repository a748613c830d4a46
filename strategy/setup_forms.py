"""Forms of the strategy's set-up, kept by the secretariat and administrators: the strategy's
settings, its pillars, and each action's indicators with their yearly targets."""

from crispy_forms.layout import Submit
from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from coordination.forms import DigitsInput, ScopedModelForm
from coordination.rows import joined
from strategy.models import (
    Indicator,
    IndicatorTarget,
    Pillar,
    ProgressUpdate,
    Strategy,
    period_name,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Periods named in a message before "and N more" would make it a wall of text.
PERIODS_NAMED = 3


class StrategyForm(ScopedModelForm):
    """The strategy's settings. "Preview" shows the reporting periods the typed settings
    give, without saving; a schedule that would leave reports already written outside its
    periods is refused."""

    PREVIEW = "preview"

    class Meta:
        model = Strategy
        fields = [
            "code",
            "title_ar",
            "title_en",
            "title_ckb",
            "start_date",
            "end_date",
            "reporting_frequency",
            "report_due_days",
        ]
        widgets = {
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "report_due_days": DigitsInput(decimals=False),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        preview = Submit(self.PREVIEW, _("Preview the reporting periods"))
        preview.field_classes = "btn btn-outline-secondary"
        self.helper.add_input(preview)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", _("The end date must be after the start date."))
            return cleaned
        schedule = {"start_date", "end_date", "reporting_frequency"}
        if self.instance.pk and schedule & set(self.changed_data) and not self.errors:
            self._keep_reports_in_their_periods(cleaned)
        return cleaned

    def _keep_reports_in_their_periods(self, cleaned):
        planned = Strategy(
            start_date=cleaned["start_date"],
            end_date=cleaned["end_date"],
            reporting_frequency=cleaned["reporting_frequency"],
        )
        periods = set(planned.reporting_periods())
        written = sorted(
            ProgressUpdate.objects.filter(action__pillar__strategy=self.instance)
            .order_by()
            .values_list("period_start", "period_end")
            .distinct()
        )
        outside = [period for period in written if period not in periods]
        if not outside:
            return
        names = [period_name(*period) for period in outside[:PERIODS_NAMED]]
        if len(outside) > PERIODS_NAMED:
            names.append(_("%(count)s more") % {"count": len(outside) - PERIODS_NAMED})
        raise forms.ValidationError(
            _(
                "Reports were already written for periods these settings no longer have "
                "(%(periods)s). Keep a start date, end date and frequency whose periods "
                "include them."
            )
            % {"periods": joined(names)}
        )

    def preview_periods(self):
        """The reporting periods of the settings typed (the form is valid), not saved."""
        return self.instance.reporting_periods()


class PillarForm(ScopedModelForm):
    """A pillar of one strategy (the strategy comes from the page, not the form)."""

    class Meta:
        model = Pillar
        fields = ["number", "title_ar", "title_en", "title_ckb"]
        widgets = {"number": DigitsInput(decimals=False)}

    def __init__(self, *args, strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.strategy = strategy

    def clean_number(self):
        number = self.cleaned_data["number"]
        taken = Pillar.objects.filter(strategy=self.instance.strategy, number=number).exclude(
            pk=self.instance.pk
        )
        if taken.exists():
            raise forms.ValidationError(
                _("The strategy already has a pillar numbered %(number)s.") % {"number": number}
            )
        return number


class IndicatorForm(ScopedModelForm):
    """One indicator of an action (the action comes from the page), with a target for each
    year the action runs: a field per year, left empty for a year without a target."""

    class Meta:
        model = Indicator
        fields = [
            "name_ar",
            "name_en",
            "name_ckb",
            "unit_ar",
            "unit_en",
            "unit_ckb",
            "baseline",
            "direction",
        ]
        widgets = {"baseline": DigitsInput(), "direction": forms.RadioSelect}

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.action = action
        current = {}
        if self.instance.pk:
            current = {target.year: target for target in self.instance.targets.order_by("year")}
        self.current_targets = current
        years = set(range(action.start_date.year, action.due_date.year + 1)) | set(current)
        self.years = sorted(years)
        for year in self.years:
            self.fields[self.target_field(year)] = forms.DecimalField(
                label=_("Target for %(year)s") % {"year": year},
                required=False,
                max_digits=14,
                decimal_places=2,
                widget=DigitsInput(),
                initial=current[year].value if year in current else None,
                help_text=_("What the indicator should reach by the end of %(year)s.")
                % {"year": year},
            )

    @staticmethod
    def target_field(year: int) -> str:
        return f"target_{year}"

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(self.target_field(year)) is not None for year in self.years):
            raise forms.ValidationError(_("Give a target for at least one year."))
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        indicator = super().save(commit)
        if not commit:
            return indicator
        for year in self.years:
            value = self.cleaned_data.get(self.target_field(year))
            target = self.current_targets.get(year)
            if value is None:
                if target is not None:
                    target.delete()
            elif target is None:
                IndicatorTarget.objects.create(indicator=indicator, year=year, value=value)
            elif target.value != value:
                target.value = value
                target.save(update_fields=["value"])
        return indicator
