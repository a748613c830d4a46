"""Sign-in limits: django-axes locks a user name at one address after AXES_FAILURE_LIMIT failures;
this adds a limit per address across all names, against one password tried on many names.

Axes locks on one set of parameters at a time with one failure limit, so the address limit is
counted here, from axes' failure log (one row per failed sign-in, with the client's address and
whether it was refused by a lockout), and enforced by a handler that axes calls for every
sign-in. A ministry's whole office may share one address: the limit is sized for that
(SIGN_IN_FAILURES_PER_ADDRESS in SIGN_IN_FAILURE_WINDOW_MINUTES), and lifts by itself as the
failures age out of the window.
"""

import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessFailureLog
from axes.signals import user_locked_out
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

# Marks a request refused because its address is blocked, for the handler and the page.
ADDRESS_BLOCKED = "sign_in_address_blocked"
# Axes keeps its failure log for ever; older rows are deleted by forget_old_failures.
FAILURE_LOG_DAYS = 90


def failures_from(address: str | None) -> int:
    """Failed sign-ins from ``address`` in the window, under any name. Attempts refused while
    a lockout was in force do not count: retrying during a block must not prolong it."""
    if address is None:
        return 0
    since = timezone.now() - datetime.timedelta(minutes=settings.SIGN_IN_FAILURE_WINDOW_MINUTES)
    return AccessFailureLog.objects.filter(
        ip_address=address, attempt_time__gte=since, locked_out=False
    ).count()


def address_is_blocked(address: str | None) -> bool:
    return failures_from(address) >= settings.SIGN_IN_FAILURES_PER_ADDRESS


class AddressLimitHandler(AxesDatabaseHandler):
    """Axes' database handler (locks a user name at one address), which also refuses every
    sign-in from an address with too many recent failures (AXES_HANDLER)."""

    def is_locked(self, request, credentials=None) -> bool:
        if address_is_blocked(request.axes_ip_address):
            setattr(request, ADDRESS_BLOCKED, True)
            return True
        return super().is_locked(request, credentials)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        if request is not None and getattr(request, ADDRESS_BLOCKED, False):
            # Refused before the password was checked: logged as a locked-out attempt.
            request.axes_locked_out = True
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or request.axes_locked_out:
            return
        if address_is_blocked(request.axes_ip_address):
            # This failure reached the limit: answer it with the lockout page already.
            setattr(request, ADDRESS_BLOCKED, True)
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )


def lockout_response(request, original_response=None, credentials=None):
    """The locked-out page (AXES_LOCKOUT_CALLABLE), saying which limit was reached, in the
    language of the request."""
    return render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {
            "address_blocked": getattr(request, ADDRESS_BLOCKED, False),
            "window_minutes": settings.SIGN_IN_FAILURE_WINDOW_MINUTES,
            "cool_off_minutes": max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)),
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def forget_old_failures() -> int:
    """Delete failure log rows older than FAILURE_LOG_DAYS; returns how many."""
    since = timezone.now() - datetime.timedelta(days=FAILURE_LOG_DAYS)
    deleted, _ = AccessFailureLog.objects.filter(attempt_time__lt=since).delete()
    return deleted
