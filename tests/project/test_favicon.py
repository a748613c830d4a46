"""The portal's icon: linked from every page, and at /favicon.ico for browsers that ask
there (and for the admin's pages, which link none)."""

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_to_the_vendored_icon_without_a_session(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon/favicon.ico")
    assert finders.find("favicon/favicon.ico")


@pytest.mark.parametrize("signed_in", [False, True])
def test_every_page_links_the_icon(client, story, signed_in):
    if signed_in:
        client.force_login(story["fp_momd"])
    page = client.get(reverse("login" if not signed_in else "home")).content.decode()
    for name, kind in (("favicon.svg", "image/svg+xml"), ("favicon-32.png", "image/png")):
        assert f'<link rel="icon" href="{static("favicon/" + name)}" type="{kind}"' in page
        assert finders.find(f"favicon/{name}")
