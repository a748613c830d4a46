"""Meetings: the list, a meeting's page, creating and editing it, the steps that change it
(publish, postpone, cancel, invite someone) and an invitee's answer."""

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, Window
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coordination import access
from coordination.models import Ministry, named_with_code
from coordination.rows import in_language, translated_columns
from coordination.views import (
    RestrictedCreateView,
    RestrictedDetailView,
    RestrictedListView,
    RestrictedObjectMixin,
    RestrictedUpdateView,
)
from meetings.forms import InvitePersonForm, MeetingForm, PostponeForm, ResponseForm
from meetings.models import (
    AgendaItem,
    AgendaState,
    BriefingDocument,
    Decision,
    Invitation,
    Meeting,
)
from meetings.services.agenda import matters_arising
from meetings.services.attendance import quorum, quorum_within_reach
from meetings.services.guards import NotAllowedNow, require_reschedulable
from meetings.services.meetings import (
    announce_changes,
    cancel_meeting,
    invite_person,
    postpone_meeting,
    publish_agenda,
    respond,
)
from strategy.models import PriorityAction

# A body that meets often carries hundreds of open follow-ups from its earlier meetings.
MATTERS_ARISING_PER_PAGE = 25
# Past any list here: a page number beyond it is taken for "the last page" without a slice.
FARTHEST_PAGE = 100_000


def page_of(rows, per_page: int, number=None) -> Page:
    """Page ``number`` of ``rows`` (ordered values; the first page without a number or with
    one that is not, the last past the end, as ``Paginator.get_page``). The rows carry
    their total, counted in the same query rather than by a query of its own."""
    paginator = Paginator(rows, per_page)
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    if number > FARTHEST_PAGE:
        # An offset the database could not even take: counted first, as Paginator does.
        return paginator.get_page(number)
    start = (number - 1) * per_page
    found = list(rows.annotate(total=Window(Count("pk")))[start : start + per_page])
    if not found and number > 1:
        return paginator.get_page(number)
    paginator.count = found[0]["total"] if found else 0
    return Page(found, number, paginator)


def matters_arising_page(user, meeting, number=None) -> Page:
    """One page of the meeting's matters arising, as the values a row shows: the
    follow-up, its decision's code, text and due date, the ministry's code and name, the
    status and when it was last updated (its history is on the follow-up's page)."""
    rows = matters_arising(user, meeting).values(
        "pk",
        "status",
        "updated_at",
        "ministry__code",
        *translated_columns("ministry__name"),
        "decision__code",
        "decision__due_date",
        *translated_columns("decision__text"),
    )
    return page_of(rows, MATTERS_ARISING_PER_PAGE, number)


def matters_arising_context(user, meeting, number=None) -> dict:
    """What the matters arising include shows (a meeting's page and its agenda builder)."""
    page = matters_arising_page(user, meeting, number)
    return {"page_obj": page, "matters_arising": page.object_list}


class MeetingListView(RestrictedListView):
    """The meetings the user may see, newest first, each row as the values it shows
    (written out by ``meetings.templatetags.meeting_page.meeting_rows``)."""

    model = Meeting
    template_name = "meetings/meeting_list.html"

    def paginate_queryset(self, queryset, page_size):
        """A page's rows and their total in one query: a row carries no annotation the
        database would compute for every meeting."""
        rows = queryset.values("pk", "start", "title", "status", *translated_columns("body__name"))
        page = page_of(rows, page_size, self.request.GET.get(self.page_kwarg))
        return page.paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = access.can_add(self.request.user, Meeting)
        return context


