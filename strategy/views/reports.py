"""Progress reports: a ministry writes one (create, edit), the report page, its evidence files."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Subquery
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import generic

from coordination import access
from coordination.uploads import document_response
from coordination.views import AccessControlledView, RestrictedObjectMixin
from strategy import services
from strategy.forms import ProgressReportForm, ReportCommentForm, ReviewForm, SubmitReportForm
from strategy.models import (
    Evidence,
    IndicatorTarget,
    IndicatorValue,
    PriorityAction,
    ProgressUpdate,
    ReportComment,
    ReportEvent,
    ReportState,
    target_year,
)


class ReportObjectMixin(RestrictedObjectMixin):
    """One report, 404 unless the user may see it and 403 if they may see but not
    ``access_action`` it, read in two short steps: its action through the access layer,
    then the report restricted within that action. A report is visible only with its
    action; asked for that action first, the report's restriction (and whether the user
    may change it) needs no subquery of every action the user may see, which the access
    layer otherwise builds twice per restriction of reports (about 4 ms in Python and 2 ms
    of SQL for a focal point on the national dataset)."""

    model = ProgressUpdate

    def decorate(self, reports, action):
        """Joins and annotations the page needs; ``action``: the report's, found visible."""
        return reports

    def get_object(self, queryset=None):
        user, pk = self.request.user, self.kwargs["pk"]
        action = access.get_visible_or_404(
            PriorityAction.objects.only("pk"), user, progress_updates=pk
        )
        changeable = ProgressUpdate.objects.restrict(user, access.CHANGE, within={"action": action})
        reports = self.decorate(
            ProgressUpdate.objects.restrict(user, within={"action": action}), action
        ).annotate(may_change=Exists(changeable.filter(pk=OuterRef("pk"))))
        report = access.get_visible_or_404(reports, user, pk=pk)
        if self.access_action == access.CHANGE and not report.may_change:
            raise PermissionDenied
        return report


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
        report = getattr(self, "report", None)
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "form": form,
                "action": self.action,
                "report": report,
                "evidence": report.evidence.only("pk", "report", "original_name").order_by(
                    "uploaded_at", "pk"
                )
                if report
                else (),
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
            # within: the action, found visible in dispatch(), is not proven visible again.
            for report in ProgressUpdate.objects.restrict(
                self.request.user, within={"action": self.action}
            ).filter(ministry=self.ministries[0])
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


class ReportUpdateView(ReportFormMixin, ReportObjectMixin):
    """Edit a draft or returned report; a save over someone else's newer save is refused."""

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

    def decorate(self, reports, action):
        return reports.select_related("action", "ministry")

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


class ReportPageMixin(ReportObjectMixin):
    """The report as its page shows it."""

    def decorate(self, reports, action):
        user = self.request.user
        # Whether the user reads the report's history, asked with the report itself
        # rather than in a query of its own.
        readable = ProgressUpdate.objects.with_history_readable_by(user, within={"action": action})
        return reports.select_related("action", "ministry", "reviewed_by", "created_by").annotate(
            history_readable=Exists(readable.filter(pk=OuterRef("pk")))
        )


class ReportDetailView(ReportPageMixin, generic.DetailView):
    template_name = "strategy/report_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(report_page_context(self.object, self.request.user))
        return context


class ReportSubmitView(ReportPageMixin):
    """Submit a saved draft from its page, once the focal point confirms it."""

    access_action = access.CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        report = self.get_object()
        form = SubmitReportForm(request.POST)
        if not form.is_valid():
            return TemplateResponse(
                request,
                ReportDetailView.template_name,
                report_page_context(report, request.user, submit_form=form),
                status=400,
            )
        try:
            services.submit_report(
                user=request.user, report=report, expected_version=form.cleaned_data["version"]
            )
        except services.ReportNotEditable:
            messages.error(request, _("This report was submitted meanwhile and is read-only."))
        except services.ReportConflict:
            messages.error(
                request,
                _(
                    "The report was saved again after you opened it; nothing was submitted. "
                    "Read it below, then submit it again."
                ),
            )
        except services.ReportIncomplete:
            messages.error(
                request, _("Write the narrative before you submit the report: edit it first.")
            )
        else:
            messages.success(request, _("Your report was submitted to the secretariat."))
        return redirect("strategy:report_detail", report.pk)


class ReportWithdrawView(ReportObjectMixin):
    """Take a submitted report back before the secretariat reviews it."""

    access_action = access.CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        report = self.get_object()
        try:
            services.withdraw_report(user=request.user, report=report)
        except services.ReportNotWithdrawable:
            messages.error(
                request,
                _(
                    "The secretariat has reviewed this report already; it can no longer be "
                    "withdrawn."
                ),
            )
        else:
            messages.success(
                request,
                _(
                    "Your report was withdrawn: it is a draft again, no longer awaiting "
                    "validation. Submit it again when it is ready."
                ),
            )
        return redirect("strategy:report_detail", report.pk)


