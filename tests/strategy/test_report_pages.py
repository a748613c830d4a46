"""A progress report's page, its form (new and edit) and the writes that submit and review
it: what they show to whom, and that their SQL queries stay few and constant as a report
gathers events, indicator values and evidence."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from strategy import services
from strategy.models import Evidence, IndicatorValue, ProgressUpdate, ReportState
from tests import factories

pytestmark = pytest.mark.django_db

# Session, user, second factor or the focal point's ministries; the report (with whether
# the user reads its history), unread notifications, indicator values, evidence, events,
# comments; for an editable report, whether the user may change it; for the secretariat's review,
# the ministry's previous validated report (and its values, when there is one).
MAX_PAGE_QUERIES = 11
# Session, user, ministries; the report, whether the user may change it, the action's
# indicators, the report's values, notifications, evidence.
MAX_EDIT_QUERIES = 9
# Session, user, ministries; the action, its supporting ministries, the reporting
# ministries, the ministry's reports on the action, indicators, notifications.
MAX_NEW_QUERIES = 9


def queries_for(client, url, status=200):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == status
    return len(captured.captured_queries)


def period_report(action, ministry, quarter, state=ReportState.DRAFT, **fields):
    start = datetime.date(2025, 3 * quarter + 1, 1)
    return factories.ProgressUpdateFactory(
        action=action,
        ministry=ministry,
        state=state,
        period_start=start,
        period_end=start + datetime.timedelta(days=89),
        **fields,
    )


def grow(report, user, indicators, files):
    """Indicator values and evidence files for ``report``, and a submission and return."""
    for n in range(indicators):
        indicator = factories.IndicatorFactory(action=report.action, name_en=f"Indicator {n}")
        IndicatorValue.objects.create(report=report, indicator=indicator, value=n)
    for n in range(files):
        Evidence.objects.create(
            report=report,
            file=f"evidence/{n}.pdf",
            original_name=f"file {n}.pdf",
            content_type="application/pdf",
            size=100 + n,
            uploaded_by=user,
        )


@pytest.mark.parametrize("role", ["fp_momd", "secretariat"])
def test_a_report_page_costs_the_same_few_queries_with_a_long_history(
    client, story, role, action_momd, momd, secretariat, django_assert_max_num_queries
):
    client.force_login(story[role])
    report = period_report(action_momd, momd, 0)
    url = reverse("strategy:report_detail", args=[report.pk])
    queries_for(client, url)  # the process's first request reads the content types once
    with django_assert_max_num_queries(MAX_PAGE_QUERIES):
        bare = queries_for(client, url)
    grow(report, story["fp_momd"], indicators=4, files=3)
    for _ in range(3):
        services._submit(report, story["fp_momd"])
        services.return_report(user=secretariat, report=report, comment="Add the figures.")
        services.comment_on_report(by=secretariat, report=report, text="Which figures?")
    page = client.get(url).content.decode()
    assert page.count("Add the figures.") == 4  # the comment, and each return's event
    assert page.count("Which figures?") == 3
    assert len(re.findall(r'href="/actions/evidence/\d+/"', page)) == 3
    assert queries_for(client, url) == bare


def test_a_report_page_lists_values_evidence_and_events_in_their_order(
    client, fp_momd, action_momd, momd, secretariat
):
    report = period_report(action_momd, momd, 0)
    grow(report, fp_momd, indicators=3, files=2)
    services._submit(report, fp_momd)
    services.validate_report(user=secretariat, report=report, comment="Well evidenced.")
    client.force_login(fp_momd)
    page = client.get(reverse("strategy:report_detail", args=[report.pk])).content.decode()
    assert page.index("Indicator 0: 0") < page.index("Indicator 1: 1") < page.index("Indicator 2")
    assert page.index("file 0.pdf") < page.index("file 1.pdf")
    assert page.index("Submitted</strong> · <bdi>mona</bdi>") < page.index(
        "Validated</strong> · <bdi>secretariat</bdi>"
    )
    assert "Started by" in page and "Well evidenced." in page


def test_another_ministry_reads_a_validated_report_without_its_history(
    client, fp_moi, fp_momd, action_shared, momd, secretariat
):
    report = period_report(action_shared, momd, 0)
    services._submit(report, fp_momd)
    services.return_report(user=secretariat, report=report, comment="Private remark")
    services._submit(report, fp_momd)
    services.validate_report(user=secretariat, report=report)
    url = reverse("strategy:report_detail", args=[report.pk])
    client.force_login(fp_moi)
    page = client.get(url).content.decode()
    assert "Validated by secretariat" in page
    assert "Private remark" not in page and "Started by" not in page
    assert "Submitted</strong>" not in page
    client.force_login(fp_momd)
    page = client.get(url).content.decode()
    assert "Private remark" in page and "Started by" in page


def test_a_review_without_the_required_comment_shows_the_page_again_with_its_history(
    client, secretariat, fp_momd, action_momd, momd
):
    report = period_report(action_momd, momd, 0)
    services._submit(report, fp_momd)
    client.force_login(secretariat)
    response = client.post(
        reverse("strategy:report_review", args=[report.pk]),
        {"decision": "return", "comment": "", "version": ProgressUpdate.objects.get().version},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Started by" in page and "Submitted</strong> · <bdi>mona</bdi>" in page
    assert "Say why: the ministry will read this comment." in page


def test_the_edit_form_costs_the_same_queries_with_more_indicators_and_files(
    client, fp_momd, action_momd, momd, django_assert_max_num_queries
):
    client.force_login(fp_momd)
    report = period_report(action_momd, momd, 0)
    url = reverse("strategy:report_update", args=[report.pk])
    queries_for(client, url)
    with django_assert_max_num_queries(MAX_EDIT_QUERIES):
        bare = queries_for(client, url)
    grow(report, fp_momd, indicators=3, files=2)
    page = client.get(url).content.decode()
    assert page.index("file 0.pdf") < page.index("file 1.pdf")
    assert "Evidence already attached:" in page
    # Each indicator's fieldset, in order, named by the indicator: its fields say "Value".
    assert page.index("Indicator 0</legend>") < page.index("Indicator 1</legend>")
    assert page.index("Indicator 1</legend>") < page.index("Indicator 2</legend>")
    assert queries_for(client, url) == bare


def test_the_new_report_form_costs_a_constant_few_queries(
    client, fp_momd, action_momd, momd, moi, django_assert_max_num_queries
):
    client.force_login(fp_momd)
    url = reverse("strategy:report_create", args=[action_momd.pk])
    queries_for(client, url)
    with django_assert_max_num_queries(MAX_NEW_QUERIES):
        bare = queries_for(client, url)
    for quarter in range(4):
        period_report(action_momd, momd, quarter, state=ReportState.VALIDATED)
        period_report(action_momd, moi, quarter, state=ReportState.VALIDATED)
    factories.IndicatorFactory(action=action_momd)
    assert queries_for(client, url) == bare


def test_the_new_report_form_starts_from_the_ministrys_own_latest_report(
    client, fp_momd, action_momd, momd, moi
):
    """Reports of other ministries on the action (visible once validated) are not the
    focal point's to continue."""
    period_report(action_momd, momd, 0, state=ReportState.VALIDATED, percent_complete=35)
    period_report(action_momd, moi, 3, state=ReportState.VALIDATED, percent_complete=80)
    client.force_login(fp_momd)
    page = client.get(reverse("strategy:report_create", args=[action_momd.pk])).content.decode()
    assert 'name="percent_complete" value="35"' in page


