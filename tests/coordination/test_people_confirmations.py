"""Deactivating a person and resetting their second factor ask for confirmation first: the
account's page links to a page that says what will happen, whose button posts. Nothing
changes on a GET; the POST keeps its CSRF check and the people pages their access rules."""

import pytest
from django.urls import reverse

from coordination import two_factor
from coordination.models import AccountChange
from tests.conftest import Client
from tests.two_factor import authenticator

pytestmark = pytest.mark.django_db


def test_deactivating_asks_for_confirmation_and_only_the_post_deactivates(client, story):
    omar = story["fp_moi"]
    client.force_login(story["secretariat"])
    url = reverse("people:account_active", args=[omar.pk])
    detail = client.get(reverse("people:account_detail", args=[omar.pk])).content.decode()
    assert f'href="{url}"' in detail
    page = client.get(url)
    text = page.content.decode()
    assert page.status_code == 200
    assert "can no longer sign in" in text and "Yes, deactivate the account" in text
    assert 'name="active" value="0"' in text and "csrfmiddlewaretoken" in text
    omar.refresh_from_db()
    assert omar.is_active
    client.post(url, {"active": "0"})
    omar.refresh_from_db()
    assert not omar.is_active
    again = client.get(url, follow=True)
    assert "The account is already deactivated." in again.content.decode()
    # Reactivating needs no confirmation: it is the button on the account's page.
    detail = client.get(reverse("people:account_detail", args=[omar.pk])).content.decode()
    assert "Reactivate the account" in detail
    client.post(url, {"active": "1"})
    omar.refresh_from_db()
    assert omar.is_active


def test_the_deactivation_page_keeps_the_access_rules_and_the_csrf_check(client, story):
    omar, administrator = story["fp_moi"], story["administrator"]
    url = reverse("people:account_active", args=[omar.pk])
    client.force_login(story["fp_momd"])
    assert client.get(url).status_code == 403
    client.force_login(story["secretariat"])
    assert client.get(reverse("people:account_active", args=[administrator.pk])).status_code == 403
    assert client.get(reverse("people:account_active", args=[999_999])).status_code == 404
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(story["secretariat"])
    assert strict.post(url, {"active": "0"}).status_code == 403
    omar.refresh_from_db()
    assert omar.is_active


def test_resetting_a_focal_points_second_factor_asks_for_confirmation_first(client, story):
    omar = story["fp_moi"]
    authenticator(omar)
    client.force_login(story["secretariat"])
    url = reverse("people:account_two_factor_reset", args=[omar.pk])
    detail = client.get(reverse("people:account_detail", args=[omar.pk])).content.decode()
    assert f'href="{url}"' in detail
    text = client.get(url).content.decode()
    assert "Reset the second factor of" in text and "Yes, reset the second factor" in text
    assert "awaits confirmation" not in text
    assert two_factor.is_enrolled(omar)
    client.post(url)
    assert not two_factor.is_enrolled(omar)
    # Nothing left to reset: the page says so instead of asking.
    response = client.get(url, follow=True)
    assert "This person has no second factor set up." in response.content.decode()


def test_a_privileged_accounts_reset_page_says_a_second_person_confirms(client, story):
    steering = story["steering"]
    authenticator(steering)
    client.force_login(story["secretariat"])
    url = reverse("people:account_two_factor_reset", args=[steering.pk])
    text = client.get(url).content.decode()
    assert "awaits confirmation by another member" in text and "Yes, ask for the reset" in text
    assert not AccountChange.objects.exists()
    client.post(url)
    assert AccountChange.objects.get().account == steering


def test_the_reset_page_keeps_the_access_rules_and_the_csrf_check(client, story):
    omar, secretariat = story["fp_moi"], story["secretariat"]
    authenticator(omar)
    url = reverse("people:account_two_factor_reset", args=[omar.pk])
    client.force_login(story["fp_momd"])
    assert client.get(url).status_code == 403
    client.force_login(secretariat)
    own = reverse("people:account_two_factor_reset", args=[secretariat.pk])
    assert client.get(own).status_code == 403
    admin = reverse("people:account_two_factor_reset", args=[story["administrator"].pk])
    assert client.get(admin).status_code == 403
    assert client.get(reverse("people:account_two_factor_reset", args=[999_999])).status_code == 404
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(secretariat)
    assert strict.post(url).status_code == 403
    assert two_factor.is_enrolled(omar)
