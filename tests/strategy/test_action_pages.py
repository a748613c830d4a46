"""The action list and the action page: what their rows and lists show (written out in
Python rather than by the template engine), whom they show it to, and what they cost in SQL
queries as the data grows, for the steering body and a focal point."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from strategy.models import IndicatorValue, ProgressUpdate, ReportState
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = ["steering", "fp_momd"]
# Every page: session, user, second factor (steering), notifications; a focal point's
# ministries. The list: strategy, per-pillar counts and the pillars' numbers, page ids,
# rows, supporting ministries, pillars and ministries of the filters. The action page: the
# action, its ministries, its indicators, reports, audit trail (with one query per kind of
# record its entries name: pillars, ministries), the meetings panel's look at the agenda
# (and, for an action on one, its agenda items and decisions), the requests to report, and
# for a focal point their open report.
MAX_LIST_QUERIES = 12
MAX_DETAIL_QUERIES = 14


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def add_actions(count, lead, supporting, first_number):
    for number in range(first_number, first_number + count):
        action = factories.PriorityActionFactory(code=f"5.{number}", lead_ministry=lead)
        action.supporting_ministries.set(supporting)


def add_history(action, ministries, quarters, *, first_year=2024):
    """A validated report a quarter for each ministry, with an indicator value each, plus
    one draft; an agenda item of a published meeting on the action with a decision."""
    indicator = factories.IndicatorFactory(action=action)
    for ministry in ministries:
        for n in range(quarters):
            year, quarter = first_year + n // 4, n % 4
            start = datetime.date(year, 3 * quarter + 1, 1)
            report = factories.ProgressUpdateFactory(
                action=action,
                ministry=ministry,
                period_start=start,
                period_end=start + datetime.timedelta(days=89),
                state=ReportState.VALIDATED if n else ReportState.DRAFT,
            )
            IndicatorValue.objects.create(indicator=indicator, report=report, value=n)
    meeting = factories.MeetingFactory(invited_ministries=ministries, agenda_state="published")
    item = factories.AgendaItemFactory(meeting=meeting)
    item.priority_actions.add(action)
    factories.DecisionFactory(meeting=meeting, agenda_item=item, responsible_ministries=ministries)


@pytest.mark.parametrize("role", ROLES)
def test_the_action_list_costs_the_same_queries_on_every_page_and_size(
    client, story, role, momd, moi, mofa, django_assert_max_num_queries
):
    client.force_login(story[role])
    url = reverse("strategy:action_list")
    add_actions(10, momd, [moi, mofa], first_number=1)
    with django_assert_max_num_queries(MAX_LIST_QUERIES):
        small = queries_for(client, url)
    add_actions(190, moi, [momd, mofa], first_number=11)
    for page in (url, f"{url}?page=5", f"{url}?page=9", f"{url}?page=99", f"{url}?page=x"):
        assert queries_for(client, page) == small, page
    # A chosen lead ministry is looked up once more, to check it is one.
    filtered = f"{url}?status=not_started&due=report_due&lead={moi.pk}"
    assert queries_for(client, filtered) == queries_for(client, f"{filtered}&page=2") == small + 1


@pytest.mark.parametrize("role", ROLES)
def test_the_action_page_costs_the_same_queries_with_a_long_history(
    client, story, role, momd, moi, mofa, django_assert_max_num_queries
):
    client.force_login(story[role])
    action = story["action_shared"]
    url = reverse("strategy:action_detail", args=[action.pk])
    queries_for(client, url)  # the process's first request reads the content types once
    with django_assert_max_num_queries(MAX_DETAIL_QUERIES):
        queries_for(client, url)
    # Once the action is on an agenda, the meetings panel reads its items and decisions;
    # however long the history, nothing more (changes of the lead ministry in the audit
    # trail name the ministries: read at once, as the pillars).
    for first_year in (2024, 2027):
        add_history(action, [moi, momd], quarters=8, first_year=first_year)
        for lead in (mofa, moi, mofa, moi):
            action.lead_ministry = lead
            action.save()
        queries_for(client, url)  # content types of records new to the trail, read once
        # The meetings panel's two, and the indicators' yearly targets (one, however many).
        with django_assert_max_num_queries(MAX_DETAIL_QUERIES + 3):
            queries_for(client, url)


def test_an_action_never_on_an_agenda_spares_the_meetings_panel_its_queries(
    client, story, momd, moi
):
    """The panel looks at the agenda's links to the action first: no agenda item, no
    restricted query over meetings; the panel says so all the same."""
    client.force_login(story["fp_momd"])
    action = story["action_shared"]
    url = reverse("strategy:action_detail", args=[action.pk])
    queries_for(client, url)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    tables = " ".join(query["sql"] for query in captured.captured_queries)
    assert '"meetings_meeting"' not in tables and '"meetings_decision"' not in tables
    assert "Not on the agenda of a meeting you were invited to." in page
    add_history(action, [moi, momd], quarters=1)  # now on a published meeting's agenda
    meeting = action.agenda_items.get().meeting
    page = client.get(url).content.decode()
    assert "Not on the agenda of a meeting you were invited to." not in page
    assert reverse("meetings:meeting_detail", args=[meeting.pk]) in page


def test_the_list_pages_through_every_action_once_in_pillar_and_code_order(client, steering):
    """Pages are counted per pillar number (see ActionListView): every action is on exactly
    one page, in the list's order, pages spanning two pillars included."""
    for number, count in ((3, 7), (1, 30), (2, 1), (4, 26)):
        pillar = factories.PillarFactory(number=number)
        for code in range(count):
            factories.PriorityActionFactory(pillar=pillar, code=f"{number}.{code:02d}")
    client.force_login(steering)
    url = reverse("strategy:action_list")
    first = client.get(url)
    pages = first.context["paginator"].num_pages
    seen = []
    for page in range(1, pages + 1):
        seen += [
            (a["pillar__number"], a["code"])
            for a in client.get(url, {"page": page}).context["page_obj"]
        ]
    assert (first.context["paginator"].count, pages) == (64, 3)
    assert seen == sorted(seen) and len(set(seen)) == 64
    last = client.get(url, {"page": 99}).context["page_obj"]
    assert [a["code"] for a in last] == [f"4.{code:02d}" for code in range(12, 26)]


