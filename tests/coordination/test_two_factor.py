"""Two-factor authentication: required for the secretariat, the steering body and
administrators, optional for focal points; codes from an authenticator app or single-use
backup codes; wrong codes throttled and counted as failed sign-ins; reset by the secretariat.

Each test signs its user in with the password only (``second_factor=False``) unless it is
about what happens after the second factor."""

import base64
import datetime
import time
from urllib.parse import urlencode

import pytest
from auditlog.models import LogEntry
from axes.models import AccessFailureLog
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from coordination import two_factor
from coordination.models import Notification, Role
from tests import factories
from tests.two_factor import authenticator, current_code

pytestmark = pytest.mark.django_db

HOME = reverse("home")
ENROL = reverse("account:two_factor_enrol")
VERIFY = reverse("account:two_factor_verify")
SECURITY = reverse("account:security")
BACKUP_CODES = reverse("account:backup_codes")
SWITCH_OFF = reverse("account:two_factor_switch_off")
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def with_backup_codes(user) -> list[str]:
    device = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    codes = ["alpha234", "bravo567"]
    for code in codes:
        StaticToken.objects.create(device=device, token=code)
    return codes


def wait_out_the_throttle(user):
    """As if the few seconds django-otp makes one wait after a wrong code had passed."""
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    TOTPDevice.objects.filter(user=user).update(throttling_failure_timestamp=long_ago)
    StaticDevice.objects.filter(user=user).update(throttling_failure_timestamp=long_ago)


def is_verified(client) -> bool:
    return DEVICE_ID_SESSION_KEY in client.session


# Who must give a second factor


@pytest.mark.parametrize("role", ["secretariat", "steering", "administrator"])
def test_a_privileged_user_without_an_authenticator_is_sent_to_set_one_up(client, story, role):
    client.force_login(story[role], second_factor=False)
    response = client.get(reverse("strategy:action_list"))
    assert response.status_code == 302
    assert response.url == f"{ENROL}?next=%2Factions%2F"
    assert client.get(reverse("admin:index")).url.startswith(ENROL)


@pytest.mark.parametrize("role", ["secretariat", "steering", "administrator"])
def test_a_privileged_user_with_an_authenticator_must_verify_this_session(client, story, role):
    authenticator(story[role])
    client.force_login(story[role], second_factor=False)
    response = client.get(HOME)
    assert response.status_code == 302 and response.url == f"{VERIFY}?next=%2F"
    assert client.get(ENROL).url == f"{VERIFY}"


def test_a_focal_point_without_an_authenticator_goes_on_with_the_password(client, story):
    client.force_login(story["fp_momd"], second_factor=False)
    assert client.get(HOME).status_code == 200
    assert client.get(SECURITY).status_code == 200


def test_a_focal_point_who_set_one_up_must_use_it(client, story):
    authenticator(story["fp_momd"])
    client.force_login(story["fp_momd"], second_factor=False)
    assert client.get(HOME).url == f"{VERIFY}?next=%2F"


def test_a_verified_session_passes(client, story):
    client.force_login(story["secretariat"])
    assert client.get(HOME).status_code == 200
    assert client.get(SECURITY).status_code == 200


def test_pages_open_before_sign_in_stay_open_before_the_second_factor(client, story):
    authenticator(story["steering"])
    client.force_login(story["steering"], second_factor=False)
    assert client.get(reverse("health")).status_code in (200, 503)
    assert client.get(reverse("password_reset")).status_code == 200
    response = client.post(reverse("set_language"), {"language": "ar", "next": VERIFY})
    assert response.url == VERIFY
    assert client.get(VERIFY).status_code == 200
    assert client.post(reverse("logout")).url == reverse("login")
    assert "_auth_user_id" not in client.session


def test_the_pages_before_the_second_factor_show_no_navigation(client, story):
    authenticator(story["steering"])
    client.force_login(story["steering"], second_factor=False)
    page = client.get(VERIFY).content.decode()
    assert 'aria-label="Main"' not in page and "Sign out" in page


