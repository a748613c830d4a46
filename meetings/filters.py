"""The decision register's filter. Its meeting field lists the meetings of one coordination
body at a time, the body chosen first: a list of every meeting (600 in the national dataset)
cost the page a third of its time and most of its size."""

import functools
from dataclasses import dataclass
from html import escape

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy

from coordination.models import CoordinationBody, Ministry
from meetings.models import Decision, FollowUp, FollowUpStatus, Meeting

# The filters' querysets are given as callables: a FilterSet deep-copies its filters on every
# request, and a queryset's query with them.


def visible_meetings(request):
    return Meeting.objects.restrict(request.user)


def bodies(request):
    return CoordinationBody.objects.all()


def ministries(request):
    return Ministry.objects.all()


class DecisionFilterForm(forms.Form):
    def clean(self):
        cleaned_data = super().clean()
        body, meeting = cleaned_data.get("body"), cleaned_data.get("meeting")
        if body is not None and meeting is not None and meeting.body_id != body.pk:
            # The body was changed after a meeting of another body was chosen: the new
            # body's decisions are shown and its meetings listed to choose from.
            del cleaned_data["meeting"]
        return cleaned_data


@dataclass
class SelectField:
    """One select of the filter, its options written out in Python."""

    field: forms.BoundField
    options: str
    hint: str = ""

    @property
    def described_by(self) -> str:
        ids = [f"{self.field.auto_id}-hint"] if self.hint else []
        if self.field.errors:
            ids.append(f"{self.field.auto_id}-error")
        return " ".join(ids)


def options(empty_label, choices, current) -> str:
    """A select's options, the current value selected, as the filter fields include renders
    them; a value that is not among them selects the empty option. Escaped with
    ``html.escape`` as ``format_html`` would: a body's meetings are a hundred options."""
    current = "" if current is None else str(current)
    return mark_safe(  # noqa: S308 - every value and label is escaped
        "".join(
            f'<option value="{escape(str(value))}"'
            f"{' selected' if str(value) == current else ''}>{escape(str(label))}</option>"
            for value, label in [("", empty_label), *choices]
        )
    )


class DecisionFilter(django_filters.FilterSet):
    body = django_filters.ModelChoiceFilter(
        queryset=bodies,
        field_name="meeting__body",
        label=gettext_lazy("Body"),
        empty_label=gettext_lazy("All bodies"),
    )
    # Any meeting the user may see is accepted (an address from before the field was
    # narrowed by body keeps working); the field lists those of the chosen body.
    meeting = django_filters.ModelChoiceFilter(
        queryset=visible_meetings,
        label=gettext_lazy("Meeting"),
        empty_label=gettext_lazy("All meetings"),
    )
    ministry = django_filters.ModelChoiceFilter(
        queryset=ministries,
        field_name="responsible_ministries",
        label=gettext_lazy("Responsible ministry"),
        empty_label=gettext_lazy("All ministries"),
    )
    # With a ministry chosen, its own follow-up's status, not the decision's overall one.
    status = django_filters.ChoiceFilter(
        choices=FollowUpStatus.choices,
        method="filter_status",
        label=gettext_lazy("Follow-up status"),
        empty_label=gettext_lazy("All statuses"),
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label=gettext_lazy("Overdue only"), widget=forms.CheckboxInput
    )

    class Meta:
        model = Decision
        fields = ["body", "meeting", "ministry", "status", "overdue"]
        form = DecisionFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.data.get("meeting"):
            # No meeting to check: the access layer is asked for meetings only when one is
            # named or a body's are listed.
            self.filters["meeting"].queryset = Meeting.objects.none()

    def filter_status(self, queryset, name, value):
        ministry = self._cleaned("ministry")
        if ministry is None:
            return queryset.filter(follow_up_status=value)
        own = FollowUp.objects.filter(decision=OuterRef("pk"), ministry=ministry, status=value)
        return queryset.filter(Exists(own))

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        ministry = self._cleaned("ministry")
        return queryset.overdue() if ministry is None else queryset.overdue_for([ministry.pk])

    def _cleaned(self, name):
        if not self.is_bound or name in self.errors:
            return None
        return self.form.cleaned_data.get(name)

    @cached_property
    def body_of_meetings(self) -> int | None:
        """The body whose meetings the meeting field lists: the one chosen, else that of
        the meeting chosen (a dashboard links to one meeting's decisions)."""
        body, meeting = self._cleaned("body"), self._cleaned("meeting")
        if body is not None:
            return body.pk
        return meeting.body_id if meeting is not None else None

    def _meeting_choices(self):
        meetings = (
            visible_meetings(self.request)
            .filter(body_id=self.body_of_meetings)
            .order_by("-start", "pk")
            .values_list("pk", "start", "title")
        )
        # The date first, as the pages write it (a body meets on a few hundred days at most).
        day = functools.cache(date_format)
        return [
            (pk, f"{day(timezone.localdate(start))} · {title}") for pk, start, title in meetings
        ]

    @cached_property
    def selects(self) -> list[SelectField]:
        form = self.form
        body = form["body"]
        meeting = form["meeting"]
        selects = [
            SelectField(
                body,
                options(
                    body.field.empty_label,
                    [(b.pk, str(b)) for b in bodies(self.request)],
                    self.body_of_meetings if self.body_of_meetings is not None else body.value(),
                ),
            )
        ]
        if self.body_of_meetings is None:
            selects.append(
                SelectField(
                    meeting,
                    options(meeting.field.empty_label, [], None),
                    hint=gettext("Choose a body and press Filter to list its meetings."),
                )
            )
        else:
            selects.append(
                SelectField(
                    meeting,
                    options(meeting.field.empty_label, self._meeting_choices(), meeting.value()),
                )
            )
        ministry = form["ministry"]
        status = form["status"]
        selects += [
            SelectField(
                ministry,
                options(
                    ministry.field.empty_label,
                    [(m.pk, str(m)) for m in ministries(self.request)],
                    ministry.value(),
                ),
            ),
            SelectField(
                status,
                options(status.field.empty_label, FollowUpStatus.choices, status.value()),
            ),
        ]
        return selects
