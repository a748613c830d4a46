"""Every role against every page: 200, 302 (to sign in), 403 (seen, not allowed) or 404
(not theirs: the same answer as a record that does not exist)."""

import re

import pytest
from django.urls import reverse

from coordination.models import Membership
from meetings.models import FollowUp
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "secretariat",
    "administrator",
    "steering",
    "fp_momd",
    "fp_moi",
    "fp_unassigned",
]

# page -> expected status per role, in ROLES order
MATRIX = {
    ("home", None): [302, 200, 200, 200, 200, 200, 200],
    ("strategy:action_list", None): [302, 200, 200, 200, 200, 200, 200],
    ("strategy:action_create", None): [302, 200, 200, 403, 403, 403, 403],
    ("strategy:action_detail", "action_momd"): [302, 200, 200, 200, 200, 404, 404],
    ("strategy:action_detail", "action_moi"): [302, 200, 200, 200, 404, 200, 404],
    ("strategy:action_detail", "action_shared"): [302, 200, 200, 200, 200, 200, 404],
    ("strategy:action_update", "action_momd"): [302, 200, 200, 403, 403, 404, 404],
    ("strategy:action_update", "action_moi"): [302, 200, 200, 403, 404, 403, 404],
    ("meetings:meeting_list", None): [302, 200, 200, 200, 200, 200, 200],
    ("meetings:meeting_detail", "meeting_momd"): [302, 200, 200, 200, 200, 404, 404],
    ("meetings:meeting_detail", "meeting_moi"): [302, 200, 200, 200, 404, 200, 404],
    ("strategy:report_create", "action_momd"): [302, 200, 200, 403, 200, 404, 404],
    ("strategy:report_create", "action_shared"): [302, 200, 200, 403, 200, 200, 404],
    ("strategy:report_detail", "report_momd"): [302, 200, 200, 200, 200, 404, 404],
    ("strategy:report_update", "report_momd"): [302, 200, 200, 403, 200, 404, 404],
    ("strategy:report_detail", "report_moi"): [302, 200, 200, 200, 404, 200, 404],
    ("strategy:report_update", "report_moi"): [302, 200, 200, 403, 404, 200, 404],
    ("strategy:validation_queue", None): [302, 200, 200, 403, 403, 403, 403],
    ("meetings:decision_detail", "decision_momd"): [302, 200, 200, 200, 200, 404, 404],
    ("meetings:decision_detail", "decision_moi"): [302, 200, 200, 200, 404, 200, 404],
    ("meetings:decision_update", "decision_momd"): [302, 200, 200, 403, 403, 404, 404],
    ("actionplan:plan", None): [302, 200, 200, 403, 403, 403, 403],
    ("coordination:notification_list", None): [302, 200, 200, 200, 200, 200, 200],
    # The set-up pages: the secretariat and administrators only.
    ("setup:index", None): [302, 200, 200, 403, 403, 403, 403],
    ("setup:body_list", None): [302, 200, 200, 403, 403, 403, 403],
    ("setup:body_create", None): [302, 200, 200, 403, 403, 403, 403],
    ("setup:body_detail", "body"): [302, 200, 200, 403, 403, 403, 403],
    ("setup:body_update", "body"): [302, 200, 200, 403, 403, 403, 403],
    ("setup:membership_create", "body"): [302, 200, 200, 403, 403, 403, 403],
    ("setup:membership_update", "seat_momd"): [302, 200, 200, 403, 403, 403, 403],
    ("setup:ministry_list", None): [302, 200, 200, 403, 403, 403, 403],
    ("setup:ministry_create", None): [302, 200, 200, 403, 403, 403, 403],
    ("setup:ministry_detail", "momd"): [302, 200, 200, 403, 403, 403, 403],
    ("setup:ministry_update", "momd"): [302, 200, 200, 403, 403, 403, 403],
    ("people:people_import", None): [302, 200, 200, 403, 403, 403, 403],
    # The strategy's set-up: the secretariat and administrators only.
    ("strategy:strategy_setup", None): [302, 200, 200, 403, 403, 403, 403],
    ("strategy:strategy_create", None): [302, 200, 200, 403, 403, 403, 403],
    ("strategy:strategy_update", "strategy"): [302, 200, 200, 403, 403, 403, 403],
    ("strategy:pillar_create", "strategy"): [302, 200, 200, 403, 403, 403, 403],
    ("strategy:pillar_update", "pillar"): [302, 200, 200, 403, 403, 403, 403],
    ("strategy:action_indicators", "action_momd"): [302, 200, 200, 403, 403, 404, 404],
    ("strategy:action_indicators", "action_moi"): [302, 200, 200, 403, 404, 403, 404],
    ("strategy:indicator_create", "action_momd"): [302, 200, 200, 403, 403, 404, 404],
    ("strategy:indicator_update", "indicator_momd"): [302, 200, 200, 403, 403, 404, 404],
    ("search:search", None): [302, 200, 200, 200, 200, 200, 200],
}
# The import's template (a workbook) and the POSTs of asking a ministry to report,
# commenting on a report and sending a set-password link are checked role by role in
# tests/coordination/test_people_import.py, test_set_password_link.py and
# tests/strategy/test_report_requests.py, test_report_comments.py.

CASES = [
    pytest.param(name, record, role, expected, id=f"{name}-{record}-{role}")
    for (name, record), statuses in MATRIX.items()
    for role, expected in zip(ROLES, statuses, strict=True)
]


