"""Base views that take every access decision from coordination.access.

Every project view derives from ``AccessControlledView`` (a test walks the URL patterns to
make sure): its records come from ``restrict(user, action)``, so a record outside the user's
scope is not found (404) and a visible record the user may not change is forbidden (403).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import generic, i18n

from coordination import access
from coordination.generated import DocumentState, document_response
from coordination.models import Notification
from coordination.queue import enqueue


class AccessControlledView(generic.View):
    """A view whose records all come through the access layer."""

    model = None
    access_action = access.VIEW

    def get_queryset(self):
        if self.model is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a model")
        return self.model._default_manager.restrict(self.request.user, self.access_action)


class ManagersOnlyView(AccessControlledView):
    """Pages for the secretariat and administrators alone (people, set-up): everyone else
    signed in is refused (403), whatever records they may read elsewhere."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.manages_everything(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RestrictedObjectMixin(AccessControlledView):
    """One record: 404 unless the user may see it, 403 if seen but not ``access_action``.
    Subclasses may narrow or join in ``get_queryset``; visibility is applied first."""

    def get_queryset(self):
        return self.model._default_manager.restrict(self.request.user, access.VIEW)

    def get_object(self, queryset=None):
        obj = access.get_visible_or_404(
            self.get_queryset(), self.request.user, pk=self.kwargs["pk"]
        )
        if self.access_action != access.VIEW and not access.can(
            self.request.user, self.access_action, obj
        ):
            raise PermissionDenied
        return obj


class RestrictedListView(AccessControlledView, generic.ListView):
    """A paginated list of the records the user may see, narrowed by an optional filterset."""

    paginate_by = 25
    filterset_class = None

    def decorate(self, queryset):
        """Joins and annotations the page shows (and filters may use)."""
        return queryset

    def get_queryset(self):
        queryset = self.decorate(super().get_queryset())
        if self.filterset_class is None:
            return queryset
        self.filterset = self.filterset_class(
            self.request.GET or None, queryset=queryset, request=self.request
        )
        return self.filterset.qs

    def page_ids(self, queryset):
        """The ids of the list's records in order, for the paginator (to count them and
        take a page's)."""
        return queryset.values_list("pk", flat=True)

    def paginate_queryset(self, queryset, page_size):
        """Page through ids, then load only that page's rows with their annotations: on the
        last of 200 pages the database would otherwise compute every row's subqueries. A row
        that stopped matching in between (a report validated by a colleague) is left out. A
        page number that is not one shows the first page, one past the end the last."""
        paginator = self.get_paginator(self.page_ids(queryset), page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        is_paginated = page.has_other_pages()
        ids = list(page.object_list)
        rows = self.page_rows(queryset.filter(pk__in=ids))
        page.object_list = [rows[pk] for pk in ids if pk in rows]
        return paginator, page, page.object_list, is_paginated

    def page_rows(self, queryset) -> dict:
        """A page's rows by id, from ``queryset`` (the list's, narrowed to the page's ids):
        model instances, unless a list reads only the values it shows."""
        return {row.pk: row for row in queryset}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filterset"] = filterset = getattr(self, "filterset", None)
        context["active_filter_count"] = active_filter_count(filterset)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context


def active_filter_count(filterset) -> int:
    """How many of a list's filters are set (the "Filters (2)" toggle on phones): its
    fields with a value other than blank in the query; the page number is not a filter."""
    if filterset is None or not filterset.data:
        return 0
    return sum(
        1
        for name in filterset.form.fields
        if any(value.strip() for value in filterset.data.getlist(name))
    )


class RestrictedDetailView(RestrictedObjectMixin, generic.DetailView):
    pass


class GeneratedDocumentRequestView(AccessControlledView):
    """Ask for a generated document (a POST). A subclass checks what was asked and calls
    ``request_document`` with the concrete model's fields; the record is saved pending, in
    the user's language, and ``render_task`` is queued once it is committed. A broker that is
    down leaves it to the beat task: the request never fails for it."""

    http_method_names = ["post"]
    document_model = None
    render_task = None
    status_url_name = ""

    def request_document(self, **fields):
        with transaction.atomic():
            document = self.document_model._default_manager.create(
                language=self.request.LANGUAGE_CODE,
                requested_by=self.request.user,
                made_from_scope=access.reading_scope(self.request.user),
                **fields,
            )
            transaction.on_commit(lambda: enqueue(self.render_task, document.pk))
        return redirect(self.status_url_name, document.pk)


class GeneratedDocumentView(RestrictedDetailView):
    """A generated document's progress (htmx refreshes the status fragment until it is
    ready), then its download. Beyond what ``restrict()`` shows, only whoever asked and the
    secretariat read it: the file holds what the requester may see."""

    status_template_name = ""

    def get_queryset(self):
        queryset = super().get_queryset()
        if access.manages_everything(self.request.user):
            return queryset
        return queryset.filter(requested_by=self.request.user)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not access.still_reads(request.user, self.object.made_from_scope):
            # Made from ministries the requester no longer acts for.
            raise Http404
        if self.object.state == DocumentState.READY and request.GET.get("download"):
            return document_response(self.object)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_template_names(self):
        if self.request.htmx:
            return [self.status_template_name]
        return super().get_template_names()


class _SavesInsideScope:
    """Save inside a transaction and roll back if the saved record left the user's scope,
    so a crafted POST cannot create or move a record into another ministry."""

    success_message = ""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                response = super().form_valid(form)
                if not access.can(self.request.user, self.access_action, self.object):
                    raise PermissionDenied
        except PermissionDenied:
            if self.access_action == access.ADD:
                form.instance.pk = None
                self.object = None
            form.add_error(None, _("You may not save a record outside your ministries."))
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return response

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs


class RestrictedCreateView(_SavesInsideScope, AccessControlledView, generic.CreateView):
    access_action = access.ADD

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.can_add(request.user, self.model):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RestrictedUpdateView(_SavesInsideScope, RestrictedObjectMixin, generic.UpdateView):
    access_action = access.CHANGE


class NotificationListView(RestrictedListView):
    """The user's own notifications, newest first. Reading the list changes nothing: a
    notification is marked read when it is opened, or all at once with a button."""

    model = Notification
    template_name = "coordination/notification_list.html"


class NotificationOpenView(RestrictedObjectMixin):
    """Open one notification: marked read, then on to the page it is about."""

    model = Notification
    access_action = access.CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        notification = self.get_object()
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
        if notification.url and url_has_allowed_host_and_scheme(
            notification.url, allowed_hosts={request.get_host()}
        ):
            return redirect(notification.url)
        return redirect("coordination:notification_list")


class NotificationsReadView(AccessControlledView):
    """Mark every notification read (a button for those who read them by e-mail)."""

    model = Notification
    access_action = access.CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.get_queryset().filter(read_at__isnull=True).update(read_at=timezone.now())
        messages.success(request, _("All notifications are marked as read."))
        return redirect("coordination:notification_list")


class AboutView(AccessControlledView, generic.TemplateView):
    """A plain page of the base layout: what the portal is, and the benchmark's baseline."""

    template_name = "coordination/about.html"


@login_not_required
def set_language(request):
    """Django's language switch (a cookie, for the login page), remembered in the user's
    profile once they are signed in."""
    response = i18n.set_language(request)
    language = request.POST.get("language")
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and language in dict(settings.LANGUAGES)
    ):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response
