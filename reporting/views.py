from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views import generic

from coordination import access
from coordination.models import CoordinationBody, Ministry
from coordination.rows import options, translated_columns
from coordination.views import (
    AccessControlledView,
    GeneratedDocumentRequestView,
    GeneratedDocumentView,
)
from meetings.models import Meeting
from reporting import charts, dashboards, home, period_picture
from reporting.models import QuarterlyReport, QuarterlyReportKind
from reporting.tasks import render_quarterly_report
from strategy.models import (
    STATUS_COLOURS,
    ActionStatus,
    PriorityAction,
    Strategy,
    period_name,
)


class HomeView(AccessControlledView, generic.TemplateView):
    """What matters to each role, all from the user's restricted records."""

    template_name = "reporting/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        # Each list reads through restrict(); a restricted queryset serves two lists, its
        # scope (subqueries of the user's ministries) built once.
        actions = PriorityAction.objects.restrict(user)
        meetings = Meeting.objects.restrict(user)
        counts = dict(
            actions.order_by()
            .values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        context["status_counts"] = [
            (status, counts.get(status.value, 0), STATUS_COLOURS[status]) for status in ActionStatus
        ]
        context["total_actions"] = sum(counts.values())
        context["overdue_actions"] = home.overdue_actions(actions)
        context["upcoming_meetings"] = home.upcoming_meetings(meetings)
        context["overdue_decisions"] = home.overdue_decisions(user)
        context["own_follow_ups_only"] = not access.reads_everything(user)
        if access.manages_everything(user):
            context["reports_to_review"] = home.reports_to_review(user)
        elif access.ministry_ids(user):
            context["reports_to_finish"] = home.reports_to_finish(user)
        context["my_ministries"] = Ministry.objects.filter(pk__in=access.ministry_ids(user))
        return context


class DashboardView(AccessControlledView, generic.TemplateView):
    """Where the strategy stands, what is stuck and who must act, from the records the
    user may see. The steering body and the secretariat see every ministry; a focal point
    gets the same views limited to their ministries. Every figure is read afresh through
    the access layer on each request."""

    model = PriorityAction
    by_ministry = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.figures())
        selected = {
            name: self.request.GET.get(name, "")
            for name in ("period", "pillar", "ministry", "body")
        }
        context["selected"] = selected
        filters = context["filters"]
        context["period_options"] = options(
            [
                ("", _("Today")),
                *(
                    (start.isoformat(), period_name(start, end))
                    for start, end in reversed(filters.periods)
                ),
            ],
            filters.period[0].isoformat() if filters.as_of else "",
        )
        context["pillar_options"] = options(
            (
                (pillar.pk, f"{pillar.number}. {dashboards.shortened(pillar.title, 50)}")
                for pillar in context["pillars"]
            ),
            selected["pillar"],
        )
        context["ministry_options"] = options(
            ((ministry.pk, ministry.named) for ministry in context["ministry_choices"]),
            selected["ministry"],
        )
        context["body_options"] = options(
            ((body.pk, body.named) for body in context["bodies"]), selected["body"]
        )
        context["list_items"] = dashboards.list_items(context["lists"])
        context["pillar_rows_html"] = dashboards.pillar_rows_html(context["pillar_rows"])
        context["status_rows_html"] = dashboards.status_rows_html(
            context["bars"], filters, linked=not context["as_of_period"]
        )
        context["trend_rows_html"] = dashboards.trend_rows_html(context["trend"])
        context["stage_rows_html"] = dashboards.stage_rows_html(context["stages"])
        context["ask_to_report"] = dashboards.report_request_form(self.request, filters)
        context["compliance_rows"] = dashboards.compliance_rows(
            context["compliance"], context["ask_to_report"]
        )
        return context

    def figures(self) -> dict:
        user = self.request.user
        strategy, pillars = Strategy.objects.current_with_pillars()
        filters = dashboards.filters_from(self.request, strategy)
        grid = dashboards.status_grid(user, filters, cells=self.by_ministry)
        # A period chosen: the statuses and lists as they stood at its end, as in its
        # periodic report.
        if filters.as_of:
            picture = period_picture.actions_in_period(
                user, filters.period, pillar=filters.pillar, ministry=filters.ministry
            )
            grid.update(period_picture.status_counts(picture))
            lists = dashboards.lists_as_of(user, filters, picture)
        else:
            lists = dashboards.action_lists(user, filters)
        ministries = list(dashboards.filter_ministries(user))
        rtl = translation.get_language_bidi()
        total = sum(grid["overall"].values())
        bars = dashboards.status_bars(grid["overall"])
        trend, compliance = dashboards.trend_and_compliance(
            user, filters, strategy, pillars, ministries
        )
        stages = dashboards.route_stages(grid["stages"])
        data = {
            "as_of_period": period_name(*filters.period) if filters.as_of else "",
            "period_name": period_name(*filters.period) if filters.period else "",
            "strategy": strategy,
            "filters": filters,
            "pillars": pillars,
            "total": total,
            "bars": bars,
            "on_track_share": round(100 * grid["overall"].get(ActionStatus.ON_TRACK, 0) / total)
            if total
            else 0,
            "status_chart": charts.horizontal_bars(
                [(b["label"], b["count"], charts.status_hex(b["status"])) for b in bars], rtl=rtl
            ),
            "pillar_rows": [
                {
                    "pillar": pillar,
                    "bars": dashboards.status_bars(grid["per_pillar"][pillar.pk]),
                    "total": sum(grid["per_pillar"][pillar.pk].values()),
                }
                for pillar in pillars
            ],
            "compliance": compliance,
            "trend": trend,
            "trend_chart": charts.stacked_columns(
                [
                    (row["label"], [(s, row["counts"].get(s, 0)) for s in ActionStatus])
                    for row in trend
                ],
                rtl=rtl,
            ),
            "stages": stages,
            "stage_chart": charts.horizontal_bars(
                [(row["label"], row["count"], "#0a58ca") for row in stages], rtl=rtl
            ),
            "lists": lists,
            "computed_at": timezone.now(),
            "ministry_choices": ministries,
            "bodies": CoordinationBody.objects.only("pk", "code", *translated_columns("name")),
        }
        if self.by_ministry:
            data["grid_rows"] = dashboards.grid_rows(grid["cells"], pillars, ministries)
        else:
            data.update(dashboards.ministry_lists(user, filters, strategy))
        return data


