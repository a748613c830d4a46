from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _


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
