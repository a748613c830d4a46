"""Dashboards: numbers checked against counts made independently here, a focal point's
views limited to their ministry, constant query counts, and the quarterly report."""

import datetime
import gzip
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from reporting.models import QuarterlyReport
from strategy.models import PriorityAction, ProgressUpdate, ReportState
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def national(story, momd, moi, mofa):
    """A few more actions in two pillars, with reports for the last closed period."""
    strategy = story["action_momd"].pillar.strategy
    closed = [p for p in strategy.reporting_periods() if p[1] < timezone.localdate()][-1]
    pillar_two = factories.PillarFactory(number=2)
    statuses = ["on_track", "at_risk", "delayed", "on_track", "completed", "not_started"]
    for number, status in enumerate(statuses):
        lead = momd if number % 2 else moi
        action = factories.PriorityActionFactory(
            code=f"2.{number + 1}",
            pillar=pillar_two,
            lead_ministry=lead,
            status=status,
            concerns_abroad=number % 3 == 0,
            title_en=f"National action {number}",
            supporting_ministries=[mofa],
        )
        if number < 4:
            factories.ProgressUpdateFactory(
                action=action,
                ministry=lead,
                state="validated",
                status=status,
                period_start=closed[0],
                period_end=closed[1],
            )
    return closed


def dashboard(client, user, **query):
    client.force_login(user)
    response = client.get(reverse("dashboard:steering"), query, follow=True)
    assert response.status_code == 200
    return response


def test_the_steering_dashboard_counts_match_the_database(client, story, national):
    context = dashboard(client, story["steering"]).context
    expected = Counter(PriorityAction.objects.values_list("status", flat=True))
    assert {b["status"].value: b["count"] for b in context["bars"] if b["count"]} == expected
    assert context["total"] == PriorityAction.objects.count()
    assert context["on_track_share"] == round(100 * expected["on_track"] / context["total"])
    for row in context["pillar_rows"]:
        in_pillar = Counter(
            PriorityAction.objects.filter(pillar=row["pillar"]).values_list("status", flat=True)
        )
        assert {b["status"].value: b["count"] for b in row["bars"] if b["count"]} == in_pillar
    stages = {row["stage"].value: row["count"] for row in context["stages"]}
    assert stages["abroad"] == PriorityAction.objects.filter(concerns_abroad=True).count()
    assert stages["return"] == PriorityAction.objects.filter(concerns_return=True).count()


def test_reporting_compliance_counts_due_and_received_per_ministry(client, story, national):
    start, end = national
    rows = {
        r["ministry"].code: r
        for r in dashboard(client, story["steering"], period=start.isoformat()).context[
            "compliance"
        ]
    }
    for code, row in rows.items():
        open_actions = PriorityAction.objects.filter(start_date__lte=end).exclude(
            status__in=["completed", "cancelled"]
        )
        due = (
            open_actions.filter(lead_ministry__code=code).count()
            + open_actions.filter(supporting_ministries__code=code).count()
        )
        received = ProgressUpdate.objects.filter(
            ministry__code=code,
            period_start=start,
            action__in=open_actions,
            state__in=[ReportState.SUBMITTED, ReportState.VALIDATED],
        ).count()
        assert (row["due"], row["received"]) == (due, received), code


def test_the_trend_counts_validated_lead_reports_per_period(client, story, national):
    trend = dashboard(client, story["steering"]).context["trend"]
    start, end = national
    row = next(r for r in trend if r["start"] == start)
    expected = Counter(
        ProgressUpdate.objects.filter(period_start=start, state="validated").values_list(
            "status", flat=True
        )
    )
    assert dict(row["counts"]) == expected


def test_a_grid_cell_links_to_the_list_of_exactly_its_actions(client, story, national, moi):
    html = dashboard(client, story["steering"]).content.decode()
    pillar_two = PriorityAction.objects.get(code="2.1").pillar
    cell = re.search(
        r'<td class="grid-(\w+)"><a href="([^"]+)\?pillar=(\d+)&amp;lead=(\d+)" '
        r'aria-label="Ministry of Interior \(MoI\), pillar 2: (\d+)">(\d+)</a></td>',
        html,
    )
    status, path, pillar, lead, count = cell[1], cell[2], cell[3], cell[4], int(cell[6])
    assert (path, int(pillar), int(lead), int(cell[5])) == (
        reverse("strategy:action_list"),
        pillar_two.pk,
        moi.pk,
        count,
    )
    page = client.get(path, {"pillar": pillar, "lead": lead}).context["page_obj"]
    assert len(page.object_list) == count
    assert {a["lead_ministry__code"] for a in page.object_list} == {moi.code}
    assert status == "delayed"  # the most worrying of on_track, delayed, completed


