import datetime

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, Q, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordination import access
from coordination.exports import workbook_bytes
from coordination.models import CoordinationBody, Ministry
from coordination.page_cache import CachedBodyMixin
from coordination.queue import enqueue
from coordination.uploads import document_response, store_documents
from coordination.views import (
    AccessControlledView,
    RestrictedCreateView,
    RestrictedDetailView,
    RestrictedListView,
    RestrictedObjectMixin,
    RestrictedUpdateView,
)
from meetings.calendar import feed_ics
from meetings.forms import (
    AgendaItemForm,
    CirculateForm,
    CommentForm,
    DecisionForm,
    FollowUpForm,
    InvitePersonForm,
    MeetingForm,
    MinutesForm,
    PostponeForm,
    ResponseForm,
)
from meetings.models import (
    AgendaItem,
    AgendaState,
    BriefingDocument,
    CalendarFeed,
    Decision,
    FollowUp,
    FollowUpEvidence,
    FollowUpStatus,
    Invitation,
    Meeting,
    MeetingPaper,
    Minutes,
    MinutesState,
    PaperKind,
    PaperState,
)
from meetings.services.agenda import (
    add_agenda_item,
    add_decision_follow_up_item,
    add_suggested_action,
    agenda_suggestions,
    matters_arising,
    move_agenda_item,
    remove_agenda_item,
)
from meetings.services.attendance import quorum, record_attendance
from meetings.services.decisions import record_decision, update_follow_up
from meetings.services.guards import NotAllowedNow
from meetings.services.meetings import (
    announce_changes,
    cancel_meeting,
    invite_person,
    postpone_meeting,
    publish_agenda,
    respond,
)
from meetings.services.minutes import (
    MinutesConflict,
    approve_minutes,
    circulate_minutes,
    comment_on_minutes,
    current_texts,
    minutes_of,
    save_minutes,
)
from meetings.tasks import render_meeting_paper
from strategy.models import PriorityAction


class MeetingListView(RestrictedListView):
    model = Meeting
    template_name = "meetings/meeting_list.html"

    def decorate(self, queryset):
        return queryset.select_related("body")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = access.can_add(self.request.user, Meeting)
        return context


class MeetingDetailView(RestrictedDetailView):
    model = Meeting
    template_name = "meetings/meeting_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("body")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, meeting = self.request.user, self.object
        visible_actions = PriorityAction.objects.restrict(user)
        context["agenda_items"] = (
            meeting.agenda_items.restrict(user)
            .select_related("presenter_ministry")
            .prefetch_related(
                Prefetch("priority_actions", queryset=visible_actions),
                Prefetch("documents", queryset=BriefingDocument.objects.restrict(user)),
            )
        )
        context["total_minutes"] = meeting.agenda_items.aggregate(total=Sum("minutes_allotted"))[
            "total"
        ]
        context["decisions"] = (
            Decision.objects.restrict(user)
            .filter(meeting=meeting)
            .prefetch_related("responsible_ministries")
        )
        context["invited_ministries"] = meeting.invited_ministries.all()
        context["my_invitations"] = [
            (
                invitation,
                ResponseForm(
                    initial={
                        "response": invitation.response,
                        "delegate_name": invitation.delegate_name,
                    }
                ),
            )
            for invitation in Invitation.objects.restrict(user, access.CHANGE)
            .filter(Q(user=user) | Q(ministry__in=access.ministry_ids(user)), meeting=meeting)
            .select_related("ministry")
        ]
        context["matters_arising"] = matters_arising(user, meeting)
        context["papers"] = meeting.papers.restrict(user).filter(requested_by=user)[:4]
        context["manages"] = access.can(user, access.CHANGE, meeting)
        if context["manages"]:
            context["invite_form"] = InvitePersonForm()
            context["postpone_form"] = PostponeForm()
            context["quorum"] = quorum(meeting)
        return context


class MeetingCreateView(RestrictedCreateView):
    model = Meeting
    form_class = MeetingForm
    template_name = "meetings/meeting_form.html"
    success_message = gettext_lazy("The meeting was created. Now build its agenda.")

    def get_success_url(self):
        return reverse("meetings:agenda", args=[self.object.pk])


