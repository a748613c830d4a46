"""The signed-in person's own account: setting up, using and managing their second factor.

These views touch nothing but ``request.user`` and their own devices, so they take no
decision from the access layer; they are listed as such in
tests/project/test_every_view_is_guarded.py. Enrolment and verification must open before
the second factor is given (``allowed_before_second_factor``); everything else is behind it.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import generic
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from coordination import two_factor
from coordination.forms import SecondFactorForm


def _next_url(request) -> str:
    """Where to go once the second factor is given: the page first asked for, if it is
    one of ours."""
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(url_name: str, request) -> str:
    target = request.GET.get(REDIRECT_FIELD_NAME)
    url = reverse(url_name)
    return f"{url}?{urlencode({REDIRECT_FIELD_NAME: target})}" if target else url


# Pages that show a secret key or backup codes must not stay in the browser's cache.
@method_decorator(never_cache, name="dispatch")
class TwoFactorEnrolView(generic.FormView):
    """Set up an authenticator app: scan the QR code (or type the key), confirm with a
    first code, then see the backup codes once."""

    template_name = "coordination/two_factor_enrol.html"
    form_class = SecondFactorForm
    allowed_before_second_factor = True

    def dispatch(self, request, *args, **kwargs):
        if two_factor.is_enrolled(request.user):
            if request.user.is_verified():
                return redirect("account:security")
            return redirect(_with_next("account:two_factor_verify", request))
        shown = request.session.get(two_factor.PENDING_DEVICE_SESSION_KEY)
        self.device = two_factor.pending_authenticator(request.user, request.session)
        if request.method == "POST" and self.device.pk != shown:
            # The code came from a key that no longer works (too old, or replaced by another
            # sign-in): say so, rather than calling a right code wrong.
            messages.warning(
                request,
                _(
                    "The key you scanned has expired. Remove it from your authenticator app "
                    "and scan this new one."
                ),
            )
            return redirect(request.get_full_path())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "authenticator": self.device,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            qr_code=two_factor.qr_code_data_uri(self.device),
            secret=two_factor.secret_text(self.device),
            required=two_factor.is_required(self.request.user),
        )

    def form_valid(self, form):
        codes = two_factor.confirm_enrolment(
            device=form.device, session_key=self.request.session.session_key
        )
        _verified(self.request, form.device)
        self.request.session[two_factor.NEW_CODES_SESSION_KEY] = codes
        messages.success(self.request, _("Two-factor authentication is on for your account."))
        return redirect(_with_next("account:backup_codes", self.request))


class TwoFactorVerifyView(generic.FormView):
    """The second step of signing in: a code from the authenticator app, or a backup code."""

    template_name = "coordination/two_factor_verify.html"
    form_class = SecondFactorForm
    allowed_before_second_factor = True

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_verified():
            return redirect(_next_url(request))
        self.authenticator = two_factor.authenticator(user)
        if self.authenticator is None:
            # Switched off in another session (a reset also ends this one).
            request.session[two_factor.ENROLLED_SESSION_KEY] = False
            if two_factor.is_required(user):
                return redirect(_with_next("account:two_factor_enrol", request))
            return redirect(_next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "authenticator": self.authenticator,
            "backup": two_factor.backup_device(self.request.user),
        }

    def form_valid(self, form):
        _verified(self.request, form.device)
        if isinstance(form.device, StaticDevice):
            left = form.device.token_set.count()
            messages.warning(
                self.request,
                ngettext(
                    "You signed in with a backup code; %(count)s is left. Each works once: "
                    "make new ones on the Security page.",
                    "You signed in with a backup code; %(count)s are left. Each works once: "
                    "make new ones on the Security page.",
                    left,
                )
                % {"count": left},
            )
        return redirect(_next_url(self.request))

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.wrong_code:
            # A wrong code is a failed sign-in: django-axes counts it with the password
            # failures of this user name and address, and locks both out together.
            request = self.request
            user_login_failed.send(
                sender=__name__,
                credentials={"username": request.user.get_username()},
                request=request,
            )
            if getattr(request, "axes_locked_out", False):
                # AxesMiddleware answers with the lockout page; the half-open session ends.
                logout(request)
        return response


def _verified(request, device) -> None:
    otp_login(request, device)
    # A new session key for the now fully signed-in session (as at sign-in).
    request.session.cycle_key()
    request.session[two_factor.ENROLLED_SESSION_KEY] = True


# Both code forms may be on the Security page: the backup codes' one is named apart.
NEW_CODES_FORM_PREFIX = "backup_codes"


def _code_form(user, authenticator, **kwargs) -> SecondFactorForm:
    """A current code for an action of the Security page, not its first task: no autofocus."""
    form = SecondFactorForm(user=user, authenticator=authenticator, **kwargs)
    form.fields["code"].widget.attrs.pop("autofocus")
    return form


class SecurityView(generic.TemplateView):
    """The person's own security page: whether two-factor is on, backup codes left (new
    ones need a current code from the app), and for focal points (for whom it is optional)
    switching it off."""

    template_name = "coordination/security.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        authenticator = two_factor.authenticator(user)
        backup = two_factor.backup_device(user)
        required = two_factor.is_required(user)
        context = {
            "authenticator": authenticator,
            "backup_codes_left": backup.token_set.count() if backup else 0,
            "required": required,
        }
        if authenticator is not None:
            context["backup_codes_form"] = _code_form(
                user, authenticator, prefix=NEW_CODES_FORM_PREFIX
            )
            if not required:
                context["switch_off_form"] = _code_form(user, authenticator, backup=backup)
        return super().get_context_data(**{**context, **kwargs})

    @classmethod
    def with_refused(cls, request, **forms):
        """The page again, showing why a code given in one of its forms was refused."""
        view = cls(request=request)
        return view.render_to_response(view.get_context_data(**forms))


@method_decorator(never_cache, name="dispatch")
class BackupCodesView(generic.TemplateView):
    """New backup codes, shown once: right after enrolment, or when asked for (POST)."""

    template_name = "coordination/backup_codes.html"

    def get(self, request, *args, **kwargs):
        codes = request.session.pop(two_factor.NEW_CODES_SESSION_KEY, None)
        if not codes:
            return redirect("account:security")
        return self.render_to_response(self.get_context_data(codes=codes, next=_next_url(request)))

    def post(self, request, *args, **kwargs):
        authenticator = two_factor.authenticator(request.user)
        if authenticator is None:
            return redirect("account:security")
        # A current code from the app, so that a session left open (or a stolen one) cannot
        # take new codes away with it.
        form = SecondFactorForm(
            request.POST,
            user=request.user,
            authenticator=authenticator,
            prefix=NEW_CODES_FORM_PREFIX,
        )
        if not form.is_valid():
            return SecurityView.with_refused(request, backup_codes_form=form)
        codes = two_factor.regenerate_backup_codes(user=request.user)
        request.session[two_factor.NEW_CODES_SESSION_KEY] = codes
        messages.success(request, _("New backup codes are ready; the old ones no longer work."))
        return redirect("account:backup_codes")


class TwoFactorSwitchOffView(generic.View):
    """A focal point switches two-factor authentication off, confirming with a current
    code. Required roles cannot (403)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        user = request.user
        if two_factor.is_required(user):
            raise PermissionDenied
        authenticator = two_factor.authenticator(user)
        if authenticator is None:
            return redirect("account:security")
        form = SecondFactorForm(
            request.POST,
            user=user,
            authenticator=authenticator,
            backup=two_factor.backup_device(user),
        )
        if not form.is_valid():
            return SecurityView.with_refused(request, switch_off_form=form)
        two_factor.disable_two_factor(user=user)
        request.session[two_factor.ENROLLED_SESSION_KEY] = False
        messages.success(request, _("Two-factor authentication is off for your account."))
        return redirect("account:security")


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """The link of a password e-mail opens in the language of the account it was sent to,
    whatever the browser says: a new account's first page is in its owner's language."""

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        if user is not None and user.language in dict(settings.LANGUAGES):
            translation.activate(user.language)
            self.request.LANGUAGE_CODE = user.language
        return user
