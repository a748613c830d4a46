"""Priority actions: the list, the action page (with the panels other apps add), create, edit."""

from collections import defaultdict

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy

from coordination import access
from coordination.models import Ministry
from coordination.rows import in_language
from coordination.views import (
    RestrictedCreateView,
    RestrictedDetailView,
    RestrictedListView,
    RestrictedUpdateView,
)
from strategy import services
from strategy.filters import PriorityActionFilter
from strategy.forms import PriorityActionForm, ReportRequestForm
from strategy.models import (
    Indicator,
    IndicatorValue,
    Pillar,
    PriorityAction,
    ProgressUpdate,
    ReportRequest,
    ReportState,
    target_year,
)
from strategy.panels import action_panels


def audit_trail(user, action, limit=50):
    """Changes to the action, and to the reports (and their indicator values) whose history
    the user may read: another ministry's validated report shows as it is, not its drafts."""
    types = ContentType.objects.get_for_models(PriorityAction, ProgressUpdate, IndicatorValue)
    reports = ProgressUpdate.objects.with_history_readable_by(user, within={"action": action})
    values = IndicatorValue.objects.filter(report__in=reports.values("pk")).values("pk")
    reports = reports.values("pk")
    return (
        LogEntry.objects.filter(
            Q(content_type=types[PriorityAction], object_id=action.pk)
            | Q(content_type=types[ProgressUpdate], object_id__in=reports)
            | Q(content_type=types[IndicatorValue], object_id__in=values)
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp")[:limit]
    )


class _IdsByPillar:
    """The ids of a list of actions in their order (pillar number, then code), for the
    paginator, without sorting every action for every page: the number of actions of each
    pillar number is counted first (which gives the total too), then only the pillars a page
    spans are sorted. The count and the ids come from the same restricted, filtered queryset."""

    def __init__(self, queryset):
        self.queryset = queryset
        # Counted per pillar id, which its index answers, then named by number in a second
        # small query: grouped by the joined number, every action is read and hashed (2.8 ms
        # against 0.5 ms for 5,000). Pillars of two strategies may share a number.
        per_pillar = dict(
            queryset.order_by().values_list("pillar_id").annotate(n=Count("*")).order_by()
        )
        numbers = Pillar.objects.filter(pk__in=per_pillar).order_by().values_list("pk", "number")
        counts = defaultdict(int)
        for pillar_id, number in numbers:
            counts[number] += per_pillar[pillar_id]
        self.counts = sorted(counts.items())

    def count(self) -> int:
        return sum(n for _, n in self.counts)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, page: slice) -> list[int]:
        numbers, offset, first = [], 0, 0
        for number, n in self.counts:
            if first + n > page.start and first < page.stop:
                if not numbers:
                    offset = page.start - first
                numbers.append(number)
            first += n
        if not numbers:
            return []
        ids = self.queryset.filter(pillar__number__in=numbers).values_list("pk", flat=True)
        return list(ids[offset : offset + page.stop - page.start])


