"""Every page passes axe-core's WCAG 2.1 A and AA rules, in Arabic (right to left) and in
English, for a focal point and for the secretariat, on a wide screen; and on a phone
(390 px), in Kurdish and in Arabic, with the folded menu and filters opened."""

import pytest

from coordination.models import User
from meetings.models import FollowUp, Meeting
from strategy.models import PriorityAction, ProgressUpdate
from tests.browser.conftest import give_password_and_code
from tests.tools import AXE, require

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pages_for(username):
    user = User.objects.get(username=username)
    action = PriorityAction.objects.restrict(user).first()
    meeting = Meeting.objects.restrict(user).first()
    pages = [
        "/",
        "/actions/",
        "/actions/?status=at_risk&page=1",
        f"/actions/{action.pk}/",
        "/meetings/",
        f"/meetings/{meeting.pk}/",
    ]
    report = ProgressUpdate.objects.restrict(user).filter(state="submitted").first()
    pages += [
        f"/actions/{action.pk}/reports/new/",
        f"/actions/reports/{report.pk}/",
        "/notifications/",
        "/actions/?due=report_due",
    ]
    follow_up = FollowUp.objects.restrict(user).first()
    pages += [
        f"/meetings/{meeting.pk}/minutes/",
        "/meetings/decisions/",
        "/meetings/decisions/?overdue=on",
        f"/meetings/follow-ups/{follow_up.pk}/",
        "/meetings/calendar/",
        "/dashboard/",
        "/about/",
        "/accounts/security/",
    ]
    if username == "secretariat":
        pages += [
            "/actions/new/",
            f"/actions/{action.pk}/edit/",
            "/actions/reports/queue/",
            "/meetings/new/",
            f"/meetings/{meeting.pk}/agenda/",
            f"/meetings/{meeting.pk}/attendance/",
            f"/meetings/{meeting.pk}/edit/",
            "/people/",
            "/people/new/",
            f"/people/{user.pk}/",
            f"/people/{user.pk}/edit/",
        ]
    else:
        draft = ProgressUpdate.objects.restrict(user).filter(state="draft").first()
        pages.append(f"/actions/reports/{draft.pk}/edit/")
    return pages


def violations(page):
    page.evaluate(require(AXE).read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


WIDE = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}


def open_what_folds(page):
    """Open what a phone folds (the menu, a list's filters): axe skips what is hidden."""
    page.evaluate(
        "document.querySelectorAll('details.site-menu, details.filters')"
        ".forEach(d => { d.open = true; })"
    )


# Every language on a wide screen would take too long; each pairing below is checked once.
@pytest.mark.parametrize(
    ("language", "viewport", "username"),
    [
        ("ar", WIDE, "fp-momd"),
        ("ar", WIDE, "secretariat"),
        ("en", WIDE, "fp-momd"),
        ("en", WIDE, "secretariat"),
        ("ckb", PHONE, "secretariat"),
        ("ar", PHONE, "fp-momd"),
    ],
    ids=lambda value: f"{value['width']}px" if isinstance(value, dict) else value,
)
def test_pages_have_no_wcag_violations(browser, demo, language, viewport, username):
    User.objects.filter(username=username).update(language=language)
    context = browser.new_context(locale=language, viewport=viewport)
    page = context.new_page()
    page.goto(f"{demo.url}/accounts/login/")
    assert page.locator("html").get_attribute("dir") == ("ltr" if language == "en" else "rtl")
    assert page.locator("html").get_attribute("lang") == language
    open_what_folds(page)
    found = {"/accounts/login/": violations(page)}
    give_password_and_code(page, username)
    page.wait_for_url(f"{demo.url}/")
    for path in pages_for(username):
        page.goto(f"{demo.url}{path}")
        if viewport is PHONE:
            open_what_folds(page)
        found[path] = violations(page)
    context.close()
    assert {path: v for path, v in found.items() if v} == {}