def test_a_list_row_shows_the_action_escaped_with_its_ministries_and_badges(
    client, steering, momd, moi, mofa
):
    action = factories.PriorityActionFactory(
        code="7.1",
        title_en="<script>alert(1)</script> & co",
        lead_ministry=momd,
        status="delayed",
        percent_complete=35,
        start_date=datetime.date(2020, 1, 1),
        due_date=datetime.date(2021, 3, 31),
    )
    action.supporting_ministries.set([mofa, moi])
    factories.ProgressUpdateFactory(
        action=action,
        ministry=momd,
        state=ReportState.RETURNED,
        period_start=datetime.date(2020, 10, 1),
        period_end=datetime.date(2020, 12, 31),
    )
    client.force_login(steering)
    page = client.get(reverse("strategy:action_list")).content.decode()
    code = '<td class="stack-code fw-semibold">7.1</td>'
    row = page[page.index(code) : page.index("</tr>", page.index(code))]
    assert "<script>" not in page
    assert "<bdi>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</bdi></a>" in row
    assert f'href="{reverse("strategy:action_detail", args=[action.pk])}"' in row
    assert f'<td data-label="Lead ministry">{momd.name} (MoMD)</td>' in row
    assert f'<abbr title="{mofa.name}">MoFA</abbr>, <abbr title="{moi.name}">MoI</abbr>' in row
    assert '<span class="badge text-bg-danger">Delayed</span>' in row
    assert "35%" in row and '<span class="badge text-bg-danger">Overdue</span>' in row
    assert 'October – December 2020 <span class="badge text-bg-warning">Returned</span>' in row


