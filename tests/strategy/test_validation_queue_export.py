"""The validation queue as a workbook, for the secretariat only: every submitted report, the
longest waiting first, with the submission time as a date and time in Baghdad."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from coordination.models import User
from strategy.models import ReportState
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/actions/reports/queue/export/"


def submitted(action, ministry, by, at, **fields):
    return factories.ProgressUpdateFactory(
        action=action,
        ministry=ministry,
        state=ReportState.SUBMITTED,
        submitted_by=by,
        submitted_at=at,
        **fields,
    )


def export(client):
    response = client.get(URL)
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def test_the_queue_links_to_its_export(client, story):
    assert reverse("strategy:validation_queue_export") == URL
    client.force_login(story["secretariat"])
    page = client.get(reverse("strategy:validation_queue")).content.decode()
    assert f'href="{URL}?">Export to Excel</a>' in page


def test_the_export_holds_every_submitted_report_the_longest_waiting_first(client, story, momd):
    early = datetime.datetime(2026, 10, 3, 7, 30, tzinfo=datetime.UTC)
    submitted(
        story["action_momd"],
        momd,
        story["fp_momd"],
        early + datetime.timedelta(days=1),
        status="on_track",
    )
    submitted(
        story["action_shared"],
        momd,
        story["fp_momd"],
        early,
        status="at_risk",
        percent_complete=35,
        support_needed="=cmd|' /C calc'!A0",
    )
    factories.ProgressUpdateFactory(action=story["action_moi"], state=ReportState.DRAFT)
    client.force_login(story["secretariat"])
    response = client.get(URL)
    assert response["Content-Disposition"] == (
        f'attachment; filename="validation-queue-{timezone.localdate().isoformat()}.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == [
        "Submitted",
        "Days waiting",
        "Submitted by",
        "Ministry",
        "Code",
        "Priority action",
        "Period",
        "Status",
        "Percent complete",
        "Support needed",
    ]
    first = sheet[2]
    # 07:30 UTC is 10:30 in Baghdad; Excel keeps no time zone.
    assert first[0].is_date and first[0].value == datetime.datetime(2026, 10, 3, 10, 30)
    assert first[0].number_format == "d mmmm yyyy, hh:mm"
    waited = (timezone.localdate() - datetime.date(2026, 10, 3)).days
    assert [cell.value for cell in first[1:9]] == [
        waited,
        story["fp_momd"].get_full_name() or "mona",
        "MoMD",
        "3.2",
        "Action 3.2",
        "July – September 2026",
        "At risk",
        35,
    ]
    assert (first[9].value, first[9].data_type) == ("=cmd|' /C calc'!A0", "s")
    assert [row[4].value for row in sheet.iter_rows(min_row=2)] == ["3.2", "4.1"]
    assert sheet.auto_filter.ref == "A1:J3" and sheet.freeze_panes == "A2"


def test_in_arabic_the_sheet_runs_right_to_left(client, story, momd):
    at = datetime.datetime(2026, 10, 3, 7, 30, tzinfo=datetime.UTC)
    submitted(story["action_momd"], momd, story["fp_momd"], at)
    User.objects.filter(pk=story["secretariat"].pk).update(language="ar")
    client.force_login(story["secretariat"])
    sheet = export(client)
    assert sheet.sheet_view.rightToLeft
    assert sheet["A2"].number_format == "[$-801]d mmmm yyyy، h:mm AM/PM"


def test_only_the_secretariat_exports_the_queue(client, story):
    for user in ("fp_momd", "steering", "fp_unassigned"):
        client.force_login(story[user])
        assert client.get(URL).status_code == 403


def test_the_number_of_queries_does_not_grow_with_the_reports(client, story, momd):
    at = datetime.datetime(2026, 10, 3, 7, 30, tzinfo=datetime.UTC)
    client.force_login(story["secretariat"])
    submitted(story["action_momd"], momd, story["fp_momd"], at)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            export(client)
        return len(captured)

    few = queries()
    for _ in range(10):
        action = factories.PriorityActionFactory(lead_ministry=momd)
        submitted(action, momd, story["fp_momd"], at)
    assert queries() == few
