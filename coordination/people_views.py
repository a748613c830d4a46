"""The People pages: the secretariat and administrators keep accounts, roles and
appointments to ministries, and confirm changes to privileged accounts."""

from auditlog.models import LogEntry
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coordination import access, people_import, services, two_factor
from coordination.exports import workbook_response
from coordination.filters import AccountFilter
from coordination.forms import AccountForm, PeopleImportForm
from coordination.models import AccountChange, AccountChangeKind, User
from coordination.views import (
    ManagersOnlyView,
    RestrictedCreateView,
    RestrictedDetailView,
    RestrictedListView,
    RestrictedObjectMixin,
    RestrictedUpdateView,
)


class AccountsView(ManagersOnlyView):
    """The pages where the secretariat and administrators keep people's accounts."""

    model = User


class AccountListView(AccountsView, RestrictedListView):
    filterset_class = AccountFilter
    template_name = "coordination/account_list.html"

    def decorate(self, queryset):
        return queryset.prefetch_related("groups__ministry").order_by("username")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = access.can_add(self.request.user, User)
        return context


class AccountDetailView(AccountsView, RestrictedDetailView):
    template_name = "coordination/account_detail.html"
    context_object_name = "account"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        account = self.object
        context["ministries"] = sorted(services.appointed_ministries(account), key=str)
        context["audit_trail"] = (
            LogEntry.objects.get_for_object(account)
            .select_related("actor", "content_type")
            .order_by("-timestamp")[:50]
        )
        context["can_change"] = access.can(self.request.user, access.CHANGE, account)
        context["pending_changes"] = [
            (change, services.may_confirm(self.request.user, change))
            for change in account.account_changes.pending().select_related("requested_by")
        ]
        context["two_factor"] = {
            "required": two_factor.is_required(account),
            "enrolled": two_factor.is_enrolled(account),
        }
        return context


class AccountCreateView(AccountsView, RestrictedCreateView):
    form_class = AccountForm
    template_name = "coordination/account_form.html"

    def get_success_url(self):
        messages.success(
            self.request,
            _("The account is open. %(name)s will receive an e-mail to choose a password.")
            % {"name": self.object.get_full_name() or self.object.username},
        )
        return reverse("people:account_detail", args=[self.object.pk])


class AccountUpdateView(AccountsView, RestrictedUpdateView):
    form_class = AccountForm
    template_name = "coordination/account_form.html"
    context_object_name = "account"
    success_message = _("The account is saved.")

    def get_success_url(self):
        if services.pending_change(self.object, AccountChangeKind.EMAIL):
            messages.info(
                self.request,
                _(
                    "The new e-mail address awaits confirmation by another member of the "
                    "secretariat or an administrator, on this page."
                ),
            )
        return reverse("people:account_detail", args=[self.object.pk])


class AccountActiveView(AccountsView, RestrictedObjectMixin):
    """Deactivate or reactivate an account (a POST). Deactivating is asked from the
    account's page as a GET: a page that says what it does, whose button posts."""

    access_action = access.CHANGE
    http_method_names = ["get", "post"]
    template_name = "coordination/people_deactivate_confirm.html"

    def get(self, request, *args, **kwargs):
        account = self.get_object()
        if not account.is_active:
            messages.info(request, _("The account is already deactivated."))
            return redirect("people:account_detail", account.pk)
        return TemplateResponse(request, self.template_name, {"account": account})

    def post(self, request, *args, **kwargs):
        account = self.get_object()
        active = request.POST.get("active") == "1"
        try:
            services.set_account_active(account=account, active=active, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The account is active again.") if active else _("The account is deactivated."),
            )
        return redirect("people:account_detail", account.pk)


class AccountSetPasswordLinkView(AccountsView, RestrictedObjectMixin):
    """E-mail the person a new link to choose their password (a POST from their page)."""

    access_action = access.CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        account = self.get_object()
        try:
            services.send_set_password_link_again(account=account, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("A new link to choose a password is on its way to %(email)s.")
                % {"email": account.email},
            )
        return redirect("people:account_detail", account.pk)


