import os
import re
import shutil

import pytest
from playwright.sync_api import sync_playwright

# pytest-django's live_server runs beside Playwright's event loop in this process.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


DEMO_PASSWORD = "browser-demo-2026"


@pytest.fixture
def demo(live_server):
    """The live portal with the demo data; every demo user has DEMO_PASSWORD."""
    import io

    from django.core.management import call_command

    from coordination.models import User

    call_command("seed_demo", "--password", DEMO_PASSWORD, stdout=io.StringIO())
    # Demo users speak Arabic; these tests read English labels unless they choose otherwise.
    User.objects.update(language="en")
    return live_server


def give_password_and_code(page, username):
    """On the sign-in page: the password, then, for a user who owes a second factor, the
    code their authenticator app shows (a real confirmed device, set up here if they are of
    a role that requires one and have none yet)."""
    from coordination import two_factor
    from coordination.models import User
    from tests.two_factor import authenticator, current_code

    user = User.objects.get(username=username)
    device = authenticator(user) if two_factor.is_required(user) else two_factor.authenticator(user)
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    if device is not None:
        page.wait_for_url(re.compile(r"/accounts/two-factor/verify/"))
        page.locator("#id_code").fill(current_code(device))
        page.locator("main button[type=submit]").click()


@pytest.fixture
def sign_in(browser, demo):
    """sign_in(username) -> a page of a new browser context, signed in, on the home page;
    other keywords are the context's (viewport, java_script_enabled...)."""

    contexts = []

    def signed_in(username, locale="en-GB", **context_options):
        contexts.append(browser.new_context(locale=locale, **context_options))
        page = contexts[-1].new_page()
        page.goto(f"{demo.url}/accounts/login/")
        give_password_and_code(page, username)
        page.wait_for_url(f"{demo.url}/")
        return page

    yield signed_in
    for context in contexts:
        context.close()
