"""The steering body's dashboard in a real browser, on a desktop and on a phone."""

import re

import pytest
from playwright.sync_api import expect

from reporting.models import QuarterlyReport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_steering_drills_down_from_a_grid_cell_and_downloads_the_quarterly_pdf(sign_in, demo):
    page = sign_in("steering")
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Steering dashboard")).to_be_visible()
    cell = page.locator("table.status-grid td a").first
    expected = int(cell.inner_text())
    cell.click()
    page.wait_for_url(re.compile(r"/actions/\?pillar=\d+&lead=\d+"))
    found = page.get_by_role("status").filter(has_text=re.compile("found")).inner_text()
    assert int(re.search(r"\d+", found).group()) == expected

    page.go_back()
    page.get_by_role("button", name="Periodic report (PDF)").click()
    page.get_by_role("link", name="Download").wait_for(timeout=60_000)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert QuarterlyReport.objects.get().state == "ready"


@pytest.mark.parametrize("username", ["steering", "fp-momd"])
def test_the_dashboard_fits_a_phone(sign_in, demo, username):
    page = sign_in(username)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{demo.url}/dashboard/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
