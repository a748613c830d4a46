import django_filters
from django import forms
from django.utils.translation import gettext_lazy

from coordination.models import CoordinationBody, Ministry
from meetings.models import Decision, FollowUpStatus, Meeting


class DecisionFilter(django_filters.FilterSet):
    body = django_filters.ModelChoiceFilter(
        queryset=CoordinationBody.objects.all(),
        field_name="meeting__body",
        label=gettext_lazy("Body"),
        empty_label=gettext_lazy("All bodies"),
    )
    meeting = django_filters.ModelChoiceFilter(
        queryset=lambda request: Meeting.objects.restrict(request.user),
        label=gettext_lazy("Meeting"),
        empty_label=gettext_lazy("All meetings"),
    )
    ministry = django_filters.ModelChoiceFilter(
        queryset=Ministry.objects.all(),
        field_name="responsible_ministries",
        label=gettext_lazy("Responsible ministry"),
        empty_label=gettext_lazy("All ministries"),
    )
    status = django_filters.ChoiceFilter(
        choices=FollowUpStatus.choices,
        field_name="follow_up_status",
        label=gettext_lazy("Follow-up status"),
        empty_label=gettext_lazy("All statuses"),
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=gettext_lazy("Overdue only"), widget=forms.CheckboxInput
    )

    class Meta:
        model = Decision
        fields = ["body", "meeting", "ministry", "status", "overdue"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "form-check-input"
            else:
                field.widget.attrs["class"] = "form-select"

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset
