from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, Subquery
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordination import access
from coordination.page_cache import CachedBodyMixin
from coordination.uploads import document_response
from coordination.views import (
    AccessControlledView,
    RestrictedCreateView,
    RestrictedDetailView,
    RestrictedListView,
    RestrictedObjectMixin,
    RestrictedUpdateView,
)
from strategy import services
from strategy.filters import PriorityActionFilter
from strategy.forms import PriorityActionForm, ProgressReportForm, ReviewForm
from strategy.models import (
    Evidence,
    IndicatorValue,
    PriorityAction,
    ProgressUpdate,
    ReportState,
)
from strategy.panels import action_panels


def audit_trail(user, action, limit=50):
    """Changes to the action, and to the reports and indicator values the user may see."""
    types = ContentType.objects.get_for_models(PriorityAction, ProgressUpdate, IndicatorValue)
    reports = ProgressUpdate.objects.restrict(user).filter(action=action).values("pk")
    values = IndicatorValue.objects.restrict(user).filter(report__action=action).values("pk")
    return (
        LogEntry.objects.filter(
            Q(content_type=types[PriorityAction], object_id=action.pk)
            | Q(content_type=types[ProgressUpdate], object_id__in=reports)
            | Q(content_type=types[IndicatorValue], object_id__in=values)
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp")[:limit]
    )


class ActionListView(CachedBodyMixin, RestrictedListView):
    model = PriorityAction
    filterset_class = PriorityActionFilter
    template_name = "strategy/_action_list_body.html"
    page_template = "strategy/action_list.html"

    def decorate(self, queryset):
        return queryset.for_list().with_reporting(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = access.can_add(self.request.user, PriorityAction)
        return context


class ActionDetailView(CachedBodyMixin, RestrictedDetailView):
    model = PriorityAction
    template_name = "strategy/_action_detail_body.html"
    page_template = "strategy/action_detail.html"

    def page_context(self, context):
        action = context["object"]
        return {"code": action.code, "heading": f"{action.code} {action.title}"}

    def get_queryset(self):
        return super().get_queryset().select_related("pillar__strategy", "lead_ministry")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, action = self.request.user, self.object
        context["supporting_ministries"] = action.supporting_ministries.all()
        # Validated reports are readable by whoever may see their action (ProgressUpdate's
        # access policy, readable_with), and this action is visible: no need to nest the
        # user's whole scope into a subquery evaluated once per indicator.
        latest_values = IndicatorValue.objects.filter(
            indicator=OuterRef("pk"), report__state=ReportState.VALIDATED
        ).order_by("-report__period_start", "-pk")
        context["indicators"] = action.indicators.restrict(user).annotate(
            latest_value=Subquery(latest_values.values("value")[:1]),
            latest_period=Subquery(latest_values.values("report__period_start")[:1]),
        )
        context["can_report"] = services.reporting_ministries(user, action).exists()
        if access.ministry_ids(user):
            context["open_report"] = (
                ProgressUpdate.objects.restrict(user, access.CHANGE)
                .filter(action=action, state__in=[ReportState.DRAFT, ReportState.RETURNED])
                .order_by("period_start")
                .first()
            )
        context["audit_trail"] = audit_trail(user, action)
        context["progress_updates"] = (
            ProgressUpdate.objects.restrict(user)
            .filter(action=action)
            .select_related("ministry", "submitted_by", "reviewed_by")
        )
        context["can_change"] = access.can(user, access.CHANGE, action)
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


class ReportFormMixin:
    template_name = "strategy/report_form.html"

    def submitting(self) -> bool:
        return "submit_report" in self.request.POST

    def render_form(self, form, status=200):
        if self.request.FILES and self.request.method == "POST":
            # Browsers never send a file twice: say so rather than lose it silently.
            messages.warning(
                self.request,
                _("Nothing was saved, so the files you chose were not kept: attach them again."),
            )
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "form": form,
                "action": self.action,
                "report": getattr(self, "report", None),
                "ministries": getattr(self, "ministries", None),
            },
            status=status,
        )

    def saved(self, report, submitted: bool):
        messages.success(
            self.request,
            _("Your report was submitted to the secretariat.")
            if submitted
            else _("Your draft was saved. You can come back to it later."),
        )
        return redirect("strategy:report_detail", report.pk)


class ReportCreateView(ReportFormMixin, AccessControlledView):
    """A new progress report on an action the user's ministry leads or supports."""

    model = ProgressUpdate
    access_action = access.ADD

    def dispatch(self, request, *args, **kwargs):
        self.action = access.get_visible_or_404(
            PriorityAction.objects.select_related("pillar__strategy"),
            request.user,
            pk=kwargs["pk"],
        )
        self.ministries = services.reporting_ministries(request.user, self.action)
        if not self.ministries:
            raise PermissionDenied
        self.strategy = self.action.pillar.strategy
        self.periods = self.strategy.reportable_periods(
            self.action.start_date, timezone.localdate()
        )
        if not self.periods:
            messages.error(request, _("This action has no reporting period yet."))
            return redirect("strategy:action_detail", self.action.pk)
        return super().dispatch(request, *args, **kwargs)

    def own_reports(self):
        if len(self.ministries) != 1:
            return {}
        return {
            report.period_start: report
            for report in ProgressUpdate.objects.restrict(self.request.user).filter(
                action=self.action, ministry=self.ministries[0]
            )
        }

    def default_period(self, reports):
        """The older of the last two periods that has no report yet: an overdue report
        comes before the current one."""
        recent = self.periods[:2]
        return next((p for p in reversed(recent) if p[0] not in reports), recent[0])

    def initial_figures(self, reports):
        if reports:
            latest = reports[max(reports)]
            return {"status": latest.status, "percent_complete": latest.percent_complete}
        if self.ministries[0].pk == self.action.lead_ministry_id:
            return {"status": self.action.status, "percent_complete": self.action.percent_complete}
        return {}

    def get_form(self, data=None, files=None, initial=None):
        return ProgressReportForm(
            data,
            files,
            action=self.action,
            ministries=self.ministries,
            periods=[(p, self.strategy.report_due_date(p[1])) for p in self.periods],
            submitting=self.submitting() if data else False,
            initial=initial,
        )

    def get(self, request, *args, **kwargs):
        reports = self.own_reports()
        period = self.default_period(reports)
        existing = reports.get(period[0])
        if existing is not None and existing.is_editable:
            messages.info(request, _("You already started this report; continue it here."))
            return redirect("strategy:report_update", existing.pk)
        initial = {"period": period[0].isoformat(), **self.initial_figures(reports)}
        return self.render_form(self.get_form(initial=initial))

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(form)
        try:
            report = services.create_report(
                user=request.user,
                action=self.action,
                ministry=form.cleaned_data["ministry"],
                period=form.chosen_period(),
                content=form.content(),
                submit=self.submitting(),
            )
        except services.ReportAlreadyExists as error:
            messages.error(
                request,
                _(
                    "%(ministry)s already has a report on this action for %(period)s. "
                    "Open it below instead of starting another."
                )
                % {"ministry": error.existing.ministry.code, "period": error.existing.period_label},
            )
            return redirect("strategy:report_detail", error.existing.pk)
        return self.saved(report, report.state == ReportState.SUBMITTED)


class ReportUpdateView(ReportFormMixin, RestrictedObjectMixin):
    """Edit a draft or returned report; a save over someone else's newer save is refused."""

    model = ProgressUpdate
    access_action = access.CHANGE

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        self.report = self.get_object()
        self.action = self.report.action
        if not self.report.is_editable:
            messages.info(
                request,
                _("This report is %(state)s and can no longer be edited.")
                % {"state": self.report.get_state_display().lower()},
            )
            return redirect("strategy:report_detail", self.report.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return super().get_queryset().select_related("action", "ministry")

    def get_form(self, data=None, files=None):
        return ProgressReportForm(
            data,
            files,
            instance=self.report,
            action=self.action,
            ministries=None,
            submitting=self.submitting() if data else False,
        )

    def get(self, request, *args, **kwargs):
        return self.render_form(self.get_form())

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(form)
        try:
            report = services.update_report(
                user=request.user,
                report=self.report,
                expected_version=form.cleaned_data["version"],
                content=form.content(),
                submit=self.submitting(),
            )
        except services.ReportConflict as conflict:
            form.add_error(
                None,
                _(
                    "Your changes were not saved: someone saved this report at %(time)s, after you "
                    "opened it. Your text is kept below; copy what you need, then open the report "
                    "again to see their version."
                )
                % {
                    "time": date_format(
                        timezone.localtime(conflict.current.updated_at), "DATETIME_FORMAT"
                    )
                },
            )
            return self.render_form(form, status=409)
        except services.ReportNotEditable:
            messages.error(request, _("This report was submitted meanwhile and is read-only."))
            return redirect("strategy:report_detail", self.report.pk)
        return self.saved(report, report.state == ReportState.SUBMITTED)


class ReportDetailView(RestrictedDetailView):
    model = ProgressUpdate
    template_name = "strategy/report_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("action", "ministry", "submitted_by", "reviewed_by", "created_by")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report, user = self.object, self.request.user
        context["events"] = report.events.select_related("actor")
        context["indicator_values"] = report.indicator_values.select_related("indicator")
        context["evidence"] = report.evidence.all()
        context["can_edit"] = report.is_editable and access.can(user, access.CHANGE, report)
        context["can_review"] = access.manages_everything(user)
        context["review_form"] = kwargs.get("review_form") or ReviewForm(
            initial={"version": report.version}
        )
        return context


class ReportReviewView(RestrictedObjectMixin):
    """The secretariat validates, returns (with a comment) or reopens (with a reason)."""

    model = ProgressUpdate
    access_action = access.CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        report = self.get_object()
        if not access.manages_everything(request.user):
            raise PermissionDenied
        form = ReviewForm(request.POST)
        if not form.is_valid():
            detail = ReportDetailView(request=request, kwargs=kwargs, object=report)
            return TemplateResponse(
                request,
                ReportDetailView.template_name,
                detail.get_context_data(object=report, review_form=form),
                status=400,
            )
        step = {
            ReviewForm.VALIDATE: (
                services.validate_report,
                "comment",
                _("The report was validated."),
            ),
            ReviewForm.RETURN: (
                services.return_report,
                "comment",
                _("The report was returned to the ministry."),
            ),
            ReviewForm.REOPEN: (
                services.reopen_report,
                "reason",
                _("The report was reopened and returned to the ministry."),
            ),
        }[form.cleaned_data["decision"]]
        try:
            step[0](
                user=request.user,
                report=report,
                expected_version=form.cleaned_data["version"],
                **{step[1]: form.cleaned_data["comment"]},
            )
        except services.ReportNotEditable:
            messages.error(request, _("The report changed state meanwhile; nothing was done."))
        except services.ReportConflict:
            messages.error(
                request,
                _(
                    "The report was changed after you opened it; nothing was done. Read the "
                    "current text below, then decide again."
                ),
            )
        else:
            messages.success(request, step[2])
        return redirect("strategy:report_detail", report.pk)


class ValidationQueueView(RestrictedListView):
    """Submitted reports across ministries, the longest waiting first."""

    model = ProgressUpdate
    template_name = "strategy/validation_queue.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.manages_everything(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .filter(state=ReportState.SUBMITTED)
            .select_related("action", "ministry", "submitted_by")
            .order_by("submitted_at", "pk")
        )


class EvidenceDownloadView(RestrictedObjectMixin):
    """Evidence files leave only through here, to those who may see their report."""

    model = Evidence

    def get(self, request, *args, **kwargs):
        return document_response(self.get_object())