def test_filters_narrow_every_view(client, story, national, momd):
    context = dashboard(client, story["steering"], ministry=momd.pk).context
    involved = (
        PriorityAction.objects.filter(lead_ministry=momd).count()
        + PriorityAction.objects.filter(supporting_ministries=momd)
        .exclude(lead_ministry=momd)
        .count()
    )
    assert context["total"] == involved


def test_a_focal_point_lands_on_their_ministry_and_sees_nothing_of_others(
    client, story, national, momd
):
    response = dashboard(client, story["fp_moi"])
    assert response.redirect_chain[-1][0] == reverse("dashboard:ministry")
    page = response.content.decode()
    momd_only = PriorityAction.objects.filter(lead_ministry=momd).exclude(
        supporting_ministries__code="MoI"
    )
    for action in momd_only:
        assert action.title_en not in page
    assert "MoMD plenary" not in page and "Open MoMD returnee desks" not in page
    assert [r["ministry"].code for r in response.context["compliance"]] == ["MoI"]
    assert response.context["total"] == PriorityAction.objects.restrict(story["fp_moi"]).count()
    assert "grid_rows" not in response.context


def test_the_steering_body_is_sent_to_its_dashboard(client, story):
    client.force_login(story["steering"])
    assert client.get(reverse("dashboard:ministry")).url == reverse("dashboard:steering")