class ActionListView(RestrictedListView):
    model = PriorityAction
    filterset_class = PriorityActionFilter
    template_name = "strategy/action_list.html"
    # Columns a subclass reads beyond those the page shows (the export adds the start date).
    extra_row_fields = ()

    def decorate(self, queryset):
        return queryset.with_reporting(self.request.user)

    def page_rows(self, queryset):
        """A page's rows as values (see action_list.action_rows), each action's title, its
        pillar's and its ministries' names in every language the user's falls back to, and
        its supporting ministries in one more query, as plain lists."""
        titles = in_language(PriorityAction, "title")
        pillar_titles = in_language(Pillar, "title", prefix="pillar__")
        lead_names = in_language(Ministry, "name", prefix="lead_ministry__")
        rows = {
            row["pk"]: row
            for row in queryset.values(
                "pk",
                "code",
                "status",
                "percent_complete",
                "due_date",
                "pillar__number",
                "lead_ministry__code",
                "last_report_state",
                "last_report_period",
                "last_report_period_end",
                "report_due",
                "report_overdue",
                *self.extra_row_fields,
                *titles.fields,
                *pillar_titles.fields,
                *lead_names.fields,
            )
        }
        names = in_language(Ministry, "name", prefix="ministry__")
        supporting = defaultdict(list)
        through = PriorityAction.supporting_ministries.through.objects.filter(
            priorityaction_id__in=list(rows)
        ).order_by("ministry__code")
        for support in through.values("priorityaction_id", "ministry__code", *names.fields):
            supporting[support["priorityaction_id"]].append(
                (names(support), support["ministry__code"])
            )
        for pk, row in rows.items():
            row["title"] = titles(row)
            row["pillar_title"] = pillar_titles(row)
            row["lead_name"] = lead_names(row)
            row["supporting"] = supporting[pk]
        return rows

    def page_ids(self, queryset):
        query = queryset.query
        ordering = query.order_by or (query.default_ordering and PriorityAction._meta.ordering)
        if list(ordering or ()) != ["pillar__number", "code"]:
            return super().page_ids(queryset)
        return _IdsByPillar(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = access.can_add(self.request.user, PriorityAction)
        context["can_set_up"] = access.manages_everything(self.request.user)
        return context


class ActionDetailView(RestrictedDetailView):
    model = PriorityAction
    template_name = "strategy/action_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("pillar__strategy", "lead_ministry")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, action = self.request.user, self.object
        context["supporting_ministries"] = supporting = list(action.supporting_ministries.all())
        # Validated reports are readable by whoever may see their action (ProgressUpdate's
        # access policy, readable_with), and this action is visible: no need to nest the
        # user's whole scope into a subquery evaluated once per indicator.
        latest_values = IndicatorValue.objects.filter(
            indicator=OuterRef("pk"), report__state=ReportState.VALIDATED
        ).order_by("-report__period_start", "-pk")
        on_action = {"action": action}
        # One action's records: their models' ordering by action (pillar number, code)
        # would only join the action and its pillar to sort by a constant.
        context["indicators"] = indicators = list(
            Indicator.objects.restrict(user, within=on_action)
            .with_targets()
            .annotate(
                latest_value=Subquery(latest_values.values("value")[:1]),
                latest_period=Subquery(latest_values.values("report__period_start")[:1]),
                latest_period_end=Subquery(latest_values.values("report__period_end")[:1]),
            )
            .order_by("pk")
        )
        for indicator in indicators:
            # The latest value against the target of its own period's year.
            indicator.latest_target = (
                indicator.target_for(target_year(indicator.latest_period_end))
                if indicator.latest_period_end
                else None
            )
        context["can_report"] = bool(
            services.reporting_ministry_ids(
                user, action, supporting_ids=[ministry.pk for ministry in supporting]
            )
        )
        if access.ministry_ids(user):
            context["open_report"] = (
                ProgressUpdate.objects.restrict(user, access.CHANGE, within=on_action)
                .filter(state__in=[ReportState.DRAFT, ReportState.RETURNED])
                .order_by("period_start")
                .first()
            )
        context["audit_trail"] = audit_trail(user, action)
        # Rows of values for action_page.report_items: the columns it shows.
        context["progress_updates"] = (
            ProgressUpdate.objects.restrict(user, within=on_action)
            .order_by("-period_start", "pk")
            .values(
                "pk",
                "period_start",
                "period_end",
                "ministry__code",
                "state",
                "status",
                "percent_complete",
                "narrative",
                "support_needed",
                "submitted_by__username",
                "submitted_at",
                "reviewed_by__username",
                "reviewed_at",
            )
        )
        context["can_change"] = access.can(user, access.CHANGE, action)
        if access.manages_everything(user):
            context["report_request_form"] = ReportRequestForm.for_action(
                action, supporting=supporting
            )
        context["report_requests"] = (
            ReportRequest.objects.restrict(user, within=on_action)
            .select_related("ministry", "asked_by")
            .order_by("-asked_at", "-pk")[:20]
        )
        context["can_set_up"] = access.manages_everything(user)
        context["panels"] = action_panels(self.request, action)
        return context


class ActionCreateView(RestrictedCreateView):
    model = PriorityAction
    form_class = PriorityActionForm
    template_name = "strategy/action_form.html"
    success_message = gettext_lazy("The priority action was created.")

    def get_success_url(self):
        return reverse("strategy:action_detail", args=[self.object.pk])


class ActionUpdateView(RestrictedUpdateView):
    model = PriorityAction
    form_class = PriorityActionForm
    template_name = "strategy/action_form.html"
    success_message = gettext_lazy("The priority action was saved.")

    def get_success_url(self):
        return reverse("strategy:action_detail", args=[self.object.pk])
