"""No address or form value a person can type or craft answers 500: a filter value that is
not a choice is dropped (the page answers with that filter reset), a page number that is not
one shows the first or the last page, a posted id that is not one is a form error."""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from coordination.views import RestrictedListView
from meetings.models import Invitation, Meeting, Minutes
from reporting.views import DashboardView

pytestmark = pytest.mark.django_db

BAD_VALUES = [
    "²",
    "١٢",
    "-1",
    "0",
    "99999999999999999999999",
    "abc",
    "1.5",
    "1e3",
    "%00",
    "' OR 1=1",
]


def list_pages(patterns=None, namespace=""):
    """(URL name, view class) of every list page and dashboard without URL arguments."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from list_pages(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.converters:
            view = getattr(entry.callback, "view_class", None)
            if view and issubclass(view, RestrictedListView | DashboardView):
                yield f"{namespace}{entry.name}", view


def parameters(view) -> list[str]:
    if issubclass(view, DashboardView):
        return ["period", "pillar", "ministry", "body"]
    names = ["page"]
    if view.filterset_class is not None:
        names += list(view.filterset_class.base_filters)
    return names


PAGES = sorted(list_pages())


def test_every_list_page_and_dashboard_is_fuzzed():
    names = {name for name, _ in PAGES}
    assert {
        "strategy:action_list",
        "meetings:decision_register",
        "meetings:meeting_list",
        "coordination:notification_list",
        "dashboard:steering",
        "dashboard:ministry",
    } <= names


@pytest.mark.parametrize(("name", "view"), PAGES, ids=[name for name, _ in PAGES])
def test_bad_query_values_never_fail_a_list_or_dashboard(client, story, name, view):
    url = reverse(name)
    # A focal point's choices are narrowed to their ministries; the pages a focal point is
    # refused or sent away from (the queue, the people list, the steering dashboard) are
    # fuzzed as the secretariat.
    client.force_login(story["fp_momd"])
    response = client.get(url)
    if response.status_code != 200:
        client.force_login(story["secretariat"])
        response = client.get(url)
    assert response.status_code == 200
    for parameter in parameters(view):
        for value in BAD_VALUES:
            response = client.get(url, {parameter: value}, follow=True)
            assert response.status_code == 200, (parameter, value)


def test_a_page_number_past_the_end_shows_the_last_page(client, story):
    client.force_login(story["secretariat"])
    response = client.get(reverse("strategy:action_list"), {"page": "999"})
    assert response.status_code == 200
    assert response.context["page_obj"].number == response.context["paginator"].num_pages


def test_a_bad_dashboard_filter_is_reset_the_others_kept(client, story, momd):
    client.force_login(story["steering"])
    response = client.get(reverse("dashboard:steering"), {"ministry": "²", "body": "abc"})
    assert response.status_code == 200
    assert response.context["filters"].ministry is None
    response = client.get(reverse("dashboard:steering"), {"ministry": momd.pk, "pillar": "-1"})
    assert response.context["filters"].ministry == momd
    assert response.context["filters"].pillar is None


ONE_DAY = datetime.timedelta(days=1)


def held(meeting):
    """The meeting as it is once held (a month ago): attendance and minutes are recorded."""
    Meeting.objects.filter(pk=meeting.pk).update(start=timezone.now() - 30 * ONE_DAY)
    meeting.refresh_from_db()
    return meeting


@pytest.mark.parametrize("value", BAD_VALUES)
def test_a_bad_posted_invitation_is_a_form_error_and_saves_nothing(client, story, value):
    meeting = held(story["meeting_momd"])
    invitation = Invitation.objects.create(meeting=meeting, name="Guest")
    client.force_login(story["secretariat"])
    response = client.post(
        reverse("meetings:attendance", args=[meeting.pk]), {"present": [invitation.pk, value]}
    )
    assert response.status_code == 400
    assert "The attendance list changed" in response.content.decode()
    assert not Invitation.objects.filter(attended=True).exists()


@pytest.mark.parametrize("value", BAD_VALUES)
def test_a_bad_posted_approval_meeting_is_a_form_error_and_approves_nothing(client, story, value):
    meeting = held(story["meeting_momd"])
    client.force_login(story["secretariat"])
    client.post(
        reverse("meetings:minutes_circulate", args=[meeting.pk]), {"deadline": "2031-12-31T12:00"}
    )
    # Minutes are approved once their comment deadline has passed.
    Minutes.objects.filter(meeting=meeting).update(comment_deadline=meeting.end + ONE_DAY)
    response = client.post(
        reverse("meetings:minutes_approve", args=[meeting.pk]), {"at_meeting": value}, follow=True
    )
    assert response.status_code == 200
    assert "Choose one of the body" in response.content.decode()
    assert response.context["minutes"].state == "circulated"


@pytest.mark.parametrize("value", BAD_VALUES)
def test_bad_ids_in_a_forms_many_to_many_are_form_errors(client, story, momd, value):
    from meetings.models import AgendaItem, Decision
    from strategy.models import PriorityAction
    from tests import factories

    client.force_login(story["secretariat"])
    action = story["action_momd"]
    response = client.post(
        reverse("strategy:action_create"),
        {
            "pillar": action.pillar_id,
            "code": "8.8",
            "title_ar": "إجراء",
            "title_en": "Fuzzed action",
            "lead_ministry": momd.pk,
            "supporting_ministries": [value],
            "start_date": "2026-01-01",
            "due_date": "2027-06-30",
            "status": "on_track",
            "priority": "high",
            "percent_complete": "10",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not PriorityAction.objects.filter(code="8.8").exists()
    item = factories.AgendaItemFactory(meeting=story["meeting_momd"])
    response = client.post(
        reverse("meetings:decision_create", args=[item.pk]),
        {"text_ar": "قرار", "text_en": "Fuzzed", "responsible": [momd.pk, value]},
    )
    assert response.status_code in (200, 400) and response.context["form"].errors
    assert not Decision.objects.filter(agenda_item=item).exists()
    assert AgendaItem.objects.filter(pk=item.pk).exists()