class AccountTwoFactorResetView(AccountsView, RestrictedObjectMixin):
    """For a person who lost both their authenticator and their backup codes. A GET asks for
    confirmation, saying what the reset does; only the POST resets (or asks a second
    person to confirm it)."""

    access_action = access.CHANGE
    http_method_names = ["get", "post"]
    template_name = "coordination/people_two_factor_reset_confirm.html"

    def get(self, request, *args, **kwargs):
        account = self.get_object()
        if not two_factor.may_reset(request.user, account):
            raise PermissionDenied
        if not two_factor.is_enrolled(account):
            messages.info(request, _("This person has no second factor set up."))
            return redirect("people:account_detail", account.pk)
        return TemplateResponse(
            request,
            self.template_name,
            {"account": account, "second_person": services.needs_second_person(account)},
        )

    def post(self, request, *args, **kwargs):
        account = self.get_object()
        try:
            asked = services.reset_second_factor(account=account, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if asked:
                messages.info(
                    request,
                    _(
                        "The reset awaits confirmation by another member of the secretariat "
                        "or an administrator, on this page."
                    ),
                )
            else:
                messages.success(
                    request,
                    _(
                        "Two-factor authentication is reset. At the next sign-in, %(name)s "
                        "sets up an authenticator app again."
                    )
                    % {"name": account.get_full_name() or account.username},
                )
        return redirect("people:account_detail", account.pk)


class AccountChangeDecisionView(AccountsView, RestrictedObjectMixin):
    """Confirm or cancel a change that waits for a second person (a POST from the person's
    page); coordination.services decides who may."""

    model = AccountChange
    access_action = access.CHANGE
    http_method_names = ["post"]

    def decide(self, change) -> str:
        """Confirm or cancel ``change``; the message that says it is done."""
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        change = self.get_object()
        try:
            done = self.decide(change)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return redirect("people:account_detail", change.account_id)


class AccountChangeConfirmView(AccountChangeDecisionView):
    def decide(self, change) -> str:
        services.confirm_change(change=change, by=self.request.user)
        return _("The change is confirmed and made; the owner is told.")


class AccountChangeCancelView(AccountChangeDecisionView):
    def decide(self, change) -> str:
        services.cancel_change(change=change, by=self.request.user)
        return _("The change is cancelled.")


# The rows of the file the dry run read, until the import is confirmed or another file read.
IMPORT_SESSION_KEY = "people_import_rows"


class PeopleImportView(AccountsView):
    """Open focal points' accounts from a file: upload, read the dry run (every mistake by
    row and column, and the accounts that would be opened), confirm."""

    access_action = access.ADD
    template_name = "coordination/people_import.html"
    http_method_names = ["get", "post"]

    def render(self, form, plan=None, status=200):
        return TemplateResponse(
            self.request,
            self.template_name,
            {"form": form, "plan": plan, "headers": people_import.header_names()},
            status=status,
        )

    def get(self, request, *args, **kwargs):
        return self.render(PeopleImportForm())

    def post(self, request, *args, **kwargs):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = PeopleImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form, status=400)
        rows = form.cleaned_data["file"]
        plan = people_import.plan_import(rows)
        if plan.is_clean:
            request.session[IMPORT_SESSION_KEY] = rows
        else:
            request.session.pop(IMPORT_SESSION_KEY, None)
        return self.render(PeopleImportForm(), plan)

    def confirm(self, request):
        rows = request.session.pop(IMPORT_SESSION_KEY, None)
        if rows is None:
            messages.error(request, _("Upload the file again: nothing to confirm."))
            return redirect("people:people_import")
        plan = people_import.import_focal_points(rows=rows, by=request.user)
        if not plan.is_clean:
            messages.error(
                request,
                _("Nothing was created: the accounts changed since the check. Read it again."),
            )
            return self.render(PeopleImportForm(), plan, status=409)
        messages.success(
            request,
            ngettext(
                "%(n)s account is open; its owner receives an e-mail to choose a password.",
                "%(n)s accounts are open; each owner receives an e-mail to choose a password.",
                len(plan.accounts),
            )
            % {"n": len(plan.accounts)},
        )
        return redirect("people:account_list")


class PeopleImportTemplateView(AccountsView):
    """The file to fill in: the headers in the reader's language."""

    access_action = access.ADD

    def get(self, request, *args, **kwargs):
        return workbook_response(
            "focal-points", _("Focal points"), people_import.header_names(), []
        )
