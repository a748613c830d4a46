"""The decision register: its meeting field lists the meetings of the chosen body (never one
the user may not see), an address naming a meeting keeps working, each row shows the decision,
its meeting, its due date and the follow-ups the user may read, and the page costs the same
queries for a few decisions and for many."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from meetings.models import Decision, FollowUp
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/meetings/decisions/"

# A ministry as the register names it: its name, its code after it.
MOMD = "Ministry of Migration and Displacement (MoMD)"
MOI = "Ministry of Interior (MoI)"


def test_the_register_lives_at_its_address():
    assert reverse("meetings:decision_register") == URL


@pytest.fixture
def hcb(story):
    return story["meeting_momd"].body


@pytest.fixture
def working_group():
    return factories.CoordinationBodyFactory(
        code="WG1",
        kind="working_group",
        name_en="Technical working group 1",
        name_ar="فريق العمل الفني 1",
    )


@pytest.fixture
def group_meeting(working_group, momd, moi):
    return factories.MeetingFactory(
        body=working_group,
        title_en="Working group on data",
        start=datetime.datetime(2027, 5, 4, 9, tzinfo=datetime.UTC),
        invited_ministries=[momd, moi],
    )


def meeting_options(response) -> dict[str, str]:
    """The meeting field's options, value to label, the empty one left out."""
    select = re.search(r'<select name="meeting".*?</select>', response.content.decode(), re.S)
    return {
        value: label
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select[0])
        if value
    }


def codes(response) -> list[str]:
    return sorted(decision.code for decision in response.context["page_obj"])


def as_read(response) -> str:
    """The page, less what differs between two requests for the same content and the
    meeting id that was asked for (repeated in the export link)."""
    page = response.content.decode()
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    page = re.sub(r'nonce="[^"]+"', "", page)
    return re.sub(r"meeting=\d+", "meeting=ID", page)


def test_the_meeting_field_waits_for_a_body_then_lists_its_meetings_newest_first(
    client, story, hcb, working_group, group_meeting
):
    later = factories.MeetingFactory(
        body=hcb,
        title_en="Plenary of the summer",
        start=datetime.datetime(2027, 7, 1, 9, tzinfo=datetime.UTC),
    )
    client.force_login(story["steering"])
    response = client.get(URL)
    assert meeting_options(response) == {}
    page = response.content.decode()
    assert re.search(
        r'<select name="meeting"[^>]* disabled aria-describedby="id_meeting-hint"', page
    )
    assert 'id="id_meeting-hint">Choose a body and press Filter to list its meetings.' in page

    response = client.get(URL, {"body": hcb.pk})
    options = meeting_options(response)
    assert list(options) == [
        str(m.pk) for m in (later, story["meeting_momd"], story["meeting_moi"])
    ]
    assert str(group_meeting.pk) not in options
    assert options[str(later.pk)] == "1 July 2027 · Plenary of the summer"
    assert (
        "disabled" not in re.search(r'<select name="meeting"[^>]*>', response.content.decode())[0]
    )

    response = client.get(URL, {"body": working_group.pk})
    assert list(meeting_options(response)) == [str(group_meeting.pk)]


def test_choosing_a_meeting_shows_its_decisions(client, story, hcb, group_meeting, momd):
    decision = factories.DecisionFactory(meeting=group_meeting, responsible_ministries=[momd])
    client.force_login(story["secretariat"])
    assert codes(client.get(URL, {"body": hcb.pk})) == sorted(
        [story["decision_momd"].code, story["decision_moi"].code]
    )
    response = client.get(URL, {"body": group_meeting.body_id, "meeting": group_meeting.pk})
    assert codes(response) == [decision.code]
    assert f'<option value="{group_meeting.pk}" selected>' in response.content.decode()


def test_an_address_naming_only_a_meeting_still_filters_and_shows_its_body(
    client, story, group_meeting, momd
):
    """The dashboard links to one meeting's overdue decisions with ``?meeting=``."""
    decision = factories.DecisionFactory(meeting=group_meeting, responsible_ministries=[momd])
    client.force_login(story["steering"])
    response = client.get(URL, {"meeting": group_meeting.pk, "overdue": "on"})
    assert codes(response) == [decision.code]
    page = response.content.decode()
    assert f'<option value="{group_meeting.body_id}" selected>' in page
    assert f'<option value="{group_meeting.pk}" selected>' in page


def test_changing_the_body_drops_the_meeting_of_the_other_body_without_an_error(
    client, story, hcb, group_meeting
):
    client.force_login(story["steering"])
    response = client.get(URL, {"body": hcb.pk, "meeting": group_meeting.pk})
    assert codes(response) == sorted([story["decision_momd"].code, story["decision_moi"].code])
    assert not response.context["filterset"].form.errors
    assert str(group_meeting.pk) not in meeting_options(response)


