"""Decisions: recording one under an agenda item, a ministry's follow-up with its evidence,
and the register of every decision with its export."""

from collections import defaultdict
from html import escape

from auditlog.models import LogEntry
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from coordination import access
from coordination.exports import workbook_response
from coordination.models import CoordinationBody, Ministry, named_with_code
from coordination.rows import DASH, address, dates, in_language, joined, translated_columns
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
    Minutes,
    MinutesState,
)
from meetings.services.decisions import (
    FollowUpStarted,
    record_decision,
    update_decision,
    update_follow_up,
)
from meetings.services.guards import NotAllowedNow


def decision_fields(form) -> dict:
    """What the services take of a valid DecisionForm, the agenda item aside."""
    data = form.cleaned_data
    return {
        "responsible": list(data["responsible"]),
        "lead": data["lead"],
        "kind": data["kind"],
        "due_date": data["due_date"],
        **{f"text_{language}": data[f"text_{language}"] for language in ("ar", "en", "ckb")},
    }


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
            decision = record_decision(user=request.user, agenda_item=item, **decision_fields(form))
        except NotAllowedNow:
            messages.error(request, _("The minutes are approved: no decision can be added."))
            return redirect("meetings:minutes", item.meeting_id)
        messages.success(
            request,
            _("Decision %(code)s is recorded; each responsible ministry has a follow-up.")
            % {"code": decision.code},
        )
        return redirect("meetings:minutes", item.meeting_id)


# Annotated on a decision: its meeting's minutes are approved (it is then final).
approved_minutes = Minutes.objects.filter(
    meeting=OuterRef("meeting_id"), state=MinutesState.APPROVED
)


def _editable(decision) -> bool:
    """As the service decides (ensure_agenda_open), from what the page read already."""
    return not decision.meeting.is_cancelled and not decision.minutes_approved


class DecisionDetailView(RestrictedObjectMixin):
    """A decision as a record: its text, meeting and item, type, lead and supporting
    ministries, due date and status, and each follow-up the user may read with its whole
    history (who, when, status, note, files). Another ministry's follow-up of a shared
    decision stays out of a focal point's page."""

    model = Decision
    template_name = "meetings/decision_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("meeting__body", "agenda_item", "lead_ministry")
            .annotate(minutes_approved=Exists(approved_minutes))
        )

    def get(self, request, *args, **kwargs):
        decision = self.get_object()
        user = request.user
        follow_ups = list(
            FollowUp.objects.restrict(user)
            .filter(decision=decision)
            .select_related("ministry", "updated_by")
            .order_by("ministry__code")
        )
        history = defaultdict(list)
        for entry in (
            FollowUpUpdate.objects.restrict(user)
            .filter(follow_up__in=[f.pk for f in follow_ups])
            .select_related("updated_by")
            .order_by("-updated_at", "-pk")
        ):
            history[entry.follow_up_id].append(entry)
        files = defaultdict(list)
        for file in (
            FollowUpEvidence.objects.restrict(user)
            .filter(follow_up__in=[f.pk for f in follow_ups])
            .only("pk", "follow_up_id", "update_id", "original_name", "size")
            .order_by("uploaded_at", "pk")
        ):
            files[file.update_id or ("follow-up", file.follow_up_id)].append(file)
        for follow_up in follow_ups:
            follow_up.history = history[follow_up.pk]
            for entry in follow_up.history:
                entry.files = files.get(entry.pk, [])
            # Files older than the link between a file and its entry.
            follow_up.other_files = files.get(("follow-up", follow_up.pk), [])
        ministries = sorted(decision.responsible_ministries.all(), key=lambda m: m.code)
        reads_everything = access.reads_everything(user)
        return TemplateResponse(
            request,
            self.template_name,
            {
                "decision": decision,
                "meeting_visible": access.can(user, access.VIEW, decision.meeting),
                "supporting": joined(
                    m.named for m in ministries if m.pk != decision.lead_ministry_id
                ),
                "follow_ups": follow_ups,
                "can_edit": access.manages_everything(user) and _editable(decision),
                # The trail names related records (the agenda item): shown to those who read
                # every meeting.
                "audit_trail": LogEntry.objects.get_for_object(decision)
                .select_related("actor", "content_type")
                .order_by("-timestamp")[:50]
                if reads_everything
                else None,
                "today": timezone.localdate(),
            },
        )


