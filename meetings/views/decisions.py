"""Decisions: recording one under an agenda item, a ministry's follow-up with its evidence,
and the register of every decision with its export."""

from collections import defaultdict
from html import escape

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from coordination import access
from coordination.exports import workbook_response
from coordination.models import CoordinationBody, Ministry, named_with_code
from coordination.rows import DASH, address, dates, in_language, translated_columns
from coordination.uploads import document_response
from coordination.views import RestrictedListView, RestrictedObjectMixin
from meetings.filters import DecisionFilter
from meetings.forms import DecisionForm, FollowUpForm
from meetings.models import (
    AgendaItem,
    Decision,
    FollowUp,
    FollowUpEvidence,
    FollowUpStatus,
    FollowUpUpdate,
)
from meetings.services.decisions import record_decision, update_follow_up
from meetings.services.guards import NotAllowedNow


class DecisionCreateView(RestrictedObjectMixin):
    model = AgendaItem
    access_action = access.CHANGE
    template_name = "meetings/decision_form.html"

    def get_queryset(self):
        return super().get_queryset().select_related("meeting__body")

    def render(self, item, form, status=200):
        return TemplateResponse(
            self.request,
            self.template_name,
            {"item": item, "meeting": item.meeting, "form": form},
            status=status,
        )

    def get(self, request, *args, **kwargs):
        return self.render(self.get_object(), DecisionForm())

    def post(self, request, *args, **kwargs):
        item = self.get_object()
        form = DecisionForm(request.POST)
        if not form.is_valid():
            return self.render(item, form)
        try:
            decision = record_decision(
                user=request.user,
                agenda_item=item,
                responsible=list(form.cleaned_data["responsible"]),
                due_date=form.cleaned_data["due_date"],
                text_ar=form.cleaned_data["text_ar"],
                text_en=form.cleaned_data["text_en"],
                text_ckb=form.cleaned_data["text_ckb"],
            )
        except NotAllowedNow:
            messages.error(request, _("The minutes are approved: no decision can be added."))
            return redirect("meetings:minutes", item.meeting_id)
        messages.success(
            request,
            _("Decision %(code)s is recorded; each responsible ministry has a follow-up.")
            % {"code": decision.code},
        )
        return redirect("meetings:minutes", item.meeting_id)


class FollowUpView(RestrictedObjectMixin):
    """A responsible ministry updates its follow-up of a decision; whoever reads the
    follow-up reads its history too."""

    model = FollowUp
    template_name = "meetings/follow_up.html"

    def get_queryset(self):
        return super().get_queryset().select_related("decision__meeting", "ministry")

    def render(self, follow_up, form, status=200):
        user = self.request.user
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "follow_up": follow_up,
                "decision": follow_up.decision,
                "form": form,
                "can_change": access.can(user, access.CHANGE, follow_up),
                "evidence": follow_up.evidence.all(),
                "history": FollowUpUpdate.objects.restrict(user, within={"follow_up": follow_up})
                .select_related("updated_by")
                .order_by("-updated_at", "-pk"),
                "meeting_visible": access.can(user, access.VIEW, follow_up.decision.meeting),
            },
            status=status,
        )

    def get(self, request, *args, **kwargs):
        follow_up = self.get_object()
        return self.render(follow_up, FollowUpForm(instance=follow_up))

    def post(self, request, *args, **kwargs):
        follow_up = self.get_object()
        if not access.can(request.user, access.CHANGE, follow_up):
            raise PermissionDenied
        form = FollowUpForm(
            request.POST, request.FILES, instance=FollowUp.objects.get(pk=follow_up.pk)
        )
        if not form.is_valid():
            return self.render(follow_up, form)
        unchanged = set(form.changed_data) <= {"evidence"} and not form.cleaned_data["evidence"]
        if unchanged:  # saved twice: nothing new for its history
            messages.info(request, _("Nothing changed: the follow-up is as it was."))
            return redirect("meetings:follow_up", follow_up.pk)
        update_follow_up(
            user=request.user,
            follow_up=follow_up,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            evidence=form.cleaned_data["evidence"],
        )
        messages.success(request, _("The follow-up was updated."))
        return redirect("meetings:follow_up", follow_up.pk)


class FollowUpEvidenceView(RestrictedObjectMixin):
    model = FollowUpEvidence

    def get(self, request, *args, **kwargs):
        return document_response(self.get_object())


class DecisionListView(RestrictedListView):
    """The decisions the user may see, narrowed by the register's filter, each with the
    follow-ups the user may read."""

    model = Decision
    filterset_class = DecisionFilter

    def own_follow_ups(self):
        # Each ministry reads its own follow-up of a shared decision, not the others'.
        return FollowUp.objects.restrict(self.request.user).select_related("ministry")

    def decorate(self, queryset):
        return (
            queryset.select_related("meeting__body")
            .prefetch_related(Prefetch("follow_ups", queryset=self.own_follow_ups()))
            .order_by("-meeting__start", "code")
        )