class SteeringDashboardView(DashboardView):
    template_name = "reporting/steering.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.reads_everything(request.user):
            # The period and filters chosen are kept: the same view of their ministries.
            query = request.GET.urlencode()
            return redirect(reverse("dashboard:ministry") + (f"?{query}" if query else ""))
        return super().dispatch(request, *args, **kwargs)


class MinistryDashboardView(DashboardView):
    template_name = "reporting/ministry.html"
    by_ministry = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and access.reads_everything(request.user):
            query = request.GET.urlencode()
            return redirect(reverse("dashboard:steering") + (f"?{query}" if query else ""))
        return super().dispatch(request, *args, **kwargs)


class QuarterlyReportRequestView(GeneratedDocumentRequestView):
    """Ask for the quarterly report or workbook of a period; a task makes it."""

    model = QuarterlyReport
    document_model = QuarterlyReport
    render_task = render_quarterly_report
    status_url_name = "quarterly_report"

    def post(self, request, *args, **kwargs):
        strategy = Strategy.objects.current()
        periods = {
            start.isoformat(): (start, end)
            for start, end in (strategy.reporting_periods() if strategy else [])
        }
        period = periods.get(request.POST.get("period", ""))
        kind = request.POST.get("kind")
        if period is None or kind not in QuarterlyReportKind.values:
            messages.error(request, _("Choose a reporting period and a kind of report."))
            return redirect("dashboard:steering")
        return self.request_document(period_start=period[0], period_end=period[1], kind=kind)


class QuarterlyReportView(GeneratedDocumentView):
    """Progress while the report is made; then its download (only for who asked)."""

    model = QuarterlyReport
    context_object_name = "report"
    template_name = "reporting/report.html"
    status_template_name = "reporting/_report_status.html"
