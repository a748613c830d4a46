from django.conf import settings
from django.http import HttpResponse
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