def test_an_htmx_request_is_sent_whole_to_the_verification_page(client, story):
    authenticator(story["steering"])
    client.force_login(story["steering"], second_factor=False)
    response = client.get(reverse("coordination:notification_list"), headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Redirect"] == VERIFY


# Setting up an authenticator


def test_enrolment_shows_the_key_as_a_qr_code_and_as_text_and_keeps_it_on_reload(client, story):
    client.force_login(story["secretariat"], second_factor=False)
    page = client.get(ENROL).content.decode()
    device = TOTPDevice.objects.get(user=story["secretariat"], confirmed=False)
    assert 'src="data:image/svg+xml;charset=utf-8,%3Csvg' in page
    secret = two_factor.secret_text(device)
    assert secret in page
    assert base64.b32decode(secret.replace(" ", "")) == device.bin_key
    assert "otpauth://totp/IMAG%20Portal%3Asecretariat" in device.config_url
    client.get(ENROL)
    assert TOTPDevice.objects.get(user=story["secretariat"]).pk == device.pk
    assert "no-store" in client.get(ENROL)["Cache-Control"]


def test_a_first_right_code_switches_it_on_and_shows_ten_backup_codes_once(client, story):
    user = story["secretariat"]
    client.force_login(user, second_factor=False)
    client.get(f"{ENROL}?next=/meetings/")
    device = TOTPDevice.objects.get(user=user)
    response = client.post(f"{ENROL}?next=/meetings/", {"code": current_code(device)})
    assert response.url == f"{BACKUP_CODES}?next=%2Fmeetings%2F"
    device.refresh_from_db()
    assert device.confirmed and is_verified(client)
    page = client.get(response.url)
    codes = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(codes) == 10 and len(set(codes)) == 10
    for code in codes:
        assert code in page.content.decode()
    assert 'href="/meetings/"' in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert client.get(BACKUP_CODES).url == SECURITY
    assert client.get(HOME).status_code == 200
    entry = LogEntry.objects.get_for_object(user).get(changes__has_key="two_factor")
    assert entry.actor == user and entry.changes_dict == {"two_factor": ["", "enrolled"]}


def test_a_code_typed_in_arabic_indic_digits_with_a_space_is_understood(client, story):
    user = story["steering"]
    client.force_login(user, second_factor=False)
    client.get(ENROL)
    code = current_code(TOTPDevice.objects.get(user=user))
    typed = f"{code[:3]} {code[3:]}".translate(ARABIC_DIGITS)
    assert client.post(ENROL, {"code": typed}).status_code == 302
    assert is_verified(client)


def test_a_wrong_first_code_switches_nothing_on(client, story):
    user = story["steering"]
    client.force_login(user, second_factor=False)
    client.get(ENROL)
    response = client.post(ENROL, {"code": "000000"})
    assert "That code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert not is_verified(client)


# Signing in with a second factor


def test_a_right_code_verifies_the_session_and_goes_where_the_user_was_going(client, story):
    user = story["secretariat"]
    device = authenticator(user)
    client.force_login(user, second_factor=False)
    key_before = client.session.session_key
    response = client.post(f"{VERIFY}?next=/meetings/", {"code": current_code(device)})
    assert response.url == "/meetings/"
    assert is_verified(client) and client.session.session_key != key_before
    assert client.get("/meetings/").status_code == 200


def test_the_next_address_must_be_one_of_ours(client, story):
    user = story["secretariat"]
    device = authenticator(user)
    client.force_login(user, second_factor=False)
    response = client.post(f"{VERIFY}?next=https://evil.example/", {"code": current_code(device)})
    assert response.url == HOME


def test_a_code_is_accepted_only_once(client, story):
    user = story["secretariat"]
    device = authenticator(user)
    code = current_code(device)
    client.force_login(user, second_factor=False)
    assert client.post(VERIFY, {"code": code}).status_code == 302
    client.logout()
    client.force_login(user, second_factor=False)
    assert client.post(VERIFY, {"code": code}).status_code == 200
    assert not is_verified(client)


def test_a_backup_code_signs_in_once(client, story):
    user = story["steering"]
    authenticator(user)
    codes = with_backup_codes(user)
    client.force_login(user, second_factor=False)
    response = client.post(VERIFY, {"code": codes[0].upper()}, follow=True)
    assert is_verified(client)
    assert "You signed in with a backup code; 1 is left." in response.content.decode()
    client.logout()
    client.force_login(user, second_factor=False)
    again = client.post(VERIFY, {"code": codes[0]})
    assert "This backup code is not right, or it was used already." in again.content.decode()
    assert not is_verified(client)


def test_a_wrong_code_says_so_and_leaves_the_session_unverified(client, story):
    user = story["secretariat"]
    authenticator(user)
    client.force_login(user, second_factor=False)
    response = client.post(VERIFY, {"code": "123456"})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert not is_verified(client)
    assert client.get(HOME).url.startswith(VERIFY)


def test_one_wrong_code_is_called_wrong_without_a_wait_or_the_clock(client, story):
    user = story["secretariat"]
    authenticator(user)
    client.force_login(user, second_factor=False)
    page = client.post(VERIFY, {"code": "123456"}).content.decode()
    assert "That code is not right. Check the app and try again." in page
    assert "Wait" not in page and "clock" not in page


def test_a_wrong_code_sent_twice_at_once_is_called_wrong_and_counted_once(client, story):
    user = story["secretariat"]
    device = authenticator(user)
    client.force_login(user, second_factor=False)
    client.post(VERIFY, {"code": "123456"})
    # The second request comes within django-otp's one-second wait: not checked.
    page = client.post(VERIFY, {"code": "123456"}).content.decode()
    assert "That code is not right. Check the app and try again." in page
    assert "Too many wrong codes" not in page
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    assert AccessFailureLog.objects.count() == 1
    wait_out_the_throttle(user)
    assert client.post(VERIFY, {"code": current_code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def failed_already(user, times: int, seconds_ago: float) -> None:
    TOTPDevice.objects.filter(user=user).update(
        throttling_failure_count=times,
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(seconds=seconds_ago),
    )


def test_after_repeated_wrong_codes_the_next_attempt_must_wait_as_long_as_it_says(client, story):
    user = story["secretariat"]
    device = authenticator(user)
    client.force_login(user, second_factor=False)
    failed_already(user, 3, seconds_ago=0)
    page = client.post(VERIFY, {"code": current_code(device)}).content.decode()
    assert "Too many wrong codes. Wait 4 seconds and try again." in page
    assert not is_verified(client)
    failed_already(user, 3, seconds_ago=3.5)
    page = client.post(VERIFY, {"code": current_code(device)}).content.decode()
    assert "Too many wrong codes. Wait 1 second and try again." in page
    failed_already(user, 8, seconds_ago=0)
    page = client.post(VERIFY, {"code": current_code(device)}).content.decode()
    assert "Too many wrong codes. Wait 3 minutes and try again." in page
    wait_out_the_throttle(user)
    assert client.post(VERIFY, {"code": current_code(device)}).status_code == 302


def test_only_repeated_wrong_codes_suggest_checking_the_clock(client, story):
    user = story["secretariat"]
    authenticator(user)
    client.force_login(user, second_factor=False)
    for _ in range(two_factor.REPEATED_FAILURES - 1):
        wait_out_the_throttle(user)
        assert "clock" not in client.post(VERIFY, {"code": "123456"}).content.decode()
    wait_out_the_throttle(user)
    page = client.post(VERIFY, {"code": "123456"}).content.decode()
    assert "That code is not right either." in page and "clock" in page


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0.2, "Wait 1 second and"),
        (1, "Wait 1 second and"),
        (1.5, "Wait 2 seconds"),
        (59, "Wait 59 seconds"),
        (60, "Wait 1 minute and"),
        (61, "Wait 2 minutes"),
    ],
)
def test_the_wait_is_told_in_whole_seconds_then_minutes(seconds, text):
    assert text in two_factor.wait_message(seconds)


