"""The dashboards name what they count: ministries and bodies by name (their code after
it), the grid's pillars by number and title, and "Due" as a number of reports where it
counts them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(story, momd, moi):
    """Actions of MoMD and MoI in a second pillar with a long title, overdue, at risk,
    reported for the last closed period."""
    strategy = story["action_momd"].pillar.strategy
    closed = [p for p in strategy.reporting_periods() if p[1] < timezone.localdate()][-1]
    pillar = factories.PillarFactory(
        number=2,
        title_en="Labour migration and protection of migrant workers abroad and at home",
    )
    for number, (lead, status) in enumerate([(momd, "at_risk"), (moi, "delayed")]):
        action = factories.PriorityActionFactory(
            code=f"2.{number + 1}",
            pillar=pillar,
            lead_ministry=lead,
            status=status,
            due_date=closed[0],
        )
        factories.ProgressUpdateFactory(
            action=action,
            ministry=lead,
            state="submitted",
            status=status,
            period_start=closed[0],
            period_end=closed[1],
            support_needed="Interpreters",
        )
    return closed


def steering_page(client, user, language="en", **query) -> str:
    user.language = language
    user.save()
    client.force_login(user)
    response = client.get(reverse("dashboard:steering"), query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_grid_heads_its_columns_with_the_pillars_and_its_rows_with_the_ministries(
    client, story, figures, momd
):
    html = steering_page(client, story["steering"])
    grid = html[html.index('id="grid-heading"') : html.index("</table>", html.index("grid-"))]
    assert ">1. Pillar 1</th>" in grid
    assert 'title="Labour migration and protection of migrant workers abroad and at home"' in grid
    assert ">2. Labour migration and protection of migr…</th>" in grid
    assert (
        '<th scope="row" class="text-start">Ministry of Migration and Displacement (MoMD)</th>'
        in grid
    )


def test_the_lists_and_the_compliance_table_name_the_ministries(client, story, figures):
    html = steering_page(client, story["steering"], period=figures[0].isoformat())
    lists = html[html.index('id="overdue-heading"') :]
    assert "Ministry of Interior (MoI) · " in lists
    assert "Ministry of Migration and Displacement (MoMD)" in lists
    compliance = html[html.index('id="compliance-heading"') : html.index('id="overdue-heading"')]
    named = '<th scope="row">Ministry of Interior</th>'
    assert f'<td><abbr title="Ministry of Interior">MoI</abbr></td>{named}' in compliance
    assert '<option value="' in html and ">Ministry of Interior (MoI)</option>" in html


def test_in_arabic_the_compliance_table_counts_reports_due_not_a_date(client, story, figures):
    html = steering_page(client, story["steering"], "ar", period=figures[0].isoformat())
    compliance = html[html.index('id="compliance-heading"') : html.index('id="overdue-heading"')]
    assert '<th scope="col">المستحقة</th>' in compliance
    assert "تاريخ الاستحقاق" not in compliance
    assert '<th scope="row">وزارة الداخلية</th>' in compliance
