"""A new user's first visit, in a real browser, on the demo data."""

import re

import pytest
from playwright.sync_api import expect

from coordination.models import Ministry, User
from strategy.models import PriorityAction
from tests.browser.conftest import give_password_and_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, server, username):
    page.goto(f"{server.url}/actions/")
    expect(page.get_by_label("Username")).to_be_visible()
    expect(page.get_by_label("Password")).to_be_visible()
    give_password_and_code(page, username)


def listed_total(page) -> int:
    status = page.get_by_role("status").filter(has_text=re.compile("found")).inner_text()
    return int(re.search(r"\d+", status).group())


def test_fp_momd_sees_only_momd_actions(page, demo):
    sign_in(page, demo, "fp-momd")
    page.wait_for_url(re.compile("/actions/$"))
    expected = PriorityAction.objects.restrict(User.objects.get(username="fp-momd")).count()
    assert listed_total(page) == expected < PriorityAction.objects.count()
    momd = Ministry.objects.get(code="MoMD")
    for row in page.locator("tbody tr").all():
        cells = row.locator("td")
        ministries = cells.nth(2).inner_text() + " " + cells.nth(3).inner_text()
        assert re.search(rf"(?<![\w-]){momd.code}\b", ministries), ministries
    foreign = (
        PriorityAction.objects.exclude(lead_ministry=momd)
        .exclude(supporting_ministries=momd)
        .first()
    )
    response = page.goto(f"{demo.url}/actions/{foreign.pk}/")
    assert response.status == 404


def test_steering_sees_every_action_and_can_open_one(page, demo):
    sign_in(page, demo, "steering")
    page.wait_for_url(re.compile("/actions/$"))
    assert listed_total(page) == PriorityAction.objects.count()
    page.get_by_role("link", name="Next").first.click()
    assert "page=2" in page.url
    page.locator("tbody tr a").first.click()
    expect(page.get_by_role("heading", name="Progress reports")).to_be_visible()


def test_no_page_breaks_the_content_security_policy(sign_in, demo):
    # The administrator: the only role that opens Django's admin too.
    page = sign_in("admin")
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for path in (
        "/",
        "/dashboard/",
        "/actions/",
        "/meetings/",
        "/meetings/decisions/",
        "/admin/",
        "/admin/strategy/priorityaction/",
        "/admin/strategy/priorityaction/1/change/",
    ):
        page.goto(f"{demo.url}{path}")
        page.wait_for_load_state("networkidle")
    assert violations == []
    header = page.request.get(f"{demo.url}/about/").headers["content-security-policy"]
    assert "script-src 'self'" in header and "unsafe-inline" not in header
