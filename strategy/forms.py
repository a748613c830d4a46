from django import forms
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from coordination.forms import (
    DigitsInput,
    MultipleDocumentField,
    ScopedModelForm,
    WesternDigitsMixin,
)
from coordination.rows import joined
from strategy import services
from strategy.models import (
    ActionStatus,
    PriorityAction,
    ProgressUpdate,
    period_name,
    target_year,
)
from strategy.services import ReportContent

CONFIRM_SUBMIT_LABEL = _("I have checked this report and want to submit it to the secretariat.")
CONFIRM_SUBMIT_HELP = _(
    "A submitted report can no longer be edited. You can withdraw it until the secretariat "
    "reviews it."
)
CONFIRM_SUBMIT_MISSING = _("Tick the box to confirm that the report is ready to submit.")


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
            "percent_complete": DigitsInput(decimals=False),
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

    def save(self, commit=True):
        action = super().save(commit)
        if commit:
            services.record_status_set_by_hand(action, self.user, self.changed_data)
        return action


class ProgressReportForm(WesternDigitsMixin, forms.ModelForm):
    """A focal point's report for one period. On creation it asks for the period (and the
    ministry, for someone who acts for several on this action); indicator values and
    evidence files come with it."""

    period = forms.ChoiceField(label=_("Reporting period"))
    ministry = forms.ModelChoiceField(queryset=None, label=_("Reporting ministry"))
    evidence = MultipleDocumentField(
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF, Word, Excel, JPEG or PNG; at most 10 MB each."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Asked only of "Submit to the secretariat", as on the report's page.
    confirm_submit = forms.BooleanField(
        label=CONFIRM_SUBMIT_LABEL, required=False, help_text=CONFIRM_SUBMIT_HELP
    )

    class Meta:
        model = ProgressUpdate
        fields = ["status", "percent_complete", "narrative", "challenges", "support_needed"]
        widgets = {
            "percent_complete": DigitsInput(decimals=False),
            "narrative": forms.Textarea(attrs={"rows": 5}),
            "challenges": forms.Textarea(attrs={"rows": 3}),
            "support_needed": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "support_needed": _(
                "Support you need from other ministries or the steering body, if any."
            ),
        }

    def __init__(self, *args, action, ministries, periods=(), submitting=False, **kwargs):
        """``periods``: ((first day, last day), due date) pairs a report may be for."""
        super().__init__(*args, **kwargs)
        self.action = action
        self.submitting = submitting
        creating = self.instance.pk is None
        # The years whose targets the values are compared with: the report's period's, or
        # while it is still to be chosen, those of the periods offered.
        if creating:
            self.target_years = sorted({target_year(end) for (_start, end), _due in periods})
        else:
            self.target_years = [target_year(self.instance.period_end)]
        # One action's indicators in their default order (by action, then id) without
        # joining the action and its pillar to sort them; their targets in the same query.
        self.indicators = list(action.indicators.with_targets_of(self.target_years).order_by("pk"))
        if creating:
            # The period alone in its option: a phone's select shows one short line.
            self.fields["period"].choices = [
                (start.isoformat(), period_name(start, end)) for (start, end), _due in periods
            ]
            if periods:
                (_start, end), due = periods[0]
                days = (due - end).days
                self.fields["period"].help_text = ngettext(
                    "A period's report is due %(days)s day after the period ends.",
                    "A period's report is due %(days)s days after the period ends.",
                    days,
                ) % {"days": days}
            self.periods = {start.isoformat(): (start, end) for (start, end), _due in periods}
            self.fields["ministry"].queryset = ministries
            if len(ministries) == 1:
                self.fields["ministry"].initial = ministries[0].pk
                self.fields["ministry"].widget = forms.HiddenInput()
            del self.fields["version"]
        else:
            del self.fields["period"], self.fields["ministry"]
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True
        values = {}
        if not creating:
            values = {v.indicator_id: v for v in self.instance.indicator_values.order_by()}
        for indicator in self.indicators:
            current = values.get(indicator.pk)
            # Labelled under the indicator's name (the legend of its fieldset), once.
            self.fields[f"value_{indicator.pk}"] = forms.DecimalField(
                label=_("Value (%(unit)s)") % {"unit": indicator.unit}
                if indicator.unit
                else _("Value"),
                required=False,
                max_digits=14,
                decimal_places=2,
                initial=current.value if current else None,
                widget=DigitsInput(),
                help_text=self._indicator_help(indicator),
            )
            self.fields[f"measured_{indicator.pk}"] = forms.DateField(
                label=_("Date measured"),
                required=False,
                initial=current.measured_on if current else None,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )

    def _indicator_help(self, indicator) -> str:
        """The baseline, the target of each year the report may be for, and the
        direction."""
        facts = {
            "baseline": floatformat(indicator.baseline, "-2"),
            "direction": indicator.get_direction_display(),
        }
        targets = {year: indicator.annotated_target(year) for year in self.target_years}
        if len(targets) == 1:
            ((year, target),) = targets.items()
            if target is None:
                return _("Baseline %(baseline)s; no target for %(year)s. %(direction)s.") % {
                    **facts,
                    "year": year,
                }
            return _("Baseline %(baseline)s; target for %(year)s: %(target)s. %(direction)s.") % {
                **facts,
                "year": year,
                "target": floatformat(target, "-2"),
            }
        listed = joined(
            _("%(year)s: %(target)s")
            % {"year": year, "target": "–" if target is None else floatformat(target, "-2")}
            for year, target in targets.items()
        )
        return _("Baseline %(baseline)s; targets %(targets)s. %(direction)s.") % {
            **facts,
            "targets": listed or "–",
        }

    @property
    def indicator_fields(self):
        """(indicator, its value's field, its date's field) for each indicator."""
        return [(i, self[f"value_{i.pk}"], self[f"measured_{i.pk}"]) for i in self.indicators]

    def chosen_period(self):
        if self.instance.pk:
            return self.instance.period_start, self.instance.period_end
        return self.periods.get(self.cleaned_data.get("period"))

    def clean(self):
        cleaned = super().clean()
        status, percent = cleaned.get("status"), cleaned.get("percent_complete")
        if percent is not None and not 0 <= percent <= 100:
            self.add_error("percent_complete", _("Percent complete must be between 0 and 100."))
        elif status == ActionStatus.COMPLETED and percent is not None and percent != 100:
            # xgettext:no-python-format
            self.add_error("percent_complete", _("A completed action is 100% complete."))
        elif status == ActionStatus.NOT_STARTED and percent:
            # xgettext:no-python-format
            self.add_error("percent_complete", _("An action not started is 0% complete."))
        if self.submitting and not (cleaned.get("narrative") or "").strip():
            self.add_error("narrative", _("Write the narrative before you submit the report."))
        if self.submitting and not cleaned.get("confirm_submit"):
            self.add_error("confirm_submit", CONFIRM_SUBMIT_MISSING)
        period = self.chosen_period()
        for indicator in self.indicators:
            measured = cleaned.get(f"measured_{indicator.pk}")
            if measured and period and not period[0] <= measured <= period[1]:
                self.add_error(
                    f"measured_{indicator.pk}",
                    _("The date must fall within the reporting period (%(start)s to %(end)s).")
                    % {"start": date_format(period[0]), "end": date_format(period[1])},
                )
            if measured and cleaned.get(f"value_{indicator.pk}") is None:
                self.add_error(f"value_{indicator.pk}", _("Give the value measured on that date."))
        return cleaned

    def content(self) -> ReportContent:
        return ReportContent(
            fields={name: self.cleaned_data[name] for name in self.Meta.fields},
            indicator_values={
                indicator: (
                    self.cleaned_data.get(f"value_{indicator.pk}"),
                    self.cleaned_data.get(f"measured_{indicator.pk}"),
                )
                for indicator in self.indicators
            },
            evidence=self.cleaned_data.get("evidence") or [],
        )


class SubmitReportForm(forms.Form):
    """Submitting a saved draft from its page: the version read, and a confirmation."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    confirm_submit = forms.BooleanField(
        label=CONFIRM_SUBMIT_LABEL,
        help_text=CONFIRM_SUBMIT_HELP,
        error_messages={"required": CONFIRM_SUBMIT_MISSING},
    )


class ReviewForm(forms.Form):
    """The secretariat's decision on a report: a comment is required to return or reopen."""

    VALIDATE, RETURN, REOPEN = "validate", "return", "reopen"
    decision = forms.ChoiceField(
        choices=[
            (VALIDATE, _("Validate")),
            (RETURN, pgettext_lazy("review decision", "Return")),
            (REOPEN, _("Reopen")),
        ],
        widget=forms.HiddenInput,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment for the ministry"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to return or reopen a report: say what must change."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") in (self.RETURN, self.REOPEN)
            and not (cleaned.get("comment") or "").strip()
        ):
            self.add_error("comment", _("Say why: the ministry will read this comment."))
        return cleaned


class ReportCommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Read by the secretariat, the steering body and this report's ministry only."),
        error_messages={"required": _("Write the comment first.")},
    )


