"""The priority action list as a workbook: the actions the page finds (its filters, the
user's scope) with the columns it shows, dates as dates, figures as numbers, and a cost in
queries that does not grow with the number of actions."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from coordination.models import User
from strategy.models import PriorityAction
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/actions/export/"


def export(client, **filters):
    response = client.get(URL, filters)
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def rows(sheet) -> dict[str, list]:
    """The sheet's rows by action code, as {header: cell}."""
    header = [cell.value for cell in sheet[1]]
    return {row[0].value: dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)}


def test_the_export_lives_next_to_the_list_and_the_list_links_to_it_with_its_filters(
    client, story, moi
):
    assert reverse("strategy:action_export") == URL
    client.force_login(story["secretariat"])
    page = client.get(reverse("strategy:action_list"), {"lead": moi.pk, "page": 2})
    assert f'href="{URL}?lead={moi.pk}">Export to Excel</a>' in page.content.decode()


def test_the_workbook_is_an_attachment_named_after_today(client, story):
    client.force_login(story["secretariat"])
    response = client.get(URL)
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="actions-{timezone.localdate().isoformat()}.xlsx"'
    )


def test_a_row_holds_what_the_list_shows_with_dates_as_dates_and_numbers_as_numbers(
    client, story, mofa
):
    action = story["action_moi"]
    PriorityAction.objects.filter(pk=action.pk).update(
        title_en='=HYPERLINK("http://evil","x")', status="at_risk", percent_complete=35
    )
    factories.ProgressUpdateFactory(action=action, state="validated")
    client.force_login(story["secretariat"])
    sheet = export(client)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:L4"  # the header and the three actions of the story
    assert not sheet.sheet_view.rightToLeft
    row = rows(sheet)["3.1"]
    assert row["Title"].value == '=HYPERLINK("http://evil","x")'
    assert row["Title"].data_type == "s"
    assert row["Pillar"].value == "1. Pillar 1"
    assert row["Lead ministry"].value == "MoI"
    assert row["Supporting ministries"].value == "MoFA"
    assert row["Action status"].value == "At risk"
    assert (row["Percent complete"].value, row["Percent complete"].data_type) == (35, "n")
    assert row["Start"].is_date and row["Start"].value == datetime.datetime(2026, 1, 1)
    assert row["Due"].is_date and row["Due"].value == datetime.datetime(2027, 6, 30)
    assert row["Due"].number_format == "d mmmm yyyy"
    last_report = (row["Last report"].value, row["Last report's state"].value)
    assert last_report == ("July – September 2026", "Validated")
    assert rows(sheet)["4.1"]["Last report"].value is None


def test_in_arabic_the_sheet_runs_right_to_left_with_day_month_year_dates(client, story):
    User.objects.filter(pk=story["secretariat"].pk).update(language="ar")
    client.force_login(story["secretariat"])
    sheet = export(client)
    assert sheet.sheet_view.rightToLeft
    due = sheet.cell(row=2, column=9)
    assert due.is_date and due.number_format == "[$-801]d mmmm yyyy"
    assert sheet.cell(row=1, column=1).value != "Code"


def test_a_focal_point_exports_only_the_actions_of_their_ministry(client, story, momd):
    client.force_login(story["fp_momd"])
    # Led by MoMD (4.1) or supported by it (3.2); MoI's own 3.1 stays out.
    assert set(rows(export(client))) == {"4.1", "3.2"}
    assert set(rows(export(client, lead=story["action_moi"].lead_ministry_id))) == {"3.2"}
    assert set(rows(export(client, q="4.1"))) == {"4.1"}
    client.force_login(story["fp_unassigned"])
    assert rows(export(client)) == {}


def test_the_filters_of_the_list_apply(client, story, moi):
    PriorityAction.objects.filter(pk=story["action_momd"].pk).update(status="completed")
    client.force_login(story["steering"])
    assert set(rows(export(client, lead=moi.pk))) == {"3.1", "3.2"}
    assert set(rows(export(client, status="completed"))) == {"4.1"}


def test_the_number_of_queries_does_not_grow_with_the_actions(
    client, story, momd, moi, mofa, django_assert_max_num_queries
):
    client.force_login(story["secretariat"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            export(client, ministry=moi.pk)
        return len(captured)

    few = queries()
    for _ in range(12):
        factories.PriorityActionFactory(lead_ministry=moi, supporting_ministries=[momd, mofa])
    assert queries() == few
    with django_assert_max_num_queries(12):
        assert len(rows(export(client, ministry=moi.pk))) == 14