def test_the_wait_has_the_arabic_plural_of_its_number():
    with translation.override("ar"):
        one, two, three = (two_factor.wait_message(n) for n in (1, 2, 3))
    assert len({one, two.replace("2", "1"), three.replace("3", "1")}) == 3
    assert "Wait" not in one


def test_a_code_just_used_to_set_up_is_refused_at_sign_in_as_already_used(client, story):
    user = story["secretariat"]
    client.force_login(user, second_factor=False)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=user)
    code = current_code(device)
    assert client.post(ENROL, {"code": code}).status_code == 302
    client.logout()
    client.force_login(user, second_factor=False)
    page = client.post(VERIFY, {"code": code}).content.decode()
    assert "This code was already used. Wait for the next code in your app." in page
    assert "clock" not in page and "not right" not in page
    assert not is_verified(client)
    device.refresh_from_db()
    assert device.throttling_failure_count == 0
    assert not AccessFailureLog.objects.exists()
    assert client.post(VERIFY, {"code": current_code(device)}).status_code == 302


def test_a_code_from_another_time_is_wrong_not_already_used(client, story):
    user = story["secretariat"]
    device = authenticator(user)
    old = TOTP(device.bin_key, device.step, device.t0, device.digits)
    old.time = time.time() - 10 * device.step
    device.last_t = old.t() + 20
    device.save()
    code = f"{old.token():06d}"
    assert not two_factor.code_was_used(device, code)
    client.force_login(user, second_factor=False)
    page = client.post(VERIFY, {"code": code}).content.decode()
    assert "That code is not right." in page