class MeetingUpdateView(RestrictedUpdateView):
    model = Meeting
    form_class = MeetingForm
    template_name = "meetings/meeting_form.html"
    success_message = gettext_lazy("The meeting was saved.")
    announced_fields = {
        "start",
        "duration_minutes",
        "location_ar",
        "location_en",
        "online_link",
        "title_ar",
        "title_en",
        "invited_ministries",
    }

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.announced_fields & set(form.changed_data):
            announce_changes(user=self.request.user, meeting=self.object)
            if self.object.agenda_state == AgendaState.PUBLISHED:
                messages.info(self.request, _("Invitees are sent the updated invitation."))
        return response

    def get_success_url(self):
        return reverse("meetings:meeting_detail", args=[self.object.pk])


class MeetingStepView(RestrictedObjectMixin):
    """A POST that changes a meeting; only those who may change it get this far."""

    model = Meeting
    access_action = access.CHANGE
    http_method_names = ["post"]
    done_message = ""

    def post(self, request, *args, **kwargs):
        meeting = self.get_object()
        try:
            response = self.act(meeting)
        except NotAllowedNow:
            messages.error(request, _("Not possible in the meeting's present state."))
            return redirect("meetings:meeting_detail", meeting.pk)
        if response is not None:
            return response
        messages.success(request, self.done_message)
        return redirect(self.next_url(meeting))

    def next_url(self, meeting):
        return reverse("meetings:meeting_detail", args=[meeting.pk])


class PublishView(MeetingStepView):
    done_message = gettext_lazy("The agenda is published; invitations are being sent.")

    def act(self, meeting):
        publish_agenda(user=self.request.user, meeting=meeting)


class CancelView(MeetingStepView):
    done_message = gettext_lazy("The meeting is cancelled; invitees are told.")

    def act(self, meeting):
        cancel_meeting(user=self.request.user, meeting=meeting)


class PostponeView(MeetingStepView):
    done_message = gettext_lazy("The meeting is moved; invitees get the new date.")

    def act(self, meeting):
        form = PostponeForm(self.request.POST)
        if not form.is_valid():
            messages.error(self.request, " ".join(form.errors["new_start"]))
            return redirect("meetings:meeting_detail", meeting.pk)
        postpone_meeting(
            user=self.request.user, meeting=meeting, new_start=form.cleaned_data["new_start"]
        )


class InvitePersonView(MeetingStepView):
    done_message = gettext_lazy("The person is invited.")

    def act(self, meeting):
        form = InvitePersonForm(self.request.POST)
        if not form.is_valid():
            messages.error(self.request, _("Choose a person to invite."))
            return redirect("meetings:meeting_detail", meeting.pk)
        invite_person(user=self.request.user, meeting=meeting, person=form.cleaned_data["person"])


class RespondView(RestrictedObjectMixin):
    """An invitee (or their ministry's focal point) answers the invitation."""

    model = Invitation
    access_action = access.CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        invitation = self.get_object()
        form = ResponseForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        else:
            try:
                respond(user=request.user, invitation=invitation, **form.cleaned_data)
                messages.success(request, _("Your answer is recorded."))
            except NotAllowedNow:
                messages.error(request, _("This meeting is cancelled."))
        return redirect("meetings:meeting_detail", invitation.meeting_id)


# Agenda builder ----------------------------------------------------------------------------


class AgendaBuilderView(RestrictedObjectMixin):
    model = Meeting
    access_action = access.CHANGE
    template_name = "meetings/agenda_builder.html"

    def get(self, request, *args, **kwargs):
        meeting = self.get_object()
        return TemplateResponse(request, self.template_name, self.context(meeting))

    def context(self, meeting, form=None):
        user = self.request.user
        return {
            "meeting": meeting,
            "items": meeting.agenda_items.select_related("presenter_ministry").prefetch_related(
                "priority_actions", "documents"
            ),
            "total_minutes": meeting.agenda_items.aggregate(total=Sum("minutes_allotted"))["total"]
            or 0,
            "form": form or AgendaItemForm(user=user),
            "suggestions": agenda_suggestions(user, meeting),
            "matters_arising": matters_arising(user, meeting),
        }


