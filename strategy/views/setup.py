"""The strategy's set-up, for the secretariat and administrators: the strategy's settings
with a preview of its reporting periods, its pillars, and each action's indicators with
their yearly targets. Everyone else is refused (403), or does not find a record they may
not see (404)."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy

from coordination import access
from coordination.views import (
    RestrictedCreateView,
    RestrictedDetailView,
    RestrictedListView,
    RestrictedUpdateView,
)
from strategy.models import Indicator, IndicatorTarget, Pillar, PriorityAction, Strategy
from strategy.setup_forms import IndicatorForm, PillarForm, StrategyForm

AUDIT_ENTRIES = 50


class ManagersOnly:
    """Set-up pages: the secretariat and administrators only. A page under a record looks
    the record up first (in its own ``dispatch``), so that another ministry's is not found
    rather than refused."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.manages_everything(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ManagersOnlyRecord:
    """A set-up page of one record: not found (404) unless visible, then refused (403)
    unless the user manages everything."""

    def get_object(self, queryset=None):
        record = super().get_object(queryset)
        if not access.manages_everything(self.request.user):
            raise PermissionDenied
        return record


def periods_with_due_dates(strategy) -> list[tuple]:
    """(first day, last day, report due date) of each of the strategy's reporting periods."""
    return [
        (start, end, strategy.report_due_date(end)) for start, end in strategy.reporting_periods()
    ]


def latest_changes(condition: Q, limit=AUDIT_ENTRIES):
    """The latest audit log entries matching ``condition``, newest first."""
    return (
        LogEntry.objects.filter(condition)
        .select_related("actor", "content_type")
        .order_by("-timestamp")[:limit]
    )


class StrategySetupListView(ManagersOnly, RestrictedListView):
    model = Strategy
    template_name = "strategy/setup/strategy_list.html"

    def decorate(self, queryset):
        return queryset.annotate(pillar_count=Count("pillars")).order_by("-start_date")


class _StrategyFormView:
    """The strategy's form: "Preview the reporting periods" shows the typed settings'
    periods without saving them."""

    model = Strategy
    form_class = StrategyForm
    template_name = "strategy/setup/strategy_form.html"

    def form_valid(self, form):
        if StrategyForm.PREVIEW in self.request.POST:
            return self.render_to_response(
                self.get_context_data(
                    form=form, periods=periods_with_due_dates(form.instance), previewing=True
                )
            )
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("strategy:strategy_update", args=[self.object.pk])


class StrategyCreateView(ManagersOnly, _StrategyFormView, RestrictedCreateView):
    success_message = gettext_lazy("The strategy was created.")


class StrategyUpdateView(ManagersOnlyRecord, _StrategyFormView, RestrictedUpdateView):
    success_message = gettext_lazy("The strategy's settings were saved.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # As saved: the form's instance holds what was typed, valid or not.
        context["saved"] = saved = Strategy.objects.get(pk=self.object.pk)
        if "periods" not in context:
            context["periods"] = periods_with_due_dates(saved)
        context["pillars"] = saved.pillars.order_by("number")
        types = ContentType.objects.get_for_models(Strategy, Pillar)
        context["audit_trail"] = latest_changes(
            Q(content_type=types[Strategy], object_id=saved.pk)
            | Q(
                content_type=types[Pillar],
                object_id__in=Pillar.objects.filter(strategy=saved).values("pk"),
            )
        )
        return context


class _PillarFormView:
    model = Pillar
    form_class = PillarForm
    template_name = "strategy/setup/pillar_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["strategy"] = self.strategy
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(strategy=self.strategy, **kwargs)

    def get_success_url(self):
        return reverse("strategy:strategy_update", args=[self.strategy.pk])


class PillarCreateView(ManagersOnly, _PillarFormView, RestrictedCreateView):
    success_message = gettext_lazy("The pillar was added.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.strategy = access.get_visible_or_404(Strategy, request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class PillarUpdateView(ManagersOnlyRecord, _PillarFormView, RestrictedUpdateView):
    success_message = gettext_lazy("The pillar was saved.")

    def get_queryset(self):
        return super().get_queryset().select_related("strategy")

    def get_object(self, queryset=None):
        pillar = super().get_object(queryset)
        self.strategy = pillar.strategy
        return pillar


class ActionIndicatorsView(ManagersOnlyRecord, RestrictedDetailView):
    """An action's indicators with their yearly targets, and their audit trail."""

    model = PriorityAction
    access_action = access.CHANGE
    template_name = "strategy/setup/action_indicators.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = self.object
        indicators = list(
            Indicator.objects.restrict(self.request.user, within={"action": action})
            .with_targets()
            .order_by("pk")
        )
        context["indicators"] = indicators
        ids = [indicator.pk for indicator in indicators]
        types = ContentType.objects.get_for_models(Indicator, IndicatorTarget)
        # A target emptied is gone: its entries are found by the indicator they name.
        context["audit_trail"] = latest_changes(
            Q(content_type=types[Indicator], object_id__in=ids)
            | Q(content_type=types[IndicatorTarget], additional_data__indicator__in=ids)
        )
        return context


class _IndicatorFormView:
    model = Indicator
    form_class = IndicatorForm
    template_name = "strategy/setup/indicator_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["action"] = self.action
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(action=self.action, **kwargs)

    def get_success_url(self):
        return reverse("strategy:action_indicators", args=[self.action.pk])


class IndicatorCreateView(ManagersOnly, _IndicatorFormView, RestrictedCreateView):
    success_message = gettext_lazy("The indicator was added.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            # Another ministry's action is not found, before anyone is refused.
            self.action = access.get_visible_or_404(
                PriorityAction.objects.select_related("pillar__strategy"),
                request.user,
                pk=kwargs["pk"],
            )
        return super().dispatch(request, *args, **kwargs)


class IndicatorUpdateView(ManagersOnlyRecord, _IndicatorFormView, RestrictedUpdateView):
    success_message = gettext_lazy("The indicator was saved.")

    def get_queryset(self):
        return super().get_queryset().select_related("action")

    def get_object(self, queryset=None):
        indicator = super().get_object(queryset)
        self.action = indicator.action
        return indicator
