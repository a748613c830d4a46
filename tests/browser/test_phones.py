"""The portal on a phone (390 x 844 px), in Arabic, with the demo data: lists are cards
(never a column squeezed to a few letters, nothing off-screen), the header folds behind a
"Menu" toggle and a list's filters behind "Filters (n)", both working without JavaScript."""

import pytest
from playwright.sync_api import expect

from coordination.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 800}


@pytest.fixture
def open_as(sign_in):
    """open_as(username, viewport=PHONE, javascript=True) -> a page signed in, in Arabic."""

    def signed_in(username, viewport=PHONE, javascript=True):
        User.objects.filter(username=username).update(language="ar")
        return sign_in(username, locale="ar-IQ", viewport=viewport, java_script_enabled=javascript)

    return signed_in


def boxes(page, selector):
    return [box for box in (cell.bounding_box() for cell in page.locator(selector).all()) if box]


def assert_on_screen(box, width=PHONE["width"]):
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box


def assert_readable_cards(page, title, *first_row_cells, tallest=350):
    """Every row's title cell at least 120 px wide, the page under 350 px a row and no row
    taller than ``tallest``, the page no wider than the phone, and the first row's
    ``first_row_cells`` on screen."""
    rows = page.locator("table.table-stack > tbody > tr")
    count = rows.count()
    assert count >= 10
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    heights = [box["height"] for box in boxes(page, "table.table-stack > tbody > tr")]
    assert len(heights) == count and max(heights) < tallest, heights
    # The whole page too, header, filters and pagination included.
    assert page.evaluate("document.documentElement.scrollHeight") < 350 * count
    widths = [box["width"] for box in boxes(page, f"table.table-stack > tbody > tr > {title}")]
    assert len(widths) == count and min(widths) >= 120, widths
    first = rows.first
    for cell in first_row_cells:
        assert_on_screen(first.locator(cell).bounding_box())
    # Arabic words wrap between words only: a title never breaks inside a word.
    wrapping = page.locator(f"table.table-stack > tbody > tr > {title}").first.evaluate(
        "cell => [getComputedStyle(cell).overflowWrap, getComputedStyle(cell).wordBreak]"
    )
    assert wrapping == ["break-word", "normal"]


def test_the_action_list_is_a_list_of_cards_on_a_phone(open_as, demo):
    page = open_as("secretariat")
    page.goto(f"{demo.url}/actions/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    # The lead ministry by name: a card may take a line more.
    assert_readable_cards(page, "td.stack-title", "td.stack-corner", "td.stack-key", tallest=420)
    # The card says what each value is.
    first = page.locator("table.table-stack > tbody > tr").first
    label = first.locator("td[data-label='الحالة']").evaluate(
        "cell => getComputedStyle(cell, '::before').content"
    )
    assert label == '"الحالة"'


def test_the_decision_register_is_a_list_of_cards_on_a_phone(open_as, demo):
    page = open_as("secretariat")
    page.goto(f"{demo.url}/meetings/decisions/")
    # A decision is up to 30 words and may name several ministries' follow-ups, each
    # ministry and the meeting's body by name.
    assert_readable_cards(
        page,
        "td.stack-title",
        "td.stack-key >> nth=0",
        "td.stack-key >> nth=1",
        tallest=550,
    )


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/actions/reports/queue/", "td.stack-title"),
        ("/meetings/", "td:nth-child(2)"),
        ("/people/", "td.stack-title"),
    ],
)
def test_the_other_lists_fit_a_phone(open_as, demo, path, title):
    page = open_as("secretariat")
    page.goto(f"{demo.url}{path}")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    widths = [box["width"] for box in boxes(page, f"table.table-stack > tbody > tr > {title}")]
    assert widths and min(widths) >= 120, widths
    for box in boxes(page, "table.table-stack > tbody > tr > td"):
        assert_on_screen(box)


def test_the_home_page_and_the_notifications_fit_a_phone(open_as, demo):
    page = open_as("fp-momd")
    for path in ("/", "/notifications/"):
        page.goto(f"{demo.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        for box in boxes(page, "main .list-group-item"):
            assert_on_screen(box)


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_the_header_folds_behind_a_menu_toggle_on_a_phone(open_as, demo, javascript):
    page = open_as("secretariat", javascript=javascript)
    header = page.locator("header")
    toggle = header.locator("summary")
    main_menu = page.get_by_role("navigation", name="القائمة الرئيسية")
    sign_out = header.get_by_role("button", name="تسجيل الخروج")
    expect(toggle).to_be_visible()
    expect(toggle).to_contain_text("القائمة")
    expect(main_menu).to_be_hidden()
    expect(sign_out).to_be_hidden()
    expect(page.locator("#language-select")).to_be_hidden()
    # One line: the brand and the toggle, not a third of the screen.
    assert header.bounding_box()["height"] < 70
    assert_on_screen(toggle.bounding_box())

    # By keyboard: Tab reaches the toggle (after the skip link and the brand), Enter opens.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(toggle).to_be_focused()
    outline = toggle.evaluate(
        "el => getComputedStyle(el).boxShadow + getComputedStyle(el).outlineStyle"
    )
    assert outline != "nonenone"
    page.keyboard.press("Enter")
    expect(main_menu).to_be_visible()
    expect(sign_out).to_be_visible()
    expect(page.locator("#language-select")).to_be_visible()
    main_menu.get_by_role("link", name="الاجتماعات", exact=True).click()
    page.wait_for_url(f"{demo.url}/meetings/")
    expect(page.locator("main h1")).to_have_text("الاجتماعات")


def test_on_a_wide_screen_the_menu_is_always_shown(open_as, demo):
    page = open_as("secretariat", viewport=WIDE)
    expect(page.locator("header summary")).to_be_hidden()
    expect(page.get_by_role("navigation", name="القائمة الرئيسية")).to_be_visible()
    expect(page.get_by_role("button", name="تسجيل الخروج")).to_be_visible()
    page.goto(f"{demo.url}/actions/?status=at_risk")
    expect(page.locator("main").get_by_role("search")).to_be_visible()
    expect(page.locator("details.filters > summary")).to_be_hidden()


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_filters_fold_behind_a_toggle_that_counts_them_on_a_phone(open_as, demo, javascript):
    page = open_as("secretariat", javascript=javascript)
    page.goto(f"{demo.url}/actions/?status=at_risk&q=")
    toggle = page.locator("details.filters > summary")
    form = page.locator("main").get_by_role("search")
    expect(toggle).to_have_text("عوامل التصفية (1)")
    expect(form).to_be_hidden()
    toggle.click()
    expect(form).to_be_visible()
    form.get_by_label("الحالة").select_option("delayed")
    form.get_by_role("button", name="تصفية", exact=True).click()
    page.wait_for_url("**/actions/?*status=delayed*")
    expect(page.locator("details.filters > summary")).to_have_text("عوامل التصفية (1)")


def test_filters_with_an_error_stay_open_on_a_phone(open_as, demo):
    page = open_as("secretariat")
    page.goto(f"{demo.url}/actions/reports/queue/?period=not-a-period")
    expect(page.locator("main").get_by_role("search")).to_be_visible()
    expect(page.locator(".invalid-feedback").first).to_be_visible()