class EvidenceRemoveView(RestrictedObjectMixin):
    """Remove an evidence file from a report its ministry is still writing."""

    model = Evidence
    http_method_names = ["post"]

    def get_queryset(self):
        return super().get_queryset().select_related("report")

    def post(self, request, *args, **kwargs):
        evidence = self.get_object()
        report = evidence.report
        try:
            services.remove_evidence(user=request.user, evidence=evidence)
        except services.ReportNotEditable:
            messages.error(request, _("Files are removed only from drafts and returned reports."))
        else:
            messages.success(
                request,
                _("The file “%(name)s” was removed from the report.")
                % {"name": evidence.original_name},
            )
        return redirect("strategy:report_detail", report.pk)


def report_page_context(
    report, user, review_form=None, submit_form=None, comment_form=None
) -> dict:
    """The report page as the user may see it; the review, submit or comment form with what
    was posted, if any.
    Each related list is sorted by its own columns: their default orderings sort by the
    report, its action and pillar, joining three more tables for one report."""
    shows_history = getattr(report, "history_readable", None)
    if shows_history is None:
        shows_history = (
            ProgressUpdate.objects.with_history_readable_by(user).filter(pk=report.pk).exists()
        )
    if shows_history:
        # The user reads this report's history (with_history_readable_by said so above):
        # its events and comments are restricted within it, without proving that again in
        # a subquery.
        events = ReportEvent.objects.restrict(user, within={"report": report})
        comments = ReportComment.objects.restrict(user, within={"report": report})
    else:
        events = ReportEvent.objects.restrict(user).filter(report=report)
        comments = ReportComment.objects.none()

    def may_change():
        if hasattr(report, "may_change"):  # asked with the report (ReportObjectMixin)
            return report.may_change
        return access.can(user, access.CHANGE, report)

    can_edit = report.is_editable and may_change()
    can_review = access.manages_everything(user)
    indicator_values = report.indicator_values.select_related("indicator").order_by("indicator_id")
    previous = None
    if can_review:
        # The target of the report's year beside each value, in the values' query (the
        # reviewer manages everything: no scope to narrow).
        indicator_values = indicator_values.annotate(
            target=Subquery(
                IndicatorTarget.objects.filter(
                    indicator=OuterRef("indicator"), year=target_year(report.period_end)
                )
                .order_by()
                .values("value")[:1]
            )
        )
        previous, indicator_values = with_previous_values(report, user, indicator_values)
    return {
        "object": report,
        "shows_history": shows_history,
        "events": events.select_related("actor")
        .only("kind", "at", "comment", "actor__username")
        .order_by("at", "pk"),
        "indicator_values": indicator_values,
        "previous_report": previous,
        "target_year": target_year(report.period_end),
        "evidence": report.evidence.only("pk", "report", "original_name", "size").order_by(
            "uploaded_at", "pk"
        ),
        "can_edit": can_edit,
        "can_withdraw": report.is_withdrawable
        and report.ministry_id in access.ministry_ids(user)
        and may_change(),
        "can_review": can_review,
        "review_form": review_form or ReviewForm(initial={"version": report.version}),
        "submit_form": submit_form or SubmitReportForm(initial={"version": report.version}),
        "comments": comments.select_related("author")
        .only("text", "written_at", "author__username", "author__first_name", "author__last_name")
        .order_by("written_at", "pk"),
        "can_comment": shows_history and access.can_add(user, ReportComment),
        "comment_form": comment_form or ReportCommentForm(),
    }


def with_previous_values(report, user, indicator_values):
    """For the review: the same ministry's latest validated report on the action for an
    earlier period (or None), and ``indicator_values`` as a list, each with the value that
    report gave for its indicator as ``previous`` (None without one). Two queries at most,
    both through the access layer."""
    previous = (
        ProgressUpdate.objects.restrict(user, within={"action": report.action})
        .filter(
            ministry_id=report.ministry_id,
            state=ReportState.VALIDATED,
            period_start__lt=report.period_start,
        )
        .order_by("-period_start")
        .only("pk", "period_start", "period_end")
        .first()
    )
    values = list(indicator_values)
    earlier = {}
    if previous is not None and values:
        earlier = dict(
            IndicatorValue.objects.restrict(user, within={"report": previous})
            .order_by()
            .values_list("indicator_id", "value")
        )
    for value in values:
        value.previous = earlier.get(value.indicator_id)
    return previous, values


class EvidenceDownloadView(RestrictedObjectMixin):
    """Evidence files leave only through here, to those who may see their report."""

    model = Evidence

    def get(self, request, *args, **kwargs):
        return document_response(self.get_object())
