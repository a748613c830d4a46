"""The set-up pages: the secretariat and administrators keep the coordination bodies (their
members, chair, alternates and quorum) and the ministries, in the portal's own layout. Every
change is in the audit trail, shown on the record's page."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import generic

from coordination import access, setup
from coordination.forms import BodyForm, MembershipForm, MinistryForm
from coordination.models import (
    QUORUM_ROLES,
    CoordinationBody,
    Membership,
    MembershipRole,
    Ministry,
    Role,
    User,
)
from coordination.views import (
    ManagersOnlyView,
    RestrictedCreateView,
    RestrictedDetailView,
    RestrictedListView,
    RestrictedUpdateView,
)

# How many changes a record's page shows, newest first.
AUDIT_TRAIL_LENGTH = 50


def audit_trail(*queries):
    """The newest log entries of the records that ``queries`` (model, queryset of ids)
    name, with who made them and of what kind of record."""
    condition = Q(pk__in=[])
    for model, ids in queries:
        condition |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    return (
        LogEntry.objects.filter(condition)
        .select_related("actor", "content_type")
        .order_by("-timestamp")[:AUDIT_TRAIL_LENGTH]
    )


class SetupIndexView(ManagersOnlyView, generic.TemplateView):
    """What may be set up, each app's pages listed (coordination.setup)."""

    template_name = "coordination/setup_index.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "pages": setup.setup_pages()}


# Coordination bodies


def _active_chair():
    return Subquery(
        Membership.objects.filter(
            body=OuterRef("pk"), role=MembershipRole.CHAIR, is_active=True
        ).values("full_name")[:1]
    )


class BodyListView(ManagersOnlyView, RestrictedListView):
    model = CoordinationBody
    template_name = "coordination/setup_body_list.html"

    def decorate(self, queryset):
        counting = Q(memberships__is_active=True, memberships__role__in=QUORUM_ROLES)
        return (
            queryset.select_related("parent")
            .annotate(
                seat_count=Count("memberships", filter=Q(memberships__is_active=True)),
                member_ministries=Count(
                    "memberships__ministry",
                    filter=counting & Q(memberships__ministry__isnull=False),
                    distinct=True,
                ),
                chair_name=_active_chair(),
            )
            .order_by("code")
        )

    def page_rows(self, queryset) -> dict:
        rows = super().page_rows(queryset)
        for body in rows.values():
            body.needed = body.quorum_needed(body.member_ministries)
        return rows


class BodyDetailView(ManagersOnlyView, RestrictedDetailView):
    model = CoordinationBody
    template_name = "coordination/setup_body_detail.html"
    context_object_name = "body"

    def get_queryset(self):
        return super().get_queryset().select_related("parent")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, body = self.request.user, self.object
        seats = (
            Membership.objects.restrict(user, within={"body": body})
            .select_related("ministry", "user", "alternate_for")
            .order_by("-is_active", "role", "full_name")
        )
        context["seats"] = seats
        context["chair"] = next(
            (seat for seat in seats if seat.is_active and seat.role == MembershipRole.CHAIR),
            None,
        )
        context["reach"], context["needed"] = body.quorum_reachable_by_members()
        context["children"] = (
            CoordinationBody.objects.restrict(user).filter(parent=body).order_by("code")
        )
        context["audit_trail"] = audit_trail(
            (CoordinationBody, [body.pk]), (Membership, body.memberships.values("pk"))
        )
        return context


class BodyCreateView(ManagersOnlyView, RestrictedCreateView):
    model = CoordinationBody
    form_class = BodyForm
    template_name = "coordination/setup_body_form.html"
    success_message = _("The body is saved. Now add its members.")

    def get_success_url(self):
        return reverse("setup:body_detail", args=[self.object.pk])


class BodyUpdateView(ManagersOnlyView, RestrictedUpdateView):
    model = CoordinationBody
    form_class = BodyForm
    template_name = "coordination/setup_body_form.html"
    context_object_name = "body"
    success_message = _("The body is saved.")

    def get_success_url(self):
        return reverse("setup:body_detail", args=[self.object.pk])


class MembershipCreateView(ManagersOnlyView, RestrictedCreateView):
    """A new seat in the body of the address."""

    model = Membership
    form_class = MembershipForm
    template_name = "coordination/setup_membership_form.html"
    success_message = _("The seat is saved.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and access.manages_everything(request.user):
            self.body = access.get_visible_or_404(CoordinationBody, request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "body": self.body}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "body": self.body}

    def get_success_url(self):
        return reverse("setup:body_detail", args=[self.body.pk])


class MembershipUpdateView(ManagersOnlyView, RestrictedUpdateView):
    model = Membership
    form_class = MembershipForm
    template_name = "coordination/setup_membership_form.html"
    context_object_name = "seat"
    success_message = _("The seat is saved.")

    def get_queryset(self):
        return super().get_queryset().select_related("body")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "body": self.object.body}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "body": self.object.body}

    def get_success_url(self):
        return reverse("setup:body_detail", args=[self.object.body_id])


# Ministries


class MinistryListView(ManagersOnlyView, RestrictedListView):
    model = Ministry
    template_name = "coordination/setup_ministry_list.html"

    def decorate(self, queryset):
        return queryset.annotate(
            focal_points=Count(
                "group__user",
                filter=Q(group__user__is_active=True, group__user__role=Role.FOCAL_POINT),
                distinct=True,
            ),
            seats=Count("memberships", filter=Q(memberships__is_active=True), distinct=True),
        ).order_by("-is_active", "code")


class MinistryDetailView(ManagersOnlyView, RestrictedDetailView):
    model = Ministry
    template_name = "coordination/setup_ministry_detail.html"
    context_object_name = "ministry"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, ministry = self.request.user, self.object
        context["focal_points"] = (
            User.objects.restrict(user)
            .filter(groups__ministry=ministry, role=Role.FOCAL_POINT)
            .order_by("username")
        )
        context["seats"] = (
            Membership.objects.restrict(user, within={"ministry": ministry})
            .select_related("body")
            .order_by("-is_active", "body__code", "full_name")
        )
        context["audit_trail"] = audit_trail((Ministry, [ministry.pk]))
        return context


class MinistryCreateView(ManagersOnlyView, RestrictedCreateView):
    model = Ministry
    form_class = MinistryForm
    template_name = "coordination/setup_ministry_form.html"
    success_message = _("The ministry is saved. Appoint its focal points on the People pages.")

    def get_success_url(self):
        return reverse("setup:ministry_detail", args=[self.object.pk])


class MinistryUpdateView(ManagersOnlyView, RestrictedUpdateView):
    model = Ministry
    form_class = MinistryForm
    template_name = "coordination/setup_ministry_form.html"
    context_object_name = "ministry"
    success_message = _("The ministry is saved.")

    def get_success_url(self):
        return reverse("setup:ministry_detail", args=[self.object.pk])
