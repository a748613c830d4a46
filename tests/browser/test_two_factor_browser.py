"""A secretariat member's first sign-in in Arabic: set up the authenticator app from the QR
code's key, keep the backup codes, then sign in again with a backup code. Every page of the
way passes axe-core's WCAG rules."""

import base64
import re

import pytest
from playwright.sync_api import expect

from coordination.models import User
from tests.browser.conftest import DEMO_PASSWORD
from tests.browser.test_accessibility import violations
from tests.two_factor import current_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def password(page, server):
    page.goto(f"{server.url}/accounts/login/")
    page.locator("#id_username").fill("secretariat")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()


def test_enrolment_then_sign_in_with_a_backup_code(browser, demo):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    User.objects.filter(username="secretariat").update(language="ar")
    context = browser.new_context(locale="ar")
    page = context.new_page()
    found = {}

    password(page, demo)
    page.wait_for_url(re.compile(r"/accounts/two-factor/setup/"))
    assert page.locator("html").get_attribute("dir") == "rtl"
    expect(page.locator("img.qr-code")).to_be_visible()
    found["enrol"] = violations(page)
    secret = page.locator(".secret-key").inner_text().replace(" ", "")
    device = TOTPDevice.objects.get(user__username="secretariat")
    code = current_code(device, key=base64.b32decode(secret))
    page.locator("#id_code").fill(code.translate(ARABIC_DIGITS))
    page.locator("main button[type=submit]").click()

    page.wait_for_url(re.compile(r"/accounts/two-factor/backup-codes/"))
    codes = page.locator(".backup-codes code").all_inner_texts()
    assert len(codes) == 10
    found["backup codes"] = violations(page)
    page.locator("main a.btn-primary").click()
    page.wait_for_url(f"{demo.url}/")

    page.goto(f"{demo.url}/accounts/security/")
    expect(page.locator("main")).to_contain_text("10")
    found["security"] = violations(page)
    page.locator('header form[action="/accounts/logout/"] button').click()
    page.wait_for_url(re.compile(r"/accounts/login/"))

    password(page, demo)
    page.wait_for_url(re.compile(r"/accounts/two-factor/verify/"))
    found["verify"] = violations(page)
    page.locator("#id_code").fill("wrong-code")
    page.locator("main button[type=submit]").click()
    expect(page.locator("#id_code")).to_have_attribute("aria-invalid", "true")
    found["verify with an error"] = violations(page)
    # django-otp makes the next attempt wait a second after a wrong code.
    page.wait_for_timeout(1100)
    page.locator("#id_code").fill(codes[0])
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{demo.url}/")
    expect(page.get_by_role("status").first).to_contain_text("9")
    context.close()
    assert {name: v for name, v in found.items() if v} == {}
