"""Switching to Kurdish and back in a real browser, with screenshots of the dashboard in each
language (SCREENSHOT_DIR=docs/screenshots keeps them for the README)."""

import os
from pathlib import Path

import pytest

from coordination.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_steering_switches_to_kurdish_and_back(sign_in, demo, tmp_path):
    shots = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    User.objects.filter(username="steering").update(language="ar")
    page = sign_in("steering")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{demo.url}/dashboard/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == "لوحة متابعة الهيئة التوجيهية"
    page.screenshot(path=str(shots / "dashboard-ar.png"), full_page=False)

    page.locator("#language-select").select_option("ckb")
    page.locator("#language-select + button").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ckb"
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(shots / "dashboard-ckb.png"), full_page=False)
    assert User.objects.get(username="steering").language == "ckb"

    page.locator("#language-select").select_option("en")
    page.locator("#language-select + button").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("h1").inner_text() == "Steering dashboard"
    page.screenshot(path=str(shots / "dashboard-en.png"), full_page=False)
    for name in ("ar", "ckb", "en"):
        assert (shots / f"dashboard-{name}.png").stat().st_size > 10_000
