"""No page can show what was rendered before a permission change (issue 13): a focal point
reads their ministry's records, warm (each page twice); the grant is withdrawn, or the action's
lead ministry changes; the very next request of every page answers 404 for a record and no
longer lists it. Whatever a view keeps between requests (figures, never pages) must not let a
record through the access layer after its grant is gone."""

import pytest
from django.urls import reverse

from coordination.services import withdraw_focal_point
from meetings.models import FollowUp
from strategy.models import PriorityAction

pytestmark = pytest.mark.django_db


def read_twice(client, url):
    client.get(url)
    return client.get(url)


@pytest.fixture
def momd_pages(story, report_momd):
    """Mona's (MoMD's focal point) pages of MoMD's records: (URL, text that shows a record,
    or None for a record's own page)."""
    follow_up = FollowUp.objects.create(
        decision=story["decision_momd"], ministry=report_momd.ministry
    )
    action, shared = story["action_momd"], story["action_shared"]
    return [
        (reverse("strategy:action_detail", args=[action.pk]), None),
        (reverse("strategy:action_detail", args=[shared.pk]), None),
        (reverse("strategy:report_detail", args=[report_momd.pk]), None),
        (reverse("meetings:meeting_detail", args=[story["meeting_momd"].pk]), None),
        (reverse("meetings:follow_up", args=[follow_up.pk]), None),
        (reverse("strategy:action_list"), action.title_en),
        (reverse("strategy:action_list"), shared.title_en),
        (reverse("meetings:decision_register"), "Open MoMD returnee desks"),
        (reverse("meetings:meeting_list"), "MoMD plenary"),
        (reverse("dashboard:ministry"), "MoMD"),
    ]


def test_withdrawing_a_ministry_hides_its_records_from_the_next_request(client, story, momd_pages):
    mona = story["fp_momd"]
    client.force_login(mona)
    for url, text in momd_pages:
        response = read_twice(client, url)
        assert response.status_code == 200, url
        if text:
            assert text in response.content.decode(), (url, text)

    withdraw_focal_point(user=mona, ministry=story["action_momd"].lead_ministry)

    for url, text in momd_pages:
        response = client.get(url)
        if text is None:
            assert response.status_code == 404, url
        else:
            assert response.status_code == 200, url
            assert text not in response.content.decode(), (url, text)


def test_an_action_given_to_another_ministry_leaves_the_old_ones_pages_at_once(client, story):
    mona, action = story["fp_momd"], story["action_momd"]
    detail = reverse("strategy:action_detail", args=[action.pk])
    listing = reverse("strategy:action_list")
    client.force_login(mona)
    assert read_twice(client, detail).status_code == 200
    assert action.title_en in read_twice(client, listing).content.decode()

    action = PriorityAction.objects.get(pk=action.pk)
    action.lead_ministry = story["action_moi"].lead_ministry
    action.save()

    assert client.get(detail).status_code == 404
    assert action.title_en not in client.get(listing).content.decode()
    # Omar, MoI's focal point, sees it at once.
    client.force_login(story["fp_moi"])
    assert client.get(detail).status_code == 200
