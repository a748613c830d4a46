import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import LogoutView, redirect_to_login
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coordination import two_factor


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than any form of the portal needs, before it is read,
    so that a huge upload never reaches the disk (413)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = request.META.get("CONTENT_LENGTH", "")
        if length.isdigit() and int(length) > settings.REQUEST_MAX_BYTES:
            return HttpResponse(
                _("The files sent together are too large: send at most %(limit)s MB at once.")
                % {"limit": settings.REQUEST_MAX_BYTES // (1024 * 1024)},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class UserLanguageMiddleware:
    """A signed-in user's own language (kept in their profile) wins over the browser's; the
    login page follows the browser's cookie or Accept-Language (LocaleMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Django sets X-Frame-Options, Referrer-Policy and nosniff itself; this adds the
    Permissions-Policy header from settings."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def _htmx_redirect(url):
    """For a fragment request: htmx loads ``url`` as the whole page, rather than swapping
    that page into the fragment."""
    response = HttpResponse(status=204)
    response["HX-Redirect"] = url
    return response


class SignInFirstMiddleware(LoginRequiredMiddleware):
    """Django's outer net: every view needs a signed-in user unless marked otherwise. A form
    posted after the session ended (an address that answers only POST) brings the person back,
    once signed in, to the page the form was on rather than to an address a browser cannot
    open."""

    def handle_no_permission(self, request, view_func):
        if request.method in ("GET", "HEAD"):
            return super().handle_no_permission(request, view_func)
        referer = request.headers.get("Referer", "")
        if url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            parts = urlsplit(referer)
            back = parts.path + (f"?{parts.query}" if parts.query else "")
        else:
            back = resolve_url(settings.LOGIN_REDIRECT_URL)
        return redirect_to_login(
            back, self.get_login_url(view_func), self.get_redirect_field_name(view_func)
        )


LAST_ACTIVITY_SESSION_KEY = "last_activity"
# The last request's time is written to the session at most this often (seconds).
ACTIVITY_RESOLUTION = 60


class IdleSessionMiddleware:
    """Sign out a session that has made no request for SESSION_IDLE_MINUTES, and say why.
    The time of the last request is stored at most once a minute, so an active user's
    session is written once a minute rather than on every page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.SESSION_IDLE_MINUTES * 60
        if limit and request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_SESSION_KEY)
            if last is not None and now - last > limit:
                # The user becomes anonymous; SignInFirstMiddleware then sends the browser
                # to the sign-in page, which will bring them back here.
                logout(request)
                minutes = settings.SESSION_IDLE_MINUTES
                messages.info(
                    request,
                    ngettext(
                        "You were signed out after %(minutes)s minute without activity. "
                        "Sign in again to continue.",
                        "You were signed out after %(minutes)s minutes without activity. "
                        "Sign in again to continue.",
                        minutes,
                    )
                    % {"minutes": minutes},
                )
                if request.headers.get("HX-Request"):
                    return _htmx_redirect(resolve_url(settings.LOGIN_URL))
            elif last is None or now - last >= ACTIVITY_RESOLUTION:
                request.session[LAST_ACTIVITY_SESSION_KEY] = now
        return self.get_response(request)


@receiver(user_logged_in)
def _start_the_idle_clock(sender, request, user, **kwargs):
    # Written with the sign-in's own session save, so a first page costs no extra write.
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY_SESSION_KEY] = int(time.time())


class TwoFactorMiddleware:
    """Keep a signed-in user who owes a second factor on the enrolment page (a required
    role without an authenticator) or the verification page (anyone with one who has not
    typed a code in this session). Pages open before sign-in stay open, and so do signing
    out and the views marked ``allowed_before_second_factor``.

    Sets ``request.second_factor_due`` to "enrol", "verify" or None for templates."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.second_factor_due = None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if two_factor.is_required(user):
            due = "verify" if two_factor.is_enrolled(user) else "enrol"
        else:
            enrolled = request.session.get(two_factor.ENROLLED_SESSION_KEY)
            if enrolled is None:
                enrolled = request.session[two_factor.ENROLLED_SESSION_KEY] = (
                    two_factor.is_enrolled(user)
                )
            due = "verify" if enrolled else None
        request.second_factor_due = due
        if due is None or getattr(view_func, "login_required", True) is False:
            return None
        view_class = getattr(view_func, "view_class", None)
        if getattr(view_class, "allowed_before_second_factor", False) or (
            view_class is not None and issubclass(view_class, LogoutView)
        ):
            return None
        target = reverse(f"account:two_factor_{due}")
        if request.headers.get("HX-Request"):
            return _htmx_redirect(target)
        if request.method == "GET":
            target += "?" + urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
        return redirect(target)


@receiver(user_logged_in)
def _note_whether_a_second_factor_is_due(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[two_factor.ENROLLED_SESSION_KEY] = two_factor.is_enrolled(user)
        # Each sign-in is shown a new key to set up, never one shown before.
        request.session.pop(two_factor.PENDING_DEVICE_SESSION_KEY, None)