def test_wrong_codes_count_as_failed_sign_ins_and_lock_the_user_out(client, story, settings):
    user = story["secretariat"]
    authenticator(user)
    login = {"username": "secretariat", "password": "correct-horse-battery"}
    assert client.post(reverse("login"), login).status_code == 302
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        wait_out_the_throttle(user)
        assert client.post(VERIFY, {"code": "123456"}).status_code == 200
    wait_out_the_throttle(user)
    locked = client.post(VERIFY, {"code": "123456"})
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    # The cool-off of the settings, in words.
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"Wait {minutes} minutes and try again" in " ".join(locked.content.decode().split())
    assert "_auth_user_id" not in client.session
    assert client.post(reverse("login"), login).status_code == 429


# The Security page


def test_a_focal_point_may_set_it_up_from_the_security_page(client, story):
    user = story["fp_momd"]
    client.force_login(user)
    page = client.get(SECURITY).content.decode()
    assert f'href="{ENROL}"' in page
    client.get(ENROL)
    client.post(ENROL, {"code": current_code(TOTPDevice.objects.get(user=user))})
    assert two_factor.is_enrolled(user) and is_verified(client)
    client.logout()
    client.force_login(user, second_factor=False)
    assert client.get(HOME).url.startswith(VERIFY)


def test_the_security_page_shows_the_status_and_backup_codes_left(client, story):
    user = story["steering"]
    authenticator(user)
    with_backup_codes(user)
    client.force_login(user)
    page = client.get(SECURITY).content.decode()
    assert "2 backup codes are left." in page
    assert "Your role requires two-factor authentication" in page
    assert SWITCH_OFF not in page


def test_new_backup_codes_replace_the_old_ones(client, story):
    user = story["steering"]
    device = authenticator(user)
    old = with_backup_codes(user)
    client.force_login(user)
    response = client.post(BACKUP_CODES, {"backup_codes-code": current_code(device)})
    assert response.url == BACKUP_CODES
    new = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(new) == 10 and not new & set(old)
    page = client.get(BACKUP_CODES).content.decode()
    assert all(code in page for code in new)


