import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination import access
from coordination.models import Ministry, named_with_code
from strategy.models import (
    ActionStatus,
    Pillar,
    PriorityAction,
    ProgressUpdate,
    ReportState,
    RouteStage,
    Strategy,
    period_name,
)


def _visible_pillars(request):
    return Pillar.objects.restrict(request.user, access.VIEW)


def _active_ministries(request):
    # A callable, like the pillars': the filter set's per-request deep copy of its filters
    # would otherwise copy a queryset for each ministry select.
    return Ministry.objects.filter(is_active=True)


def options_as_values(form, *, ministry_fields, pillar_field):
    """The ministry selects of a filter form list the same ministries: read them once, when
    the form is first rendered (a filter's value is still checked against its own queryset).
    The options are read as values (the name in the user's language or its fallback, as
    the models' ``__str__`` gives it), and the pillars too: model instances with their
    translated fields, and a server-side cursor for the pillars, cost more than the
    options' markup."""
    read = []

    def ministries(field):
        if not read:
            rows = field.queryset.values_list("pk", "code", "name")
            read.append([(pk, named_with_code(name, code)) for pk, code, name in rows])
        return [("", field.empty_label), *read[0]]

    def pillars(field):
        rows = field.queryset.values_list("pk", "number", "title")
        return [("", field.empty_label), *((pk, f"{n}. {title}") for pk, n, title in rows)]

    for name in ministry_fields:
        form.fields[name].iterator = ministries
    form.fields[pillar_field].iterator = pillars


class PriorityActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search title or code"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    pillar = django_filters.ModelChoiceFilter(
        queryset=_visible_pillars, label=_("Pillar"), empty_label=_("All pillars")
    )
    status = django_filters.ChoiceFilter(
        choices=ActionStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )
    stage = django_filters.ChoiceFilter(
        choices=RouteStage.choices,
        label=_("Whole-of-route stage"),
        method="filter_stage",
        empty_label=_("All stages"),
    )

    lead = django_filters.ModelChoiceFilter(
        queryset=_active_ministries,
        field_name="lead_ministry",
        label=_("Lead ministry"),
        empty_label=_("All lead ministries"),
    )
    ministry = django_filters.ModelChoiceFilter(
        queryset=_active_ministries,
        method="filter_ministry",
        label=_("Ministry involved"),
        empty_label=_("Any ministry"),
    )
    due = django_filters.ChoiceFilter(
        choices=[
            ("overdue", _("Action overdue")),
            ("report_overdue", _("Report overdue")),
            ("report_due", _("Report due this period")),
            ("returned", _("Last report returned")),
        ],
        label=_("Needs attention"),
        method="filter_due",
        empty_label=_("All actions"),
    )

    class Meta:
        model = PriorityAction
        fields = ["q", "pillar", "status", "stage", "lead", "ministry", "due"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._choices_as_values()
        for name, field in self.form.fields.items():
            is_select = isinstance(field.widget, forms.Select)
            css = "form-select" if is_select else "form-control"
            if self.is_bound and name in self.form.errors:
                css += " is-invalid"
                field.widget.attrs["aria-describedby"] = f"id_{name}-error"
            field.widget.attrs["class"] = css

    def _choices_as_values(self):
        options_as_values(self.form, ministry_fields=("lead", "ministry"), pillar_field="pillar")

    def search(self, queryset, name, value):
        words = value.strip()
        return queryset.filter(
            Q(code__icontains=words)
            | Q(title_ar__icontains=words)
            | Q(title_en__icontains=words)
            | Q(title_ckb__icontains=words)
        )

    def filter_stage(self, queryset, name, value):
        return queryset.concerning(value)

    def filter_ministry(self, queryset, name, value):
        return queryset.involving([value.pk])

    def filter_due(self, queryset, name, value):
        if value == "overdue":
            return queryset.overdue()
        if value in ("report_due", "report_overdue"):
            return queryset.filter(**{value: True})
        return queryset.filter(last_report_state=ReportState.RETURNED)


class ValidationQueueFilter(django_filters.FilterSet):
    """The validation queue narrowed to a ministry, a pillar or a reporting period."""

    ministry = django_filters.ModelChoiceFilter(
        queryset=_active_ministries, label=_("Ministry"), empty_label=_("All ministries")
    )
    pillar = django_filters.ModelChoiceFilter(
        queryset=_visible_pillars,
        field_name="action__pillar",
        label=_("Pillar"),
        empty_label=_("All pillars"),
    )
    period = django_filters.ChoiceFilter(
        field_name="period_start", label=_("Reporting period"), empty_label=_("All periods")
    )

    class Meta:
        model = ProgressUpdate
        fields = ["ministry", "pillar", "period"]

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Before the form is made from the filters (on first use of ``self.form``).
        self.filters["period"].extra["choices"] = reporting_period_choices(request.user)
        options_as_values(self.form, ministry_fields=("ministry",), pillar_field="pillar")


def reporting_period_choices(user) -> list[tuple[str, str]]:
    """The reporting periods of every strategy begun by today, newest first, as (first
    day in ISO form, label): one query of the strategies (a handful of rows)."""
    today = timezone.localdate()
    periods = {
        period
        for strategy in Strategy.objects.restrict(user).filter(start_date__lte=today)
        for period in strategy.reporting_periods()
        if period[0] <= today
    }
    return [(start.isoformat(), period_name(start, end)) for start, end in sorted(periods)[::-1]]