class MeetingDetailView(RestrictedDetailView):
    """A meeting's page. Its lists are read as values and written out in Python (see
    ``meetings.templatetags.meeting_page``); each is still narrowed by the access layer,
    to this meeting (``within``: the meeting was just found visible, it is not proven
    visible again for every list)."""

    model = Meeting
    template_name = "meetings/meeting_detail.html"

    def get_queryset(self):
        # Whether it has decisions at all: a meeting yet to be held reads none.
        return (
            super()
            .get_queryset()
            .select_related("body")
            .annotate(has_decisions=Exists(Decision.objects.filter(meeting=OuterRef("pk"))))
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, meeting = self.request.user, self.object
        here = {"meeting": meeting}
        context["agenda_items"] = agenda_items = agenda_of(user, meeting)
        # Counted from the items the user sees: a draft agenda's length is not published either.
        context["total_minutes"] = sum(item["minutes_allotted"] for item in agenda_items)
        context["decisions"] = decisions_of(user, meeting) if meeting.has_decisions else []
        context["invited_ministries"] = meeting.invited_ministries.values_list("code", "name")
        context["my_invitations"] = [
            (
                invitation,
                ResponseForm(
                    initial={
                        "response": invitation.response,
                        "delegate_name": invitation.delegate_name,
                    },
                    # Each invitation's form on the page has ids of its own.
                    auto_id=f"id_%s_{invitation.pk}",
                ),
            )
            for invitation in Invitation.objects.restrict(user, access.CHANGE, within=here)
            .filter(Q(user=user) | Q(ministry__in=access.ministry_ids(user)))
            .select_related("ministry")
        ]
        context.update(matters_arising_context(user, meeting, self.request.GET.get("page")))
        context["manages"] = access.can(user, access.CHANGE, meeting)
        if context["manages"]:
            context["invite_form"] = InvitePersonForm()
            context["postpone_form"] = PostponeForm()
            context["quorum"] = quorum(meeting)
        return context


def agenda_of(user, meeting) -> list[dict]:
    """The agenda items of ``meeting`` the user sees, in order, as values: each with the
    visible priority actions and briefing documents it names (``actions``, ``documents``).
    Documents are read (through the access layer) only when an item has any: whether it
    does decides only whether to ask, and is not shown. Most items name actions."""
    items = list(
        AgendaItem.objects.restrict(user, within={"meeting": meeting})
        .order_by("order")
        .annotate(has_documents=Exists(BriefingDocument.objects.filter(agenda_item=OuterRef("pk"))))
        .values(
            "pk",
            "title",
            "kind",
            "minutes_allotted",
            "presenter_ministry__code",
            *translated_columns("presenter_ministry__name"),
            "has_documents",
        )
    )
    if not items:
        return items
    by_id = {}
    for item in items:
        item["actions"], item["documents"] = [], []
        by_id[item["pk"]] = item
    actions = (
        PriorityAction.objects.restrict(user)
        .filter(agenda_items__in=list(by_id))
        .values_list("agenda_items", "pk", "code", "title")
    )
    for item_id, *action in actions:
        by_id[item_id]["actions"].append(action)
    if with_documents := [item["pk"] for item in items if item["has_documents"]]:
        documents = (
            BriefingDocument.objects.restrict(user)
            .filter(agenda_item__in=with_documents)
            .values_list("agenda_item", "pk", "original_name")
        )
        for item_id, *document in documents:
            by_id[item_id]["documents"].append(document)
    return items


def decisions_of(user, meeting) -> list[dict]:
    """The decisions of ``meeting`` the user sees, as values, each with its responsible
    ministries named (``ministries``): one row per decision and ministry, in one query."""
    decisions = {}
    name = in_language(Ministry, "name", prefix="responsible_ministries__")
    rows = (
        Decision.objects.restrict(user, within={"meeting": meeting})
        .order_by("code", "responsible_ministries__code")
        .values(
            "pk",
            "code",
            "text",
            "due_date",
            "follow_up_status",
            "responsible_ministries__code",
            *name.fields,
        )
    )
    for row in rows:
        code = row.pop("responsible_ministries__code")
        ministry = named_with_code(name(row), code)
        for column in name.fields:
            del row[column]
        decision = decisions.setdefault(row["pk"], {**row, "ministries": []})
        if code:
            decision["ministries"].append(ministry)
    return list(decisions.values())


def warn_if_quorum_out_of_reach(request, meeting) -> None:
    """A warning, not a refusal: the secretariat may invite fewer than a quorum on purpose
    (a consultation), but should know before the day."""
    reach, needed, reachable = quorum_within_reach(meeting)
    if not reachable:
        messages.warning(
            request,
            _(
                "Those invited cannot make the quorum: %(reach)s of them count towards it, "
                "the body needs %(needed)s. Invite more ministries if decisions are to be taken."
            )
            % {"reach": reach, "needed": needed},
        )


class MeetingCreateView(RestrictedCreateView):
    model = Meeting
    form_class = MeetingForm
    template_name = "meetings/meeting_form.html"
    success_message = gettext_lazy("The meeting was created. Now build its agenda.")

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.object is not None and self.object.pk is not None:
            warn_if_quorum_out_of_reach(self.request, self.object)
        return response

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
        "location_ckb",
        "online_link",
        "title_ar",
        "title_en",
        "title_ckb",
        "invited_ministries",
    }

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.announced_fields & set(form.changed_data):
            announce_changes(user=self.request.user, meeting=self.object)
            if self.object.agenda_state == AgendaState.PUBLISHED:
                messages.info(self.request, _("Invitees are sent the updated invitation."))
        if "invited_ministries" in form.changed_data and self.object.pk is not None:
            warn_if_quorum_out_of_reach(self.request, self.object)
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
        except NotAllowedNow as refusal:
            messages.error(request, refusal.message)
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
        warn_if_quorum_out_of_reach(self.request, meeting)


class CancelView(MeetingStepView):
    """GET asks for confirmation, saying what cancelling does; only the POST cancels."""

    http_method_names = ["get", "post"]
    template_name = "meetings/meeting_cancel.html"
    done_message = gettext_lazy("The meeting is cancelled; invitees are told.")

    def get(self, request, *args, **kwargs):
        meeting = self.get_object()
        try:
            require_reschedulable(meeting)
        except NotAllowedNow as refusal:
            messages.info(request, refusal.message)
            return redirect("meetings:meeting_detail", meeting.pk)
        return TemplateResponse(request, self.template_name, {"meeting": meeting})

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
        warn_if_quorum_out_of_reach(self.request, meeting)


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