class DecisionRegisterView(DecisionListView):
    """All decisions with their follow-up, for the secretariat and the steering body (and a
    ministry's own, for its focal points)."""

    template_name = "meetings/decision_register.html"

    def decorate(self, queryset):
        # The rows are read as values and their follow-ups on their own (below).
        return queryset.order_by("-meeting__start", "code")

    def paginate_queryset(self, queryset, page_size):
        """The page's rows in one query, as the values a row shows: building the decisions,
        their meetings, bodies, follow-ups and ministries as models cost more than the rest
        of the page. Unlike the lists that page through ids first, a row here carries no
        annotation the database would compute for every row."""
        # Counted without the joins the rows need.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        first = (page.number - 1) * paginator.per_page
        page.object_list = queryset.values_list(
            "pk",
            "code",
            "text",
            "due_date",
            "follow_up_status",
            "meeting__start",
            "meeting__body__code",
            *translated_columns("meeting__body__name"),
            named=True,
        )[first : first + paginator.per_page]
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        decisions = context["page_obj"]
        follow_ups = (
            self.own_follow_ups()
            .filter(decision__in=[d.pk for d in decisions])
            # In ministry order within each decision; their decisions' order (by meeting)
            # would join the decisions and meetings again.
            .order_by("ministry__code")
            .values(
                "decision_id",
                "pk",
                "ministry__code",
                *translated_columns("ministry__name"),
                "status",
            )
        )
        context["rows"] = register_rows(decisions, follow_ups, timezone.localdate())
        return context


def register_rows(decisions, follow_ups, today):
    """The register's table rows, built here rather than in a template loop: the same cells
    at a fraction of the cost of resolving every variable, filter and URL per row.
    ``follow_ups``: values (decision id, id, ministry code and names, status) of those the
    user may read. Ministries and bodies are named, their codes after the names.
    Every value is escaped with ``html.escape``, as ``format_html`` would escape it: the
    latter's lazy-string checks cost nearly a millisecond a page here."""
    statuses = {value: escape(str(label)) for value, label in FollowUpStatus.choices}
    before, after = address("meetings:follow_up")
    ministry_name = in_language(Ministry, "name", prefix="ministry__")
    body_name = in_language(CoordinationBody, "name", prefix="meeting__body__")
    links = defaultdict(str)
    for follow_up in follow_ups:
        ministry = named_with_code(ministry_name(follow_up), follow_up["ministry__code"])
        links[follow_up["decision_id"]] += (
            f'<div><a href="{before}{int(follow_up["pk"])}{after}">{escape(ministry)}</a>: '
            f"{statuses[follow_up['status']]}</div>"
        )
    overdue = f' <span class="badge text-bg-danger">{escape(_("Overdue"))}</span>'
    # A page's decisions share a few meetings and due dates.
    short_date = dates("SHORT_DATE_FORMAT")
    # A cell's column name, shown above it when a row is a card (phones).
    meeting_label, due_label, follow_up_label = (
        escape(label) for label in (_("Meeting"), _("Due"), _("Follow-up"))
    )

    def row(decision):
        due, status = decision.due_date, decision.follow_up_status
        late = overdue if due and due < today and status != FollowUpStatus.DONE else ""
        text = Truncator(decision.text).words(30, truncate=" …")
        body = named_with_code(body_name(decision._asdict()), decision.meeting__body__code)
        return (
            f'<tr><td class="stack-head fw-semibold">{escape(decision.code)}</td>'
            f'<td class="stack-head stack-title text-wrap-anywhere"><bdi>{escape(text)}</bdi></td>'
            f'<td class="stack-key" data-label="{meeting_label}">'
            f"{escape(body)} · "
            f"{short_date(timezone.localdate(decision.meeting__start))}</td>"
            f'<td class="stack-key" data-label="{due_label}">'
            f"{short_date(due) if due else DASH}{late}</td>"
            f'<td class="stack-wide" data-label="{follow_up_label}">'
            f"{links.get(decision.pk) or statuses.get(status, escape(status))}</td></tr>"
        )

    return mark_safe("\n".join(row(decision) for decision in decisions))  # noqa: S308 - escaped above


class DecisionExportView(DecisionListView):
    def get(self, request, *args, **kwargs):
        decisions = self.get_queryset().distinct()
        today = timezone.localdate()
        rows = (
            [
                decision.code,
                decision.meeting.body.code,
                timezone.localtime(decision.meeting.start).date(),
                decision.text,
                ", ".join(f.ministry.code for f in decision.follow_ups.all()),
                decision.due_date,
                decision.get_follow_up_status_display(),
                _("yes")
                if decision.due_date
                and decision.due_date < today
                and decision.follow_up_status != FollowUpStatus.DONE
                else "",
                "; ".join(
                    f"{f.ministry.code}: {f.get_status_display()} {f.note}".strip()
                    for f in decision.follow_ups.all()
                ),
            ]
            for decision in decisions
        )
        header = [
            _("Code"),
            _("Body"),
            _("Meeting date"),
            _("Decision"),
            _("Responsible ministries"),
            _("Due date"),
            _("Follow-up status"),
            _("Overdue"),
            _("Follow-ups"),
        ]
        return workbook_response("decisions", _("Decisions"), header, rows)
