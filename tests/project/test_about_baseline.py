"""/about/ is the benchmark's baseline (demo/benchmark.py): every page's time is compared with
it, measured in the same rounds. It stays the plain page of the base layout it is (issue 13):
the same templates and at most four queries, so that the baseline cannot get lighter or
heavier unnoticed and flatter or hide a page's ratio."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# The about page, the base layout and what the base layout includes; nothing else.
TEMPLATES = [
    "coordination/about.html",
    "base.html",
    "includes/language_switcher.html",
    "includes/messages.html",
]
MAX_QUERIES = 4


@pytest.mark.parametrize("role", ["steering", "fp_momd", "secretariat"])
def test_about_is_the_base_layout_in_at_most_four_queries(
    client, role, request, django_assert_max_num_queries
):
    user = request.getfixturevalue(role)
    client.force_login(user)
    client.get(reverse("about"))  # the first request of a session may set it up
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("about"))
    assert response.status_code == 200
    assert [template.name for template in response.templates] == TEMPLATES
