"""Second factors for tests: a real confirmed authenticator per person, and the code its app
would show now. Tests sign privileged users in through these, never by switching 2FA off."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def authenticator(user) -> TOTPDevice:
    """The user's confirmed authenticator app, set up now if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def current_code(device: TOTPDevice, key: bytes | None = None) -> str:
    """The code the app shows now; or the next one if this one was used already (a code
    is accepted once), waiting for it if it is not yet accepted."""
    device.refresh_from_db()
    totp = TOTP(key or device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    step = max(totp.t(), device.last_t + 1)
    if step > totp.t() + device.tolerance:
        time.sleep(device.t0 + (step - device.tolerance) * device.step - time.time() + 0.1)
    totp.time = device.t0 + step * device.step
    return f"{totp.token():0{device.digits}d}"


def verify_session(session, user) -> None:
    """Record in ``session`` what django_otp.login records after a right code."""
    session[DEVICE_ID_SESSION_KEY] = authenticator(user).persistent_id