class DecisionUpdateView(RestrictedObjectMixin):
    """The secretariat corrects a decision until its meeting's minutes are approved."""

    model = Decision
    access_action = access.CHANGE
    template_name = "meetings/decision_form.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("meeting__body")
            .annotate(minutes_approved=Exists(approved_minutes))
        )

    def get_object(self, queryset=None):
        decision = super().get_object(queryset)
        if not _editable(decision):
            raise NotAllowedNow
        return decision

    def render(self, decision, form, status=200):
        return TemplateResponse(
            self.request,
            self.template_name,
            {"decision": decision, "meeting": decision.meeting, "form": form},
            status=status,
        )

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except NotAllowedNow:
            messages.error(
                request, _("The minutes are approved: the decision can no longer be changed.")
            )
            return redirect("meetings:decision_detail", kwargs["pk"])

    def get(self, request, *args, **kwargs):
        decision = self.get_object()
        initial = {
            "agenda_item": decision.agenda_item_id,
            "kind": decision.kind,
            "text_ar": decision.text_ar,
            "text_en": decision.text_en,
            "text_ckb": decision.text_ckb,
            "lead": decision.lead_ministry_id,
            "responsible": list(decision.responsible_ministries.values_list("pk", flat=True)),
            "due_date": decision.due_date,
        }
        return self.render(decision, DecisionForm(initial=initial, meeting=decision.meeting))

    def post(self, request, *args, **kwargs):
        decision = self.get_object()
        form = DecisionForm(request.POST, meeting=decision.meeting)
        if not form.is_valid():
            return self.render(decision, form)
        try:
            update_decision(
                user=request.user,
                decision=decision,
                agenda_item=form.cleaned_data["agenda_item"],
                **decision_fields(form),
            )
        except FollowUpStarted as started:
            form.add_error(
                "responsible",
                _("%(ministries)s already worked on the follow-up: it stays responsible.")
                % {"ministries": joined(m.named for m in started.ministries)},
            )
            return self.render(decision, form)
        messages.success(request, _("The decision was saved."))
        return redirect("meetings:decision_detail", decision.pk)


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
        return FollowUp.objects.restrict(self.request.user).select_related("ministry", "updated_by")

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
                "updated_at",
                "updated_by__username",
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
    decision_before, decision_after = address("meetings:decision_detail")
    ministry_name = in_language(Ministry, "name", prefix="ministry__")
    body_name = in_language(CoordinationBody, "name", prefix="meeting__body__")
    links = defaultdict(str)
    short_datetime = dates("SHORT_DATETIME_FORMAT")
    for follow_up in follow_ups:
        ministry = named_with_code(ministry_name(follow_up), follow_up["ministry__code"])
        # Who last updated it, and when (on wider screens: a phone card stays short); its
        # history is on its page.
        by = follow_up["updated_by__username"]
        who = f"<bdi>{escape(by)}</bdi>, " if by else ""
        links[follow_up["decision_id"]] += (
            f'<div><a href="{before}{int(follow_up["pk"])}{after}">{escape(ministry)}</a>: '
            f"{statuses[follow_up['status']]}"
            f' <span class="small text-body-secondary d-none d-md-inline">· {who}'
            f"{short_datetime(timezone.localtime(follow_up['updated_at']))}</span></div>"
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
            f'<tr><td class="stack-head fw-semibold"><a href="{decision_before}'
            f'{int(decision.pk)}{decision_after}">{escape(decision.code)}</a></td>'
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
                    + f" ({f.updated_by.username if f.updated_by else DASH}, "
                    f"{date_format(timezone.localtime(f.updated_at), 'SHORT_DATETIME_FORMAT')})"
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