def test_a_focal_point_cannot_use_the_meeting_field_to_learn_of_a_meeting_outside_their_scope(
    client, story, hcb, momd, moi
):
    # MoMD is responsible for a decision of a meeting only MoI was invited to: Mona reads the
    # decision, not the meeting.
    other = story["meeting_moi"]
    shared = factories.DecisionFactory(meeting=other, responsible_ministries=[momd, moi])
    client.force_login(story["fp_momd"])
    everything = codes(client.get(URL))
    assert everything == sorted([story["decision_momd"].code, shared.code])

    response = client.get(URL, {"body": hcb.pk})
    assert list(meeting_options(response)) == [str(story["meeting_momd"].pk)]
    assert other.title not in response.content.decode()

    # Named in the address, the meeting is refused as one that does not exist: nothing is
    # narrowed to it and its body is not revealed.
    unknown = max(m.pk for m in (other, story["meeting_momd"])) + 1000
    outside = client.get(URL, {"meeting": other.pk})
    missing = client.get(URL, {"meeting": unknown})
    assert codes(outside) == codes(missing) == everything
    assert outside.context["filterset"].body_of_meetings is None
    assert meeting_options(outside) == {}
    assert as_read(outside) == as_read(missing)


def test_a_row_shows_the_decision_its_meeting_its_due_date_and_the_follow_ups_one_may_read(
    client, story, momd, moi
):
    meeting = story["meeting_momd"]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    words = " ".join(f"word{n}" for n in range(40))
    decision = factories.DecisionFactory(
        meeting=meeting, responsible_ministries=[momd, moi], due_date=yesterday, text_en=words
    )
    mine = FollowUp.objects.create(decision=decision, ministry=momd, status="in_progress")
    theirs = FollowUp.objects.create(decision=decision, ministry=moi, status="done")
    later = factories.DecisionFactory(
        meeting=meeting, responsible_ministries=[momd], due_date=None, text_en="Later"
    )

    def row(response, code):
        link = reverse("meetings:decision_detail", args=[Decision.objects.get(code=code).pk])
        code_cell = (
            f'<tr><td class="stack-head fw-semibold"><a href="{link}">{re.escape(code)}</a></td>'
        )
        return re.search(rf"{code_cell}.*?</tr>", response.content.decode())[0]

    client.force_login(story["steering"])
    response = client.get(URL)
    cells = row(response, decision.code)
    shown = " ".join(f"word{n}" for n in range(30))
    assert (
        f'<td class="stack-head stack-title text-wrap-anywhere"><bdi>{shown} …</bdi></td>' in cells
    )
    # English dates (day, month name, year), the meeting's in Baghdad time; each cell
    # named for the card it becomes on a phone.
    meeting_cell = f"{meeting.body.named} · 17 March 2027</td>"
    assert f'<td class="stack-key" data-label="Meeting">{meeting_cell}' in cells
    due = f"{yesterday.day} {yesterday:%B %Y}"
    overdue = '<span class="badge text-bg-danger">Overdue</span>'
    assert f'<td class="stack-key" data-label="Due">{due} {overdue}</td>' in cells
    assert (
        f'<a href="{reverse("meetings:follow_up", args=[mine.pk])}">{MOMD}</a>: In progress'
        in cells
    )
    assert f'<a href="{reverse("meetings:follow_up", args=[theirs.pk])}">{MOI}</a>: Done' in cells
    # No follow-up yet: the decision's own status; no due date: a dash, never overdue.
    assert row(response, later.code).endswith(
        '<td class="stack-key" data-label="Due">–</td>'
        '<td class="stack-wide" data-label="Follow-up">Pending</td></tr>'
    )

    client.force_login(story["fp_momd"])
    cells = row(client.get(URL), decision.code)
    assert f"{MOMD}</a>: In progress" in cells
    assert "MoI" not in cells


@pytest.mark.parametrize("role", ["steering", "fp_momd"])
@pytest.mark.parametrize("filtered", [False, True], ids=["everything", "one body"])
def test_the_register_costs_the_same_queries_for_few_and_many(
    client, story, hcb, momd, moi, role, filtered, django_assert_max_num_queries
):
    client.force_login(story[role])
    query = {"body": hcb.pk, "status": "pending"} if filtered else {}
    FollowUp.objects.create(decision=story["decision_momd"], ministry=momd)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL, query).status_code == 200
    assert len(few.captured_queries) <= 20
    for number in range(30):
        meeting = factories.MeetingFactory(
            body=hcb,
            start=datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC)
            + datetime.timedelta(days=number),
            invited_ministries=[momd, moi],
        )
        for ministries in ([momd], [momd, moi]):
            decision = factories.DecisionFactory(meeting=meeting, responsible_ministries=ministries)
            for ministry in ministries:
                FollowUp.objects.create(decision=decision, ministry=ministry)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL, query)
    assert response.context["paginator"].count >= 60
    if filtered:
        assert len(meeting_options(response)) >= 31


def test_names_and_titles_in_the_filter_are_written_as_text(client, story, hcb):
    meeting = story["meeting_momd"]
    meeting.title_en = 'Plenary <script>alert(1)</script> "quoted"'
    meeting.save()
    hcb.name_en = "Body <b>bold</b>"
    hcb.save()
    client.force_login(story["steering"])
    page = client.get(URL, {"body": hcb.pk}).content.decode()
    assert "<script>alert(1)</script>" not in page and "<b>bold</b>" not in page
    assert "Plenary &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot;</option>" in page
    assert f'<option value="{hcb.pk}" selected>Body &lt;b&gt;bold&lt;/b&gt;</option>' in page