class AgendaItemAddView(AgendaBuilderView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        meeting = self.get_object()
        form = AgendaItemForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return TemplateResponse(request, self.template_name, self.context(meeting, form))
        fields = {
            k: v for k, v in form.cleaned_data.items() if k not in ("priority_actions", "documents")
        }
        try:
            item = add_agenda_item(
                user=request.user,
                meeting=meeting,
                actions=form.cleaned_data["priority_actions"],
                **fields,
            )
        except NotAllowedNow:
            messages.error(request, _("A cancelled meeting's agenda cannot change."))
            return redirect("meetings:agenda", meeting.pk)
        store_documents(
            BriefingDocument, form.cleaned_data["documents"], user=request.user, agenda_item=item
        )
        messages.success(request, _("The item was added to the agenda."))
        return redirect("meetings:agenda", meeting.pk)


class AddSuggestionView(MeetingStepView):
    done_message = gettext_lazy("The action was added to the agenda.")

    def act(self, meeting):
        action = access.get_visible_or_404(
            PriorityAction, self.request.user, pk=self.kwargs["action_pk"]
        )
        add_suggested_action(user=self.request.user, meeting=meeting, action=action)

    def next_url(self, meeting):
        return reverse("meetings:agenda", args=[meeting.pk])


class AddDecisionSuggestionView(AddSuggestionView):
    done_message = gettext_lazy("The decision's follow-up was added to the agenda.")

    def act(self, meeting):
        decision = access.get_visible_or_404(
            Decision, self.request.user, pk=self.kwargs["decision_pk"]
        )
        add_decision_follow_up_item(user=self.request.user, meeting=meeting, decision=decision)


class AgendaItemStepView(RestrictedObjectMixin):
    model = AgendaItem
    access_action = access.CHANGE
    http_method_names = ["post"]

    def get_queryset(self):
        return super().get_queryset().select_related("meeting")

    def post(self, request, *args, **kwargs):
        item = self.get_object()
        meeting = item.meeting
        try:
            self.act(item)
        except NotAllowedNow:
            messages.error(request, _("A cancelled meeting's agenda cannot change."))
        if request.htmx:
            builder = AgendaBuilderView(request=request, kwargs={"pk": meeting.pk})
            return TemplateResponse(
                request, "meetings/_agenda_items.html", builder.context(meeting)
            )
        return redirect("meetings:agenda", meeting.pk)


class AgendaItemMoveView(AgendaItemStepView):
    def act(self, item):
        step = -1 if self.request.POST.get("direction") == "up" else 1
        move_agenda_item(user=self.request.user, item=item, step=step)


class AgendaItemRemoveView(AgendaItemStepView):
    def act(self, item):
        remove_agenda_item(user=self.request.user, item=item)


class AgendaItemUpdateView(RestrictedUpdateView):
    model = AgendaItem
    form_class = AgendaItemForm
    template_name = "meetings/agenda_item_form.html"
    success_message = gettext_lazy("The agenda item was saved.")

    def form_valid(self, form):
        response = super().form_valid(form)
        store_documents(
            BriefingDocument,
            form.cleaned_data["documents"],
            user=self.request.user,
            agenda_item=self.object,
        )
        return response

    def get_success_url(self):
        return reverse("meetings:agenda", args=[self.object.meeting_id])


class BriefingDocumentView(RestrictedObjectMixin):
    model = BriefingDocument

    def get(self, request, *args, **kwargs):
        return document_response(self.get_object())


# Attendance ------------------------------------------------------------------------------


class AttendanceView(RestrictedObjectMixin):
    model = Meeting
    access_action = access.CHANGE
    template_name = "meetings/attendance.html"

    def get(self, request, *args, **kwargs):
        meeting = self.get_object()
        return TemplateResponse(
            request,
            self.template_name,
            {
                "meeting": meeting,
                "invitations": meeting.invitations.select_related("ministry", "membership"),
                "quorum": quorum(meeting),
            },
        )

    def post(self, request, *args, **kwargs):
        meeting = self.get_object()
        present = [int(pk) for pk in request.POST.getlist("present") if pk.isdigit()]
        record_attendance(user=request.user, meeting=meeting, present_ids=present)
        present_count, needed, met = quorum(meeting)
        if met:
            messages.success(
                request,
                _("Attendance saved: %(present)s members present, quorum %(needed)s is met.")
                % {"present": present_count, "needed": needed},
            )
        else:
            messages.warning(
                request,
                _("Attendance saved: %(present)s members present, quorum %(needed)s is NOT met.")
                % {"present": present_count, "needed": needed},
            )
        return redirect("meetings:attendance", meeting.pk)


# Minutes and decisions -------------------------------------------------------------------


class MinutesView(RestrictedObjectMixin):
    """Everyone invited reads the minutes and comments while they are circulated; the
    secretariat writes them (every save is a revision), circulates and approves them."""

    model = Meeting
    template_name = "meetings/minutes.html"

    def context(self, meeting, form=None, comment_form=None):
        user = self.request.user
        minutes = minutes_of(meeting)
        released = Minutes.objects.restrict(user).filter(pk=minutes.pk).exists()
        texts = current_texts(minutes) if released else {}
        items = list(meeting.agenda_items.restrict(user))
        for item in items:
            item.minutes_text = texts.get(item.pk, "")
        manages = access.can(user, access.CHANGE, meeting)
        return {
            "meeting": meeting,
            "minutes": minutes,
            "released": released,
            "later_meetings": Meeting.objects.filter(
                body=meeting.body, start__gt=meeting.start
            ).order_by("start")[:5],
            "items": items,
            "manages": manages,
            "form": form
            or (
                MinutesForm(items=items, texts=texts, initial={"version": minutes.version})
                if manages and minutes.state != MinutesState.APPROVED
                else None
            ),
            "comment_form": comment_form or CommentForm(),
            "comments": minutes.comments.select_related("author", "agenda_item"),
            "revisions": minutes.revisions.select_related("author")[:20],
            "circulate_form": CirculateForm(),
            "decisions": Decision.objects.restrict(user)
            .filter(meeting=meeting)
            .prefetch_related("responsible_ministries"),
        }

    def get(self, request, *args, **kwargs):
        meeting = self.get_object()
        return TemplateResponse(request, self.template_name, self.context(meeting))

    def post(self, request, *args, **kwargs):
        meeting = self.get_object()
        if not access.can(request.user, access.CHANGE, meeting):
            raise PermissionDenied
        minutes = minutes_of(meeting)
        items = list(meeting.agenda_items.all())
        form = MinutesForm(request.POST, items=items, texts={})
        if not form.is_valid():
            return TemplateResponse(request, self.template_name, self.context(meeting, form))
        try:
            save_minutes(
                user=request.user,
                minutes=minutes,
                texts=form.texts(),
                expected_version=form.cleaned_data["version"],
            )
        except MinutesConflict:
            form.add_error(
                None,
                _(
                    "Someone saved the minutes after you opened them. Your text "
                    "is kept below; open the minutes again to see theirs."
                ),
            )
            return TemplateResponse(
                request, self.template_name, self.context(meeting, form), status=409
            )
        except NotAllowedNow:
            messages.error(request, _("Approved minutes are read-only."))
        else:
            messages.success(request, _("The minutes were saved as a new revision."))
        return redirect("meetings:minutes", meeting.pk)


class MinutesStepView(MeetingStepView):
    def next_url(self, meeting):
        return reverse("meetings:minutes", args=[meeting.pk])


class CirculateMinutesView(MinutesStepView):
    done_message = gettext_lazy("The minutes are circulated to the attendees for comment.")

    def act(self, meeting):
        form = CirculateForm(self.request.POST)
        if not form.is_valid():
            messages.error(self.request, " ".join(form.errors["deadline"]))
            return redirect("meetings:minutes", meeting.pk)
        circulate_minutes(
            user=self.request.user,
            minutes=minutes_of(meeting),
            deadline=form.cleaned_data["deadline"],
        )


class ApproveMinutesView(MinutesStepView):
    done_message = gettext_lazy("The minutes are approved and now read-only.")

    def act(self, meeting):
        at_meeting = Meeting.objects.filter(
            pk=self.request.POST.get("at_meeting") or None, body=meeting.body
        ).first()
        approve_minutes(user=self.request.user, minutes=minutes_of(meeting), at_meeting=at_meeting)


class CommentOnMinutesView(RestrictedObjectMixin):
    model = Meeting
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        meeting = self.get_object()
        form = CommentForm(request.POST)
        view = MinutesView(request=request, kwargs=kwargs)
        if not form.is_valid():
            return TemplateResponse(
                request,
                MinutesView.template_name,
                view.context(meeting, comment_form=form),
                status=400,
            )
        try:
            comment_on_minutes(
                user=request.user,
                minutes=minutes_of(meeting),
                text=form.cleaned_data["text"],
            )
        except NotAllowedNow:
            messages.error(request, _("The minutes are not open for comment."))
        else:
            messages.success(request, _("Your comment was added."))
        return redirect("meetings:minutes", meeting.pk)


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
    """A responsible ministry updates its follow-up of a decision."""

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


# Decision register -------------------------------------------------------------------------


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


class DecisionRegisterView(CachedBodyMixin, RestrictedListView):
    """All decisions with their follow-up, for the secretariat and the steering body (and a
    ministry's own, for its focal points)."""

    model = Decision
    filterset_class = DecisionFilter
    template_name = "meetings/_decision_register_body.html"
    page_template = "meetings/decision_register.html"

    def decorate(self, queryset):
        # Each ministry reads its own follow-up of a shared decision, not the others'.
        own_follow_ups = FollowUp.objects.restrict(self.request.user).select_related("ministry")
        return (
            queryset.select_related("meeting__body")
            .prefetch_related(Prefetch("follow_ups", queryset=own_follow_ups))
            .order_by("-meeting__start", "code")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


class DecisionExportView(DecisionRegisterView):
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
        content = workbook_bytes(_("Decisions"), header, rows)
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="decisions-{today}.xlsx"'
        return response


# PDFs and calendars --------------------------------------------------------------------------


class PaperRequestView(RestrictedObjectMixin):
    model = Meeting
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        meeting = self.get_object()
        kind = self.kwargs["kind"]
        if kind not in PaperKind.values:
            raise Http404
        with transaction.atomic():
            paper = MeetingPaper.objects.create(
                meeting=meeting,
                kind=kind,
                language=request.LANGUAGE_CODE,
                requested_by=request.user,
            )
            transaction.on_commit(lambda: enqueue(render_meeting_paper, paper.pk))
        return redirect("meetings:paper", paper.pk)


class PaperView(RestrictedObjectMixin):
    """The PDF's progress; a download link when it is ready (the page refreshes itself)."""

    model = MeetingPaper

    def get(self, request, *args, **kwargs):
        paper = self.get_object()
        if paper.requested_by_id != request.user.pk and not access.manages_everything(request.user):
            raise Http404
        if paper.state == PaperState.READY and request.GET.get("download"):
            response = HttpResponse(paper.file.read(), content_type="application/pdf")
            response["Content-Disposition"] = (
                f'attachment; filename="{paper.kind}-{paper.meeting_id}.pdf"'
            )
            response["X-Content-Type-Options"] = "nosniff"
            return response
        template = "meetings/_paper_status.html" if request.htmx else "meetings/paper.html"
        return TemplateResponse(request, template, {"paper": paper, "meeting": paper.meeting})


class CalendarPageView(AccessControlledView):
    """The user's private calendar address, and a way to replace it if it leaked."""

    model = CalendarFeed
    template_name = "meetings/calendar.html"

    def get(self, request, *args, **kwargs):
        feed, _ = CalendarFeed.objects.get_or_create(user=request.user)
        url = request.build_absolute_uri(reverse("meetings:calendar_feed", args=[feed.token]))
        return TemplateResponse(request, self.template_name, {"feed_url": url})

    def post(self, request, *args, **kwargs):
        CalendarFeed.objects.filter(user=request.user).delete()
        CalendarFeed.objects.create(user=request.user)
        messages.success(
            request, _("Your calendar address was replaced; the old one no longer works.")
        )
        return redirect("meetings:calendar")


@method_decorator(login_not_required, name="dispatch")
class CalendarFeedView(AccessControlledView):
    """A calendar program cannot sign in: the secret address stands for the user, and the
    meetings are those the access layer lets that user see."""

    model = Meeting

    def get(self, request, token, *args, **kwargs):
        feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
        if feed is None or not feed.user.is_active:
            raise Http404
        since = timezone.now() - datetime.timedelta(days=365)
        meetings = (
            Meeting.objects.restrict(feed.user).filter(start__gte=since).select_related("body")
        )
        response = HttpResponse(feed_ics(meetings), content_type="text/calendar; charset=utf-8")
        response["Cache-Control"] = "private, max-age=900"
        return response
