"""Searching from the header on a phone (390 px, Arabic), with and without JavaScript: the
search field is in the folded menu, labelled; the results page fits the phone."""

import pytest
from playwright.sync_api import expect

from coordination.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 800}


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_a_focal_point_searches_from_the_menu_on_a_phone(sign_in, demo, javascript):
    User.objects.filter(username="fp-momd").update(language="ar")
    page = sign_in("fp-momd", locale="ar-IQ", viewport=PHONE, java_script_enabled=javascript)
    field = page.get_by_role(
        "searchbox", name="البحث في الإجراءات والتقارير والاجتماعات والقرارات", exact=True
    )
    expect(field).to_be_hidden()
    page.locator("header summary").click()
    expect(field).to_be_visible()
    box = field.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # Typed without the hamza the title is written with (action 1.1, which MoMD supports).
    field.fill("الاطار المرجعي")
    field.press("Enter")
    page.wait_for_url("**/search/?q=*")
    expect(page.locator("main h1")).to_have_text("بحث")
    expect(page.locator("main h2").first).to_contain_text("الإجراءات ذات الأولوية")
    expect(page.locator("main .list-group-item").first).to_contain_text("الإطار المرجعي")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_search_field_shows_beside_the_menu_on_a_wide_screen(sign_in, demo):
    page = sign_in("secretariat", viewport=WIDE)
    field = page.get_by_role(
        "searchbox", name="Search actions, reports, meetings and decisions", exact=True
    )
    expect(field).to_be_visible()
    field.fill("returnees")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=returnees")
    expect(page.locator("main h1")).to_have_text("Search")