def test_a_list_row_without_supporting_ministry_or_report_shows_dashes(client, steering, momd):
    factories.PriorityActionFactory(code="7.2", lead_ministry=momd)
    client.force_login(steering)
    page = client.get(reverse("strategy:action_list")).content.decode()
    code = '<td class="stack-code fw-semibold">7.2</td>'
    row = page[page.index(code) : page.index("</tr>", page.index(code))]
    assert '<td data-label="Supporting ministries">–</td>' in row
    assert '<td data-label="Last report">–\n' in row


def test_a_report_on_the_action_page_shows_its_text_escaped_with_line_breaks(client, story, momd):
    action = story["action_momd"]
    report = factories.ProgressUpdateFactory(
        action=action,
        ministry=momd,
        narrative="First line\n<b>second</b> line",
        support_needed="Two <i>trainers</i>",
        state=ReportState.VALIDATED,
        submitted_by=story["fp_momd"],
        submitted_at=datetime.datetime(2026, 10, 3, 9, 30, tzinfo=datetime.UTC),
        reviewed_by=story["secretariat"],
        reviewed_at=datetime.datetime(2026, 10, 5, 12, 0, tzinfo=datetime.UTC),
    )
    client.force_login(story["steering"])
    page = client.get(reverse("strategy:action_detail", args=[action.pk])).content.decode()
    item = page[page.index(f'id="report-{report.pk}"') :]
    item = item[: item.index("</li>")]
    assert f'href="{reverse("strategy:report_detail", args=[report.pk])}"' in item
    # What the ministry wrote keeps its own direction inside the page's (an English
    # sentence on an Arabic page ends with its full stop).
    assert '<p class="mb-1 mt-2 text-wrap-anywhere" dir="auto">First line<br>' in item
    assert "First line<br>&lt;b&gt;second&lt;/b&gt; line" in item
    assert "<strong>Support needed:</strong> <bdi>Two &lt;i&gt;trainers&lt;/i&gt;</bdi>" in item
    assert "Submitted by <bdi>mona</bdi> on " in item
    assert " · Validated by <bdi>secretariat</bdi> on " in item
    assert '<span class="badge text-bg-success">Validated</span>' in item


def test_the_action_page_lists_only_the_reports_meetings_and_changes_the_user_may_see(
    client, story, momd, moi
):
    """MoMD supports the shared action MoI leads: its focal point sees MoI's validated
    reports, not MoI's draft (nor its history), and only meetings MoMD was invited to."""
    action = story["action_shared"]
    add_history(action, [moi], quarters=3)
    own_draft = factories.ProgressUpdateFactory(
        action=action, ministry=momd, narrative="MoMD's own draft"
    )
    moi_draft = ProgressUpdate.objects.get(ministry=moi, state=ReportState.DRAFT)
    moi_draft.narrative = "MoI's unfinished draft"
    moi_draft.save()
    hidden_meeting = factories.MeetingFactory(
        title_en="MoI-only briefing", invited_ministries=[moi], agenda_state="published"
    )
    factories.AgendaItemFactory(meeting=hidden_meeting).priority_actions.add(action)

    client.force_login(story["fp_momd"])
    response = client.get(reverse("strategy:action_detail", args=[action.pk]))
    shown = {report["pk"] for report in response.context["progress_updates"]}
    validated = set(
        ProgressUpdate.objects.filter(ministry=moi, state=ReportState.VALIDATED).values_list(
            "pk", flat=True
        )
    )
    assert shown == validated | {own_draft.pk}
    page = response.content.decode()
    assert "MoMD&#x27;s own draft" in page and "MoI&#x27;s unfinished draft" not in page
    assert "MoI-only briefing" not in page
    trail = list(response.context["audit_trail"])
    assert not [e for e in trail if e.object_id == moi_draft.pk and "ProgressUpdate" in str(e)]
    assert {e.object_id for e in trail if e.content_type.model == "progressupdate"} <= {
        own_draft.pk
    }

    client.force_login(story["steering"])
    page = client.get(reverse("strategy:action_detail", args=[action.pk])).content.decode()
    assert "MoI&#x27;s unfinished draft" in page and "MoI-only briefing" in page
