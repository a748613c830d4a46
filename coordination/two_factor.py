"""Two-factor authentication: who must use it, and every change to a person's devices.

A person's second factor is an authenticator app (a django-otp ``TOTPDevice``) with a set of
single-use backup codes (a ``StaticDevice``). The secretariat, the steering body and
administrators must have one; a focal point may. A session counts as verified once
``django_otp.login`` has recorded the device that accepted a code (``request.user.is_verified()``).
Every change is written to the audit trail against the person's account.
"""

import base64
import math
import time
from datetime import timedelta

import segno
from auditlog.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordination import access
from coordination.models import Role, User

REQUIRED_ROLES = frozenset({Role.SECRETARIAT, Role.STEERING, Role.ADMINISTRATOR})
BACKUP_CODE_COUNT = 10
# Set at sign-in: whether this session's user had a second factor then, so that a focal
# point without one costs no query per page to find that out again.
ENROLLED_SESSION_KEY = "two_factor_enrolled"
# Backup codes just made, shown once on the next page and then forgotten.
NEW_CODES_SESSION_KEY = "two_factor_new_codes"
# The authenticator being set up in this session, and how long its key is shown.
PENDING_DEVICE_SESSION_KEY = "two_factor_pending_device"
PENDING_KEY_LIFETIME = timedelta(minutes=10)
# django-otp makes one wait 1, 2, 4, 8... seconds after 1, 2, 3, 4... wrong codes in a row.
# The first waits are shorter than typing a code: an attempt they refuse is the same form
# sent twice (a double click), and is answered as the code it repeats. From this many
# failures on, the wait is long enough to be worth telling.
REPEATED_FAILURES = 3


def is_required(user) -> bool:
    """Whether ``user`` may not use the portal without a second factor."""
    return user.is_superuser or user.is_staff or user.role in REQUIRED_ROLES


def authenticator(user) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def backup_device(user) -> StaticDevice | None:
    return StaticDevice.objects.devices_for_user(user, confirmed=True).first()


def is_enrolled(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def pending_authenticator(user, session) -> TOTPDevice:
    """The authenticator being set up in ``session``: the same key on each reload, so that a
    page reloaded after scanning still matches the app, for ten minutes. Another session
    (someone else who has the password), a new sign-in or an older key gets a new key, and
    any other key not yet confirmed stops working."""
    device = TOTPDevice.objects.filter(
        user=user,
        confirmed=False,
        pk=session.get(PENDING_DEVICE_SESSION_KEY),
        created_at__gt=timezone.now() - PENDING_KEY_LIFETIME,
    ).first()
    if device is None:
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
        session[PENDING_DEVICE_SESSION_KEY] = device.pk
    return device


def code_was_used(device: TOTPDevice, code: str) -> bool:
    """Whether ``code`` is one the app showed in the current time window (within the
    device's tolerance) that was accepted already, and so is refused now whatever the
    clock: the code just used to set the app up, or to sign in a moment ago. django-otp
    accepts a code only for a time step after the last accepted one (``last_t``)."""
    if not code.isdigit():
        return False
    now = time.time()
    steps = []
    for offset in range(-device.tolerance, device.tolerance + 1):
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift + offset)
        totp.time = now
        if totp.token() == int(code):
            steps.append(totp.t())
    # A code that also matches a step not yet used (a one-in-a-million coincidence) is
    # left to django-otp, which accepts it.
    return bool(steps) and max(steps) <= device.last_t


def wait_message(seconds: float) -> str:
    """Why a code was not even checked: the wait django-otp imposes after repeated wrong
    codes, in whole seconds or, from a minute on, whole minutes (rounded up)."""
    if seconds < 60:
        count = max(1, math.ceil(seconds))
        return ngettext(
            "Too many wrong codes. Wait %(seconds)s second and try again.",
            "Too many wrong codes. Wait %(seconds)s seconds and try again.",
            count,
        ) % {"seconds": count}
    count = math.ceil(seconds / 60)
    return ngettext(
        "Too many wrong codes. Wait %(minutes)s minute and try again.",
        "Too many wrong codes. Wait %(minutes)s minutes and try again.",
        count,
    ) % {"minutes": count}


def secret_text(device: TOTPDevice) -> str:
    """The key as authenticator apps ask for it when typed: base 32, in groups of four."""
    key = base64.b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The key as a QR code, an SVG image in a data: address (the CSP allows data: images
    and no inline styles; segno draws with attributes only)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, dark="#000")


def _audit(user: User, change: str, *, by: User | None) -> None:
    LogEntry.objects.log_create(
        user,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        changes={"two_factor": ["", change]},
        actor=by,
    )


def _new_backup_codes(user: User) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def end_sessions(user: User, *, but: str | None = None) -> None:
    """Sign ``user`` out of every session but the one whose key is ``but``. Sessions are
    kept in the database alone (settings), where an ended one is a deleted row: its next
    request is anonymous and goes to the sign-in page."""
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now())
        .exclude(pk=but)
        .iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]
    Session.objects.filter(pk__in=ended).delete()


@transaction.atomic
def confirm_enrolment(*, device: TOTPDevice, session_key: str) -> list[str]:
    """Called once the user typed a right code from ``device`` in the session
    ``session_key``: it becomes their authenticator, any other is removed, their other
    sessions (which gave only the password) end, and a fresh set of backup codes is
    returned."""
    user = device.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_backup_codes(user)
    end_sessions(user, but=session_key)
    _audit(user, "enrolled", by=user)
    return codes


@transaction.atomic
def regenerate_backup_codes(*, user: User) -> list[str]:
    """A new set of backup codes; the old ones stop working."""
    codes = _new_backup_codes(user)
    _audit(user, "backup codes replaced", by=user)
    return codes


@transaction.atomic
def disable_two_factor(*, user: User) -> None:
    """A focal point switches two-factor authentication off for themselves."""
    if is_required(user):
        raise PermissionDenied("Two-factor authentication is required for this role.")
    _delete_devices(user)
    _audit(user, "switched off", by=user)


def may_reset(by: User, user: User) -> bool:
    """Whoever may change the account (coordination.access), never for themselves: the
    secretariat resets others' second factor, only an administrator an administrator's."""
    return by.pk != user.pk and access.can(by, access.CHANGE, user)


@transaction.atomic
def reset_two_factor(*, user: User, by: User) -> None:
    """For a person who lost their authenticator and their backup codes: remove every
    device, so that their next sign-in sets up a new one (or, for a focal point, goes
    without). Every session of theirs ends: one that gave only the password (a thief's,
    perhaps) must not go on to set up its own authenticator."""
    if not may_reset(by, user):
        raise PermissionDenied("Only the secretariat or an administrator resets this.")
    _delete_devices(user)
    end_sessions(user)
    _audit(user, "reset", by=by)


def _delete_devices(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
