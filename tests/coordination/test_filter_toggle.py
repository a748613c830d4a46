"""A list's filters fold behind a "Filters (n)" toggle on phones: n counts the filters set,
and the filters open by themselves when the form has errors."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ACTIONS = reverse("strategy:action_list")


def toggle(response) -> str:
    filters = response.content.decode().split('<details class="filters', 1)[1]
    return re.search(r"<summary[^>]*>(.*?)</summary>", filters, re.S)[1]


def test_without_filters_the_toggle_says_filters_and_the_filters_are_folded(client, story):
    client.force_login(story["steering"])
    response = client.get(ACTIONS)
    assert response.context["active_filter_count"] == 0
    assert toggle(response) == "Filters"
    assert '<details class="filters mb-3">' in response.content.decode()


def test_the_toggle_counts_the_filters_set_but_not_blanks_nor_the_page(client, story, momd):
    client.force_login(story["steering"])
    response = client.get(
        ACTIONS, {"status": "delayed", "lead": momd.pk, "q": "  ", "pillar": "", "page": "2"}
    )
    assert response.context["active_filter_count"] == 2
    assert toggle(response) == "Filters (2)"


def test_a_checkbox_filter_counts_on_the_decision_register(client, story):
    client.force_login(story["steering"])
    response = client.get(reverse("meetings:decision_register"), {"overdue": "on"})
    assert toggle(response) == "Filters (1)"


def test_filters_with_an_error_are_open(client, story):
    client.force_login(story["secretariat"])
    response = client.get(reverse("strategy:validation_queue"), {"period": "not-a-period"})
    assert response.context["filterset"].form.errors
    assert '<details class="filters mb-3" open>' in response.content.decode()
    assert toggle(response) == "Filters (1)"


def test_the_people_list_counts_its_filters_too(client, story):
    client.force_login(story["secretariat"])
    response = client.get(reverse("people:account_list"))
    assert toggle(response) == "Filters"
