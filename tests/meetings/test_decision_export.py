"""The decision register's workbook reads like every other: dates as dates (the meeting's day
as Baghdad saw it), a frozen header with a filter, right to left in Arabic."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from coordination.models import User
from meetings.models import Meeting
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/meetings/decisions/export/"


def export(client, **filters):
    response = client.get(URL, filters)
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def test_the_meeting_date_and_the_due_date_are_dates(client, story):
    # 22:30 in London is already the next day in Baghdad.
    Meeting.objects.filter(pk=story["meeting_momd"].pk).update(
        start=datetime.datetime(2027, 3, 17, 22, 30, tzinfo=datetime.UTC)
    )
    client.force_login(story["fp_momd"])
    response = client.get(URL)
    assert response["Content-Disposition"] == (
        f'attachment; filename="decisions-{timezone.localdate().isoformat()}.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    (row,) = sheet.iter_rows(min_row=2)  # MoI's decision stays out
    cells = dict(zip(header, row, strict=True))
    assert cells["Meeting date"].is_date
    assert cells["Meeting date"].value == datetime.datetime(2027, 3, 18)
    assert cells["Due date"].value == datetime.datetime(2026, 6, 30)
    assert cells["Due date"].number_format == "d mmmm yyyy"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:I2"
    assert not sheet.sheet_view.rightToLeft


def test_in_arabic_the_register_runs_right_to_left(client, story):
    User.objects.filter(pk=story["secretariat"].pk).update(language="ar")
    client.force_login(story["secretariat"])
    sheet = export(client)
    assert sheet.sheet_view.rightToLeft
    assert sheet.cell(row=2, column=6).number_format == "[$-801]d mmmm yyyy"
    assert sheet.auto_filter.ref == "A1:I3"


def test_the_number_of_queries_does_not_grow_with_the_decisions(client, story, momd, moi):
    client.force_login(story["secretariat"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            export(client)
        return len(captured)

    few = queries()
    for _ in range(8):
        factories.DecisionFactory(meeting=story["meeting_momd"], responsible_ministries=[momd, moi])
    assert queries() == few
