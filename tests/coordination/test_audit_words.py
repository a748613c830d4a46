"""The audit trail in words: an action's status and a report's state told apart, groups by
their names in the reader's language, and a new person's trail without a removal that
never happened."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from coordination.models import Role, User
from coordination.services import secretariat_group
from strategy.models import ReportState
from tests import factories

pytestmark = pytest.mark.django_db


def new_person(username: str, role: str, ministries=()) -> dict:
    return {
        "username": username,
        "first_name": "Salma",
        "last_name": "Kareem",
        "email": f"{username}@imag.gov.iq",
        "role": role,
        "language": "ar",
        "ministries": [m.pk for m in ministries],
    }


@pytest.mark.parametrize("group_exists", [True, False])
def test_a_new_persons_trail_shows_what_was_given_and_nothing_removed(
    client, story, momd, group_exists
):
    if group_exists:
        secretariat_group()
    client.force_login(story["administrator"])
    for username, role, ministries in (
        ("salma", Role.FOCAL_POINT, [momd]),
        ("sami", Role.SECRETARIAT, []),
        ("sara", Role.STEERING, []),
        ("adil", Role.ADMINISTRATOR, []),
    ):
        response = client.post(
            reverse("people:account_create"), new_person(username, role, ministries)
        )
        assert response.status_code == 302, username
        person = User.objects.get(username=username)
        removals = [
            entry.changes
            for entry in LogEntry.objects.get_for_object(person)
            if entry.changes_dict.get("groups", {}).get("operation") == "delete"
        ]
        assert removals == [], username
        page = client.get(reverse("people:account_detail", args=[person.pk])).content.decode()
        assert "removed" not in page
        if role == Role.SECRETARIAT:
            assert "added: Secretariat" in page


def test_groups_are_named_in_the_readers_language(client, story, momd):
    client.force_login(story["administrator"])
    client.post(reverse("people:account_create"), new_person("sami", Role.SECRETARIAT))
    client.post(reverse("people:account_create"), new_person("salma", Role.FOCAL_POINT, [momd]))
    arabic = {"HTTP_ACCEPT_LANGUAGE": "ar"}
    story["administrator"].language = "ar"
    story["administrator"].save()
    sami, salma = User.objects.get(username="sami"), User.objects.get(username="salma")
    page = client.get(reverse("people:account_detail", args=[sami.pk]), **arabic)
    assert 'lang="ar"' in page.content.decode()
    assert "الأمانة" in page.content.decode()
    assert "Secretariat" not in page.content.decode()
    page = client.get(reverse("people:account_detail", args=[salma.pk]), **arabic)
    assert "وزارة الهجرة والمهجرين (MoMD)" in page.content.decode()


def test_an_actions_trail_tells_its_status_from_its_reports_state(client, story, momd):
    action = story["action_momd"]
    action.status = "at_risk"
    action.save()
    report = factories.ProgressUpdateFactory(action=action, ministry=momd)
    report.state = ReportState.SUBMITTED
    report.status = "delayed"
    report.save()
    client.force_login(story["secretariat"])
    html = client.get(reverse("strategy:action_detail", args=[action.pk])).content.decode()
    assert "<strong>Action status</strong>: Not started → At risk" in html
    assert "<strong>Report state</strong>: Draft → Submitted" in html
    assert "<strong>Action status</strong>: On track → Delayed" in html
    assert "<strong>status</strong>" not in html and "<strong>state</strong>" not in html