def test_submitting_and_reviewing_take_a_bounded_number_of_queries_and_mail_after_commit(
    client,
    fp_momd,
    secretariat,
    action_momd,
    momd,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    report = period_report(action_momd, momd, 0)
    client.force_login(fp_momd)
    data = {
        "status": "on_track",
        "percent_complete": "40",
        "narrative": "Done as planned.",
        "challenges": "",
        "support_needed": "",
        "version": report.version,
        "submit_report": "",
        "confirm_submit": "on",
    }
    with (
        django_capture_on_commit_callbacks() as callbacks,
        django_assert_max_num_queries(30),
    ):
        response = client.post(reverse("strategy:report_update", args=[report.pk]), data)
    assert response.status_code == 302
    # The e-mails to the secretariat are queued once the report is committed, not sent
    # while the focal point waits.
    assert callbacks
    client.force_login(secretariat)
    version = ProgressUpdate.objects.get(pk=report.pk).version
    # The validation also moves the dashboards' kept figures in its transaction (their lock,
    # the action's facts read and written back) and looks for the next report of the queue
    # to show: 27 queries today.
    with django_assert_max_num_queries(29):
        response = client.post(
            reverse("strategy:report_review", args=[report.pk]),
            {"decision": "validate", "comment": "", "version": version},
        )
    assert response.url == reverse("strategy:validation_queue")  # none other waits
    report.refresh_from_db()
    assert report.state == ReportState.VALIDATED
    assert report.reviewed_at <= timezone.now()
