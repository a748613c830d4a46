import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coordination.models import Ministry, Role, User


class AccountFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search name, user name or e-mail"),
        method="search",
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    role = django_filters.ChoiceFilter(
        choices=Role.choices, label=_("Role"), empty_label=_("All roles")
    )
    ministry = django_filters.ModelChoiceFilter(
        queryset=Ministry.objects.filter(is_active=True),
        field_name="groups__ministry",
        label=_("Ministry"),
        empty_label=_("Any ministry"),
    )
    is_active = django_filters.ChoiceFilter(
        choices=[("true", _("Active")), ("false", _("Deactivated"))],
        label=_("Status"),
        empty_label=_("Active and deactivated"),
        method="filter_active",
    )

    class Meta:
        model = User
        fields = ["q", "role", "ministry", "is_active"]

    def search(self, queryset, name, value):
        words = value.strip()
        return queryset.filter(
            Q(username__icontains=words)
            | Q(first_name__icontains=words)
            | Q(last_name__icontains=words)
            | Q(email__icontains=words)
        )

    def filter_active(self, queryset, name, value):
        return queryset.filter(is_active=value == "true")
