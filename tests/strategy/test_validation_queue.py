"""The secretariat's validation queue: each row shows when and by whom a report was submitted,
its ministry, its action (a link to the report), its period and its figures, and the page
costs the same queries for a few reports and for many."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from strategy.models import ProgressUpdate, ReportState
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/actions/reports/queue/"


def test_the_queue_lives_at_its_address():
    assert reverse("strategy:validation_queue") == URL


def submitted(action, ministry, by, **fields):
    return factories.ProgressUpdateFactory(
        action=action,
        ministry=ministry,
        state=ReportState.SUBMITTED,
        submitted_by=by,
        submitted_at=datetime.datetime(2026, 10, 3, 7, 30, tzinfo=datetime.UTC),
        **fields,
    )


def row(response, report) -> str:
    link = re.escape(reverse("strategy:report_detail", args=[report.pk]))
    return re.search(rf'<tr>(?:(?!</tr>).)*href="{link}".*?</tr>', response.content.decode())[0]


def test_a_row_shows_the_submission_the_ministry_the_action_the_period_and_the_figures(
    client, story, momd
):
    action = story["action_momd"]
    asking = submitted(
        action,
        momd,
        story["fp_momd"],
        status="at_risk",
        percent_complete=35,
        support_needed="Two more officers",
    )
    plain = submitted(
        story["action_shared"], momd, story["fp_momd"], support_needed="  ", status="on_track"
    )
    client.force_login(story["secretariat"])
    response = client.get(URL)
    cells = row(response, asking)
    # Submitted at 07:30 UTC: 10:30 in Baghdad, day before month, the month in words.
    assert (
        '<td data-label="Submitted">3 October 2026, 10:30'
        '<div class="small text-body-secondary">mona</div></td>'
    ) in cells
    ministry = "Ministry of Migration and Displacement (MoMD)"
    assert f'<td class="stack-key" data-label="Ministry">{ministry}</td>' in cells
    assert f"{action.code} <bdi>{action.title}</bdi></a>" in cells
    assert '<span class="badge text-bg-warning">Asks for support</span>' in cells
    assert '<td data-label="Period">July – September 2026</td>' in cells
    assert '<td data-label="Status">At risk · 35%</td>' in cells
    assert "Asks for support" not in row(response, plain)


def test_a_report_no_longer_submitted_leaves_the_queue(client, story, momd):
    report = submitted(story["action_momd"], momd, story["fp_momd"])
    client.force_login(story["secretariat"])
    assert row(client.get(URL), report)
    ProgressUpdate.objects.filter(pk=report.pk).update(state=ReportState.VALIDATED)
    response = client.get(URL)
    assert list(response.context["page_obj"]) == []
    assert "No report awaits validation." in response.content.decode()


@pytest.mark.parametrize("role", ["secretariat", "administrator"])
def test_the_queue_costs_the_same_queries_for_few_and_many(
    client, story, moi, role, django_assert_max_num_queries
):
    def add(count, first):
        for number in range(first, first + count):
            action = factories.PriorityActionFactory(code=f"9.{number}", lead_ministry=moi)
            submitted(action, moi, story["fp_moi"], support_needed="A room" if number % 2 else "")

    client.force_login(story[role])
    add(2, 0)
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    assert len(few.captured_queries) <= 20
    add(40, 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL, {"page": 2})
    assert response.context["paginator"].count == 42
    assert len(re.findall(r'<tr><td data-label="Submitted">', response.content.decode())) == 17
