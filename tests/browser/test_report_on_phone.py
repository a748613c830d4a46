"""A focal point writes a report on a phone, in Arabic, typing numbers on an Arabic
keyboard (Arabic-Indic digits), then submits the saved draft from its page after ticking
the confirmation. Typed, not posted: ``<input type="number">`` drops these digits in
Chromium, leaving the field empty."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from coordination.models import Role
from coordination.services import appoint_focal_point
from strategy.models import IndicatorValue, ProgressUpdate, ReportState
from tests import factories
from tests.browser.conftest import DEMO_PASSWORD, give_password_and_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="ar-IQ", viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def test_a_focal_point_types_arabic_indic_digits_on_a_phone_and_submits(live_server, phone):
    ministry = factories.MinistryFactory(code="MoMD", name_ar="وزارة الهجرة والمهجرين")
    user = factories.UserFactory(username="mona", role=Role.FOCAL_POINT, language="ar")
    user.set_password(DEMO_PASSWORD)
    user.save()
    appoint_focal_point(user=user, ministry=ministry)
    action = factories.PriorityActionFactory(code="4.1", lead_ministry=ministry)
    indicator = factories.IndicatorFactory(
        action=action, name_ar="عدد المحافظات المربوطة", baseline=2, targets={2026: 18}
    )
    report = factories.ProgressUpdateFactory(
        action=action,
        ministry=ministry,
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 9, 30),
        percent_complete=10,
        narrative="رُبطت محافظتان.",
        created_by=user,
    )

    page = phone
    page.goto(f"{live_server.url}/accounts/login/")
    give_password_and_code(page, "mona")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/actions/reports/{report.pk}/edit/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")

    # The indicator's fields, named once by its fieldset.
    fieldset = page.get_by_role("group", name="عدد المحافظات المربوطة")
    expect(fieldset).to_be_visible()
    value = fieldset.get_by_label("القيمة")
    expect(value).to_have_attribute("inputmode", "decimal")

    percent = page.locator("#id_percent_complete")
    percent.click()
    percent.press("Control+A")
    percent.press("Backspace")
    percent.press_sequentially("٧٢")
    expect(percent).to_have_value("٧٢")
    value.click()
    page.keyboard.type("١٤٥٠٫٥")
    expect(value).to_have_value("١٤٥٠٫٥")
    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.locator("button[name=save_draft]").click()
    expect(page.get_by_role("heading", name="إرسال إلى الأمانة")).to_be_visible()

    report.refresh_from_db()
    assert report.percent_complete == 72
    assert IndicatorValue.objects.get(report=report, indicator=indicator).value == Decimal("1450.5")
    assert report.state == ReportState.DRAFT

    # Submitted from the saved draft's page, once confirmed.
    page.get_by_role("button", name="إرسال إلى الأمانة").click()
    expect(page.get_by_text("ضع علامة في المربع")).to_be_visible()
    assert ProgressUpdate.objects.get(pk=report.pk).state == ReportState.DRAFT
    page.get_by_label("راجعتُ هذا التقرير").check()
    page.get_by_role("button", name="إرسال إلى الأمانة").click()
    expect(page.get_by_role("button", name="سحب التقرير")).to_be_visible()
    assert ProgressUpdate.objects.get(pk=report.pk).state == ReportState.SUBMITTED