def set_up_records(story, momd) -> dict:
    """The records of the set-up pages in MATRIX: MoMD, the meetings' body and MoMD's seat
    in it."""
    body = story["meeting_momd"].body
    seat = Membership.objects.create(body=body, ministry=momd, full_name="MoMD delegate")
    return {"momd": momd, "body": body, "seat_momd": seat}


def with_set_up_records(story) -> dict:
    """The story with the records of the strategy's set-up pages: the actions' pillar and
    strategy, and an indicator of MoMD's action."""
    pillar = story["action_momd"].pillar
    return {
        **story,
        "pillar": pillar,
        "strategy": pillar.strategy,
        "indicator_momd": factories.IndicatorFactory(action=story["action_momd"]),
    }


@pytest.fixture
def story(story, report_momd, report_moi, momd):
    """The shared story, plus one draft report of each ministry and the set-up pages'
    records (coordination's and the strategy's)."""
    return with_set_up_records(
        {
            **story,
            "report_momd": report_momd,
            "report_moi": report_moi,
            **set_up_records(story, momd),
        }
    )


def url_for(story, name, record):
    return reverse(name, args=[story[record].pk]) if record else reverse(name)


@pytest.mark.parametrize(("name", "record", "role", "expected"), CASES)
def test_page_answers_each_role_as_the_matrix_says(client, story, name, record, role, expected):
    if role != "anonymous":
        client.force_login(story[role])
    response = client.get(url_for(story, name, record))
    assert response.status_code == expected
    if expected == 302:
        assert response.url.startswith(reverse("login"))


def test_a_missing_record_answers_like_another_ministrys(client, story):
    client.force_login(story["fp_momd"])
    missing = client.get(reverse("strategy:action_detail", args=[999999]))
    foreign = client.get(reverse("strategy:action_detail", args=[story["action_moi"].pk]))
    assert missing.status_code == foreign.status_code == 404

    def without_tokens_and_path(response):
        # The CSRF token changes per response and the language form carries the URL.
        page = response.content.decode()
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
        return re.sub(r'name="next" type="hidden" value="[^"]+"', "", page)

    assert without_tokens_and_path(missing) == without_tokens_and_path(foreign)


@pytest.mark.parametrize("role", ["fp_momd", "fp_moi"])
def test_lists_never_show_another_ministrys_records(client, story, role):
    client.force_login(story[role])
    own_code = "MoMD" if role == "fp_momd" else "MoI"
    actions = client.get(reverse("strategy:action_list")).context["page_obj"].object_list
    assert actions
    for action in actions:
        # The action list's rows are values: its lead's code, its supporting (name, code).
        ministries = {action["lead_ministry__code"]} | {code for _, code in action["supporting"]}
        assert own_code in ministries
    meetings = client.get(reverse("meetings:meeting_list")).context["page_obj"].object_list
    assert [m["title"] for m in meetings] == [f"{own_code} plenary"]


def test_a_foreign_meeting_title_never_reaches_the_page(client, story):
    client.force_login(story["fp_momd"])
    for name in ("home", "meetings:meeting_list", "strategy:action_list"):
        assert "MoI plenary" not in client.get(reverse(name)).content.decode()
    found = client.get(reverse("search:search"), {"q": "plenary"}).content.decode()
    assert "MoMD plenary" in found and "MoI plenary" not in found


def test_changing_the_lead_ministry_moves_page_access_at_once(client, story, moi):
    action = story["action_momd"]
    url = reverse("strategy:action_detail", args=[action.pk])
    client.force_login(story["fp_momd"])
    assert client.get(url).status_code == 200
    action.lead_ministry = moi
    action.save()
    assert client.get(url).status_code == 404
    client.force_login(story["fp_moi"])
    assert client.get(url).status_code == 200


def test_a_meeting_shows_only_the_decisions_of_the_viewers_ministry(client, story, moi):
    meeting = story["meeting_momd"]
    meeting.invited_ministries.add(moi)
    client.force_login(story["fp_moi"])
    response = client.get(reverse("meetings:meeting_detail", args=[meeting.pk]))
    assert response.status_code == 200
    assert list(response.context["decisions"]) == []
    client.force_login(story["fp_momd"])
    response = client.get(reverse("meetings:meeting_detail", args=[meeting.pk]))
    assert [decision["pk"] for decision in response.context["decisions"]] == [
        story["decision_momd"].pk
    ]


def test_a_decision_links_to_its_meeting_only_for_those_who_may_open_it(client, story, momd):
    """MoMD shares a decision of a meeting only MoI was invited to: MoMD's focal point opens
    the decision (from home) but is never given the meeting's address."""
    decision = story["decision_moi"]
    decision.responsible_ministries.add(momd)
    FollowUp.objects.create(decision=decision, ministry=momd)
    meeting = reverse("meetings:meeting_detail", args=[decision.meeting_id])
    decision_page = reverse("meetings:decision_detail", args=[decision.pk])
    client.force_login(story["fp_momd"])
    page = client.get(reverse("home")).content.decode()
    assert decision.text_en in page and decision_page in page
    assert meeting not in page
    page = client.get(decision_page).content.decode()
    assert decision.text_en in page and meeting not in page
    client.force_login(story["fp_moi"])
    assert meeting in client.get(decision_page).content.decode()