def test_a_focal_point_switches_it_off_with_a_current_code(client, story):
    user = story["fp_momd"]
    device = authenticator(user)
    with_backup_codes(user)
    client.force_login(user)
    assert SWITCH_OFF in client.get(SECURITY).content.decode()
    refused = client.post(SWITCH_OFF, {"code": "123456"})
    assert "That code is not right" in refused.content.decode()
    assert two_factor.is_enrolled(user)
    wait_out_the_throttle(user)
    response = client.post(SWITCH_OFF, {"code": current_code(device)})
    assert response.url == SECURITY
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    assert client.get(HOME).status_code == 200
    assert LogEntry.objects.get_for_object(user).get(
        changes__has_key="two_factor"
    ).changes_dict == {"two_factor": ["", "switched off"]}


@pytest.mark.parametrize("role", ["secretariat", "steering", "administrator"])
def test_a_required_role_cannot_switch_it_off(client, story, role):
    user = story[role]
    device = authenticator(user)
    client.force_login(user)
    assert client.post(SWITCH_OFF, {"code": current_code(device)}).status_code == 403
    assert two_factor.is_enrolled(user)
    with pytest.raises(PermissionDenied):
        two_factor.disable_two_factor(user=user)


# Recovery by the secretariat


def test_the_secretariat_resets_a_lost_second_factor_and_it_is_in_the_audit_trail(client, story):
    user, secretariat = story["steering"], story["secretariat"]
    authenticator(user)
    with_backup_codes(user)
    client.force_login(user)
    assert client.get(HOME).status_code == 200
    two_factor.reset_two_factor(user=user, by=secretariat)
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticDevice.objects.filter(user=user).exists()
    entry = LogEntry.objects.get_for_object(user).get(changes__has_key="two_factor")
    assert entry.actor == secretariat and entry.changes_dict == {"two_factor": ["", "reset"]}
    # The open session verified with the lost device is signed out.
    assert client.get(HOME).url.startswith(reverse("login"))


def test_only_the_secretariat_and_administrators_reset_and_an_administrator_only_by_one(story):
    authenticator(story["administrator"])
    authenticator(story["fp_moi"])
    for by in (story["fp_momd"], story["steering"]):
        with pytest.raises(PermissionDenied):
            two_factor.reset_two_factor(user=story["fp_moi"], by=by)
    with pytest.raises(PermissionDenied):
        two_factor.reset_two_factor(user=story["administrator"], by=story["secretariat"])
    assert two_factor.is_enrolled(story["fp_moi"])
    assert two_factor.is_enrolled(story["administrator"])
    with pytest.raises(PermissionDenied):  # not even an administrator, for themselves
        two_factor.reset_two_factor(user=story["administrator"], by=story["administrator"])
    other_administrator = factories.UserFactory(username="admin2", role=Role.ADMINISTRATOR)
    two_factor.reset_two_factor(user=story["fp_moi"], by=story["secretariat"])
    two_factor.reset_two_factor(user=story["administrator"], by=other_administrator)
    assert not TOTPDevice.objects.exists()


def test_a_focal_point_reset_while_signed_in_signs_in_again_without_a_code(client, story):
    user = story["fp_momd"]
    authenticator(user)
    client.force_login(user, second_factor=False)
    assert client.get(HOME).url.startswith(VERIFY)
    two_factor.reset_two_factor(user=user, by=story["secretariat"])
    assert client.get(f"{VERIFY}?next=/meetings/").url.startswith(reverse("login"))
    client.force_login(user, second_factor=False)
    assert client.get(HOME).status_code == 200


def test_the_backup_codes_page_continues_only_to_our_own_pages(client, story):
    user = story["steering"]
    client.force_login(user, second_factor=False)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=user)
    evil = "https://evil.example/login"
    response = client.post(f"{ENROL}?{urlencode({'next': evil})}", {"code": current_code(device)})
    page = client.get(response.url).content.decode()
    assert 'href="https://evil.example' not in page
    assert 'href="/">' in page


def test_before_the_second_factor_the_page_shows_no_unread_count(client, story):
    user = story["secretariat"]
    authenticator(user)
    Notification.objects.create(recipient=user, kind="report_submitted")
    client.force_login(user, second_factor=False)
    response = client.get(VERIFY)
    assert "unread_notification_count" not in response.context
    assert "text-bg-danger" not in response.content.decode()