@pytest.mark.parametrize("role", ["steering", "fp_momd"])
def test_dashboards_cost_at_most_20_queries_and_the_same_on_more_data(
    client, story, national, role, momd, moi, django_assert_max_num_queries
):
    client.force_login(story[role])
    url = reverse("dashboard:steering" if role == "steering" else "dashboard:ministry")
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    assert len(small.captured_queries) <= 20
    pillar = factories.PillarFactory(number=3)
    for number in range(40):
        action = factories.PriorityActionFactory(
            code=f"3.{number}",
            pillar=pillar,
            lead_ministry=momd if number % 2 else moi,
            status="at_risk",
        )
        factories.ProgressUpdateFactory(
            action=action, ministry=action.lead_ministry, state="validated", support_needed="Budget"
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_a_focal_point_with_a_second_factor_stays_within_20_queries(
    client, story, national, django_assert_max_num_queries
):
    """A verified second factor costs a query on every page (django-otp loads the device):
    the ministry dashboard, recomputed, must still fit."""
    from tests.two_factor import authenticator

    authenticator(story["fp_moi"])
    client.force_login(story["fp_moi"])
    client.get(reverse("dashboard:ministry"))  # a warm process: content types are known
    with django_assert_max_num_queries(20):
        assert client.get(reverse("dashboard:ministry")).status_code == 200


def test_the_first_load_of_the_dashboard_stays_under_300_kb_compressed(client, story, national):
    html = dashboard(client, story["steering"]).content
    total = len(gzip.compress(html))
    for asset in re.findall(rb'(?:href|src)="/static/([^"]+)"', html):
        path = Path(settings.BASE_DIR, "static", asset.decode())
        total += len(gzip.compress(path.read_bytes()))
    assert total < 300 * 1024, total


def request_report(client, kind, period, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("quarterly_report_request"), {"kind": kind, "period": period[0].isoformat()}
        )


def test_the_quarterly_workbook_holds_only_what_the_user_may_see(
    client, story, national, django_capture_on_commit_callbacks
):
    ProgressUpdate.objects.filter(ministry__code="MoMD").update(narrative="=cmd|' /C calc'!A0")
    client.force_login(story["fp_momd"])
    response = request_report(client, "xlsx", national, django_capture_on_commit_callbacks)
    report = QuarterlyReport.objects.get()
    assert report.state == "ready"
    download = client.get(response.url, {"download": 1})
    book = load_workbook(io.BytesIO(download.content))
    actions = [row[0].value for row in book["Actions"].iter_rows(min_row=2)]
    assert sorted(actions) == sorted(
        PriorityAction.objects.restrict(story["fp_momd"])
        .filter(start_date__lte=national[1])
        .values_list("code", flat=True)
    )
    narratives = [
        (c.value, c.data_type) for row in book["Reports"].iter_rows(min_row=2) for c in row[6:7]
    ]
    assert ("=cmd|' /C calc'!A0", "s") in narratives
    ministries = {row[1].value for row in book["Reports"].iter_rows(min_row=2)}
    assert ministries <= {"MoMD"} | set(
        ProgressUpdate.objects.restrict(story["fp_momd"]).values_list("ministry__code", flat=True)
    )
    client.force_login(story["steering"])
    assert client.get(response.url).status_code == 404


def test_a_workbook_is_not_downloaded_by_a_requester_who_lost_the_ministry_it_shows(
    client, story, national, momd, moi, django_capture_on_commit_callbacks
):
    from coordination.services import appoint_focal_point, withdraw_focal_point

    client.force_login(story["fp_momd"])
    response = request_report(client, "xlsx", national, django_capture_on_commit_callbacks)
    assert client.get(response.url, {"download": 1}).status_code == 200
    appoint_focal_point(user=story["fp_momd"], ministry=moi)
    assert client.get(response.url, {"download": 1}).status_code == 200
    withdraw_focal_point(user=story["fp_momd"], ministry=momd)
    assert client.get(response.url, {"download": 1}).status_code == 404
    assert client.get(response.url).status_code == 404
    appoint_focal_point(user=story["fp_momd"], ministry=momd)
    assert client.get(response.url, {"download": 1}).status_code == 200


def test_the_quarterly_pdf_is_made_and_downloaded(
    client, story, national, django_capture_on_commit_callbacks
):
    from pypdf import PdfReader

    from tests.meetings.test_meetings import pango_installed

    if not pango_installed():
        pytest.skip("PDFs need Pango: see README (CI has it)")
    client.force_login(story["steering"])
    response = request_report(client, "pdf", national, django_capture_on_commit_callbacks)
    download = client.get(response.url, {"download": 1})
    assert download["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(download.content)).pages)
    assert "Periodic progress report" in text and "National action 1" in text
    assert QuarterlyReport.objects.get().seconds < 30


def test_a_report_asked_for_while_the_broker_is_down_is_made_later(
    client, story, national, django_capture_on_commit_callbacks, monkeypatch
):
    from kombu.exceptions import OperationalError

    from reporting import tasks

    def broker_down(*args, **kwargs):
        raise OperationalError("Connection refused")

    monkeypatch.setattr(tasks.render_quarterly_report, "apply_async", broker_down)
    client.force_login(story["fp_momd"])
    response = request_report(client, "xlsx", national, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    report = QuarterlyReport.objects.get()
    assert report.state == "pending"
    monkeypatch.undo()
    assert tasks.render_waiting_quarterly_reports() == 0  # a queued report has its turn first
    QuarterlyReport.objects.update(requested_at=timezone.now() - datetime.timedelta(minutes=11))
    assert tasks.render_waiting_quarterly_reports() == 1
    report.refresh_from_db()
    assert report.state == "ready"
    assert client.get(response.url, {"download": 1}).status_code == 200


def test_a_report_for_an_unknown_period_is_refused(client, story):
    client.force_login(story["steering"])
    response = client.post(
        reverse("quarterly_report_request"), {"kind": "pdf", "period": "1999-01-01"}
    )
    assert response.status_code == 302 and not QuarterlyReport.objects.exists()


def test_the_figures_follow_a_change_on_the_next_request(client, story, national):
    first = dashboard(client, story["steering"]).context
    delayed_before = next(b["count"] for b in first["bars"] if b["status"] == "delayed")
    action = story["action_momd"]
    action.status = "delayed"
    action.save()
    second = dashboard(client, story["steering"]).context
    assert next(b["count"] for b in second["bars"] if b["status"] == "delayed") == (
        delayed_before + 1
    )


def test_records_are_saved_and_dashboards_shown_while_the_cache_is_down(
    client, story, national, cache_down
):
    action = story["action_momd"]
    action.status = "delayed"
    action.save()
    bars = dashboard(client, story["steering"]).context["bars"]
    assert next(b["count"] for b in bars if b["status"] == "delayed") == (
        PriorityAction.objects.filter(status="delayed").count()
    )


def test_each_scope_and_language_has_its_own_figures(client, story, national):
    steering = dashboard(client, story["steering"]).content.decode()
    ministry = dashboard(client, story["fp_moi"]).content.decode()
    assert "Ministries and pillars" in steering and "Ministries and pillars" not in ministry
    client.force_login(story["steering"])
    arabic = client.get(reverse("dashboard:steering"), HTTP_ACCEPT_LANGUAGE="ar")
    assert 'lang="ar"' in arabic.content.decode()


def trend_row(context, start):
    return next(r for r in context["trend"] if r["start"] == start)


def test_a_focal_points_figures_are_those_of_the_actions_they_may_see(
    client, story, national, momd, moi
):
    """Every figure of the ministry dashboard counts restrict()'s actions: those of the
    ministry, the ones it supports and one delegated to the person; never MoMD's own."""
    from guardian.shortcuts import assign_perm

    start, _end = national
    delegated = factories.PriorityActionFactory(code="9.1", lead_ministry=momd, status="at_risk")
    assign_perm("strategy.view_priorityaction", story["fp_moi"], delegated)
    # Today's figures (the default period's compliance); a period chosen keeps its picture.
    context = dashboard(client, story["fp_moi"]).context
    visible = PriorityAction.objects.restrict(story["fp_moi"])
    assert delegated in visible
    assert context["total"] == visible.count() < PriorityAction.objects.count()
    assert {b["status"].value: b["count"] for b in context["bars"] if b["count"]} == Counter(
        visible.values_list("status", flat=True)
    )
    lead_validated = ProgressUpdate.objects.filter(
        period_start=start, state="validated", ministry_id=F("action__lead_ministry_id")
    )
    assert dict(trend_row(context, start)["counts"]) == Counter(
        lead_validated.filter(action__in=visible).values_list("status", flat=True)
    )
    steering = dashboard(client, story["steering"], period=start.isoformat()).context
    assert dict(trend_row(steering, start)["counts"]) == Counter(
        lead_validated.values_list("status", flat=True)
    )
    assert trend_row(steering, start)["total"] > trend_row(context, start)["total"]
    rows = {row["ministry"].code: row for row in context["compliance"]}
    assert list(rows) == ["MoI"]
    due = visible.filter(start_date__lte=_end).exclude(status__in=["completed", "cancelled"])
    assert rows["MoI"]["due"] == (
        due.filter(lead_ministry=moi).count() + due.filter(supporting_ministries=moi).count()
    )


def test_the_trend_carries_an_actions_last_validated_status_forward(client, story, national):
    """A period's status of an action is its lead ministry's report validated for that
    period, or the latest validated one before it."""
    start, _end = national
    strategy = story["action_momd"].pillar.strategy
    earlier = next(p for p in strategy.reporting_periods() if p[1] < start)
    action = factories.PriorityActionFactory(code="8.1", status="cancelled")
    factories.ProgressUpdateFactory(
        action=action,
        state="validated",
        status="cancelled",
        period_start=earlier[0],
        period_end=earlier[1],
    )
    before = trend_row(dashboard(client, story["steering"]).context, start)["counts"]
    assert before["cancelled"] == 1  # no report for the period itself: carried forward
    factories.ProgressUpdateFactory(
        action=action,
        state="validated",
        status="completed",
        period_start=start,
        period_end=_end,
    )
    after = trend_row(dashboard(client, story["steering"]).context, start)["counts"]
    assert (after["cancelled"], after["completed"]) == (0, before["completed"] + 1)


@pytest.mark.parametrize("role", ["steering", "fp_moi"])
def test_filtered_dashboards_stay_within_20_queries(
    client, story, national, role, momd, django_assert_max_num_queries
):
    client.force_login(story[role])
    url = reverse("dashboard:steering" if role == "steering" else "dashboard:ministry")
    pillar = PriorityAction.objects.get(code="2.1").pillar
    query = {"pillar": pillar.pk, "ministry": momd.pk if role == "steering" else ""}
    client.get(url, query)
    with django_assert_max_num_queries(20):
        assert client.get(url, query).status_code == 200


def test_a_focal_point_sent_to_their_dashboard_keeps_the_period_chosen(client, story, national):
    start, end = national
    client.force_login(story["fp_moi"])
    response = client.get(reverse("dashboard:steering"), {"period": start.isoformat()})
    assert response.status_code == 302
    assert response.url == f"{reverse('dashboard:ministry')}?period={start.isoformat()}"
    assert client.get(response.url).context["as_of_period"]