class ReportRequestForm(forms.Form):
    """Which ministry the secretariat asks to report, and for which period: the choices
    are those of the page the request comes from (an action's ministries and periods, or
    the dashboard's ministries and the strategy's periods begun so far)."""

    ministry = forms.TypedChoiceField(label=_("Ministry"), coerce=int)
    period = forms.ChoiceField(label=_("Reporting period"))

    def __init__(self, *args, ministries, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.ministries = {ministry.pk: ministry for ministry in ministries}
        self.periods = {start.isoformat(): (start, end) for start, end in periods}
        self.fields["ministry"].choices = [
            (pk, ministry.named) for pk, ministry in self.ministries.items()
        ]
        self.fields["period"].choices = [
            (key, period_name(*period)) for key, period in self.periods.items()
        ]

    @classmethod
    def for_action(cls, action: PriorityAction, data=None, *, supporting=None):
        """The action page's form: the action's ministries, its periods begun so far;
        ``supporting``: its supporting ministries, when the caller has read them."""
        if supporting is None:
            supporting = action.supporting_ministries.all()
        return cls(
            data,
            ministries=[action.lead_ministry, *supporting],
            periods=action.pillar.strategy.reportable_periods(
                action.start_date, timezone.localdate()
            ),
        )

    def chosen(self):
        """(ministry, (first day, last day)) once valid."""
        return (
            self.ministries[self.cleaned_data["ministry"]],
            self.periods[self.cleaned_data["period"]],
        )
