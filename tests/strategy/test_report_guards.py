"""The guards of the reporting workflow: numbers typed with Arabic-Indic digits, indicator
fields named once, submitting a saved draft from its page after a confirmation,
withdrawing a report before review, removing a draft's evidence, and what the review page
shows beside each value."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from coordination.forms import DECIMAL_PATTERN, INTEGER_PATTERN
from coordination.models import Notification
from strategy import figures, notification_kinds, services
from strategy.models import (
    Evidence,
    IndicatorValue,
    ProgressUpdate,
    ReportEventKind,
    ReportingDuty,
    ReportState,
)
from tests import factories
from tests.documents import PDF_BYTES, upload

pytestmark = pytest.mark.django_db

Q3 = (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
Q2 = (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def indicator(action_momd):
    return factories.IndicatorFactory(
        action=action_momd, name_en="Governorates connected", unit_en="", targets={2026: 18}
    )


def report_of(action, ministry, state=ReportState.DRAFT, period=Q3, **fields):
    return factories.ProgressUpdateFactory(
        action=action, ministry=ministry, state=state, period_start=period[0],
        period_end=period[1], **fields,
    )  # fmt: skip


def detail(report):
    return reverse("strategy:report_detail", args=[report.pk])


def sent(report):
    """Submitted by its ministry's focal point, through the service."""
    services._submit(report, report.created_by or factories.UserFactory())
    report.refresh_from_db()
    return report


def stored(name) -> bool:
    return Evidence._meta.get_field("file").storage.exists(name)


def rebuilt_equals_kept():
    from tests.strategy.test_figures import rebuilt

    return figures.dump() == rebuilt()


# Typing numbers -------------------------------------------------------------------------


def js_pattern(pattern, text):
    """The browser matches ``pattern`` against the whole value; Python's re reads these
    simple patterns alike."""
    return re.fullmatch(pattern, text) is not None


@pytest.mark.parametrize("typed", ["72", "٧٢", "۷۲", "", "١٠٠"])
def test_a_whole_number_field_accepts_every_kind_of_digit(typed):
    assert js_pattern(INTEGER_PATTERN, typed)


@pytest.mark.parametrize("typed", ["1450", "١٤٥٠", "١٤٥٠٫٥", "12.75", "-3", "١٬٤٥٠"])
def test_a_decimal_field_accepts_every_kind_of_digit_and_separator(typed):
    assert js_pattern(DECIMAL_PATTERN, typed)


@pytest.mark.parametrize("typed", ["seven", "7x", "1.2.3", "٧٢%"])
def test_the_patterns_refuse_what_is_not_a_number(typed):
    assert not js_pattern(DECIMAL_PATTERN, typed)
    assert not js_pattern(INTEGER_PATTERN, typed)


def test_the_report_form_asks_for_numbers_in_text_fields_with_a_numeric_keyboard(
    client, fp_momd, action_momd, momd, indicator
):
    report = report_of(action_momd, momd)
    client.force_login(fp_momd)
    page = client.get(reverse("strategy:report_update", args=[report.pk])).content.decode()
    percent = re.search(r'<input[^>]*name="percent_complete"[^>]*>', page)[0]
    value = re.search(rf'<input[^>]*name="value_{indicator.pk}"[^>]*>', page)[0]
    assert 'type="text"' in percent and 'inputmode="numeric"' in percent
    assert 'type="text"' in value and 'inputmode="decimal"' in value
    assert 'type="number"' not in page
    assert f'pattern="{INTEGER_PATTERN}"' in percent


def test_the_action_form_asks_for_its_percent_the_same_way(client, secretariat, action_momd):
    client.force_login(secretariat)
    page = client.get(reverse("strategy:action_update", args=[action_momd.pk])).content.decode()
    percent = re.search(r'<input[^>]*name="percent_complete"[^>]*>', page)[0]
    assert 'type="text"' in percent and 'inputmode="numeric"' in percent


def test_numbers_typed_in_arabic_indic_digits_are_saved(
    client, fp_momd, action_momd, momd, indicator
):
    report = report_of(action_momd, momd)
    client.force_login(fp_momd)
    response = client.post(
        reverse("strategy:report_update", args=[report.pk]),
        {
            "status": "on_track",
            "percent_complete": "٧٢",
            "narrative": "Done.",
            f"value_{indicator.pk}": "١٤٥٠٫٥",
            f"measured_{indicator.pk}": "٢٠٢٦-٠٨-١٥",
            "version": report.version,
            "save_draft": "",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.percent_complete == 72
    value = IndicatorValue.objects.get(report=report)
    assert (value.value, value.measured_on) == (Decimal("1450.5"), datetime.date(2026, 8, 15))


# The indicator's fields -------------------------------------------------------------------


def test_each_indicator_has_a_fieldset_named_by_it_with_value_and_date_labelled(
    client, fp_momd, action_momd, momd, indicator
):
    other = factories.IndicatorFactory(
        action=action_momd, name_en="Staff trained", unit_en="people"
    )
    client.force_login(fp_momd)
    page = client.get(reverse("strategy:report_create", args=[action_momd.pk])).content.decode()
    fieldsets = re.findall(r"<fieldset.*?</fieldset>", page, re.S)
    named = {re.search(r"<legend[^>]*>(.*?)</legend>", f, re.S)[1]: f for f in fieldsets}
    assert set(named) >= {"Governorates connected", "Staff trained"}
    first = named["Governorates connected"]
    assert re.search(rf'for="id_value_{indicator.pk}"[^>]*>\s*Value\s*<', first)
    assert re.search(rf'for="id_measured_{indicator.pk}"[^>]*>\s*Date measured\s*<', first)
    assert re.search(rf'for="id_value_{other.pk}"[^>]*>\s*Value \(people\)\s*<', page)
    assert "Governorates connected:" not in page  # the name is not repeated in the labels


# Submitting from the report's page ------------------------------------------------------


def submit(client, report, **data):
    return client.post(
        reverse("strategy:report_submit", args=[report.pk]),
        {"version": report.version, **data},
    )


def test_the_owner_submits_a_saved_draft_from_its_page_once_confirmed(
    client, fp_momd, action_momd, momd, secretariat
):
    report = report_of(action_momd, momd)
    client.force_login(fp_momd)
    page = client.get(detail(report)).content.decode()
    assert reverse("strategy:report_submit", args=[report.pk]) in page
    assert 'name="confirm_submit"' in page

    unconfirmed = submit(client, report)
    assert unconfirmed.status_code == 400
    assert "Tick the box to confirm" in unconfirmed.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT

    response = submit(client, report, confirm_submit="on")
    assert response.status_code == 302 and response.url == detail(report)
    report.refresh_from_db()
    assert (report.state, report.submitted_by) == (ReportState.SUBMITTED, fp_momd)
    assert list(report.events.values_list("kind", flat=True)) == [ReportEventKind.SUBMITTED]
    assert Notification.objects.filter(
        recipient=secretariat, kind=notification_kinds.REPORT_SUBMITTED
    ).exists()
    assert ReportingDuty.objects.get(action=action_momd, ministry=momd, period_start=Q3[0]).sent
    page = client.get(detail(report)).content.decode()
    assert reverse("strategy:report_submit", args=[report.pk]) not in page


def test_the_edit_forms_submit_button_asks_for_the_same_confirmation(
    client, fp_momd, action_momd, momd
):
    report = report_of(action_momd, momd)
    client.force_login(fp_momd)
    url = reverse("strategy:report_update", args=[report.pk])
    data = {
        "status": "on_track",
        "percent_complete": "45",
        "narrative": "Typed before submitting.",
        "version": report.version,
        "submit_report": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tick the box to confirm" in page and "Typed before submitting." in page
    report.refresh_from_db()
    assert (report.state, report.percent_complete) == (ReportState.DRAFT, 40)
    # Saving a draft asks nothing.
    draft = {name: value for name, value in data.items() if name != "submit_report"}
    assert client.post(url, {**draft, "save_draft": ""}).status_code == 302
    report.refresh_from_db()
    response = client.post(url, {**data, "version": report.version, "confirm_submit": "on"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_a_returned_report_is_submitted_again_from_its_page(client, fp_momd, action_momd, momd):
    report = report_of(action_momd, momd, state=ReportState.RETURNED)
    client.force_login(fp_momd)
    assert submit(client, report, confirm_submit="on").status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_a_report_saved_again_since_it_was_read_is_not_submitted(
    client, fp_momd, action_momd, momd
):
    report = report_of(action_momd, momd)
    read_version = report.version
    ProgressUpdate.objects.filter(pk=report.pk).update(version=read_version + 1)
    client.force_login(fp_momd)
    response = client.post(
        reverse("strategy:report_submit", args=[report.pk]),
        {"version": read_version, "confirm_submit": "on"},
        follow=True,
    )
    assert "nothing was submitted" in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_a_draft_without_its_narrative_is_not_submitted(client, fp_momd, action_momd, momd):
    report = report_of(action_momd, momd, narrative="  ")
    client.force_login(fp_momd)
    response = submit(client, report, confirm_submit="on")
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    assert "Write the narrative" in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("who", "status"), [("fp_moi", 404), ("fp_unassigned", 404), ("steering", 403)]
)
def test_only_those_who_may_change_the_report_submit_it(
    client, story, action_momd, momd, who, status
):
    report = report_of(action_momd, momd)
    client.force_login(story[who])
    assert submit(client, report, confirm_submit="on").status_code == status
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_a_validated_report_is_not_submitted_again(client, fp_momd, action_momd, momd):
    report = report_of(action_momd, momd, state=ReportState.VALIDATED)
    client.force_login(fp_momd)
    submit(client, report, confirm_submit="on")
    report.refresh_from_db()
    assert report.state == ReportState.VALIDATED
    assert not report.events.exists()


# Withdrawing -----------------------------------------------------------------------------


def withdraw(client, report):
    return client.post(reverse("strategy:report_withdraw", args=[report.pk]))


def test_the_ministry_withdraws_a_submitted_report_back_to_a_draft(
    client, fp_momd, action_momd, momd, secretariat
):
    report = report_of(action_momd, momd, created_by=fp_momd)
    sent(report)
    client.force_login(secretariat)
    queue = client.get(reverse("strategy:validation_queue")).content.decode()
    assert detail(report) in queue
    assert ReportingDuty.objects.get(action=action_momd, ministry=momd, period_start=Q3[0]).sent

    client.force_login(fp_momd)
    assert reverse("strategy:report_withdraw", args=[report.pk]) in (
        client.get(detail(report)).content.decode()
    )
    response = withdraw(client, report)
    assert response.status_code == 302 and response.url == detail(report)
    report.refresh_from_db()
    assert (report.state, report.submitted_at, report.submitted_by) == (
        ReportState.DRAFT,
        None,
        None,
    )
    events = list(report.events.values_list("kind", "actor"))
    assert events == [
        (ReportEventKind.SUBMITTED, fp_momd.pk),
        (ReportEventKind.WITHDRAWN, fp_momd.pk),
    ]
    # Not sent any more for its period, in the kept figures as in a rebuild.
    assert not ReportingDuty.objects.get(action=action_momd, ministry=momd, period_start=Q3[0]).sent
    assert rebuilt_equals_kept()
    client.force_login(secretariat)
    assert detail(report) not in client.get(reverse("strategy:validation_queue")).content.decode()
    # A draft again: its ministry edits it and submits it anew.
    client.force_login(fp_momd)
    assert client.get(reverse("strategy:report_update", args=[report.pk])).status_code == 200


@pytest.mark.parametrize("state", [ReportState.VALIDATED, ReportState.RETURNED])
def test_a_reviewed_report_is_not_withdrawn(client, fp_momd, action_momd, momd, state):
    report = report_of(action_momd, momd, state=state)
    client.force_login(fp_momd)
    assert reverse("strategy:report_withdraw", args=[report.pk]) not in (
        client.get(detail(report)).content.decode()
    )
    response = withdraw(client, report)
    assert "can no longer be withdrawn" in client.get(response.url).content.decode()
    report.refresh_from_db()
    assert report.state == state
    assert not report.events.exists()


def test_a_draft_is_not_withdrawn(fp_momd, action_momd, momd):
    report = report_of(action_momd, momd)
    with pytest.raises(services.ReportNotWithdrawable):
        services.withdraw_report(user=fp_momd, report=report)


@pytest.mark.parametrize(
    ("who", "status"),
    [("fp_moi", 404), ("fp_unassigned", 404), ("steering", 403), ("secretariat", 403)],
)
def test_only_the_reporting_ministry_withdraws_its_report(
    client, story, action_momd, momd, who, status
):
    report = sent(report_of(action_momd, momd))
    client.force_login(story[who])
    if who == "secretariat":  # it returns a report; it does not take a ministry's back
        assert reverse("strategy:report_withdraw", args=[report.pk]) not in (
            client.get(detail(report)).content.decode()
        )
    assert withdraw(client, report).status_code == status
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_withdrawing_needs_a_post(client, fp_momd, action_momd, momd):
    report = sent(report_of(action_momd, momd))
    client.force_login(fp_momd)
    assert client.get(reverse("strategy:report_withdraw", args=[report.pk])).status_code == 405


# Removing evidence -----------------------------------------------------------------------


def evidence_of(client, report):
    """One evidence file attached to ``report`` through the edit form."""
    client.post(
        reverse("strategy:report_update", args=[report.pk]),
        {
            "status": report.status,
            "percent_complete": report.percent_complete,
            "narrative": report.narrative,
            "version": report.version,
            "evidence": upload("minutes.pdf", PDF_BYTES),
            "save_draft": "",
        },
    )
    report.refresh_from_db()
    return Evidence.objects.get(report=report)


def remove(client, evidence):
    return client.post(reverse("strategy:evidence_remove", args=[evidence.pk]))


def test_the_owner_removes_a_file_from_a_draft_and_from_storage(
    client, fp_momd, action_momd, momd, django_capture_on_commit_callbacks
):
    report = report_of(action_momd, momd)
    client.force_login(fp_momd)
    evidence = evidence_of(client, report)
    name = evidence.file.name
    assert stored(name)
    assert reverse("strategy:evidence_remove", args=[evidence.pk]) in (
        client.get(detail(report)).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = remove(client, evidence)
    assert response.url == detail(report)
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert not stored(name)
    page = client.get(detail(report)).content.decode()
    assert "The file “minutes.pdf” was removed from the report." in page


def test_a_file_of_a_submitted_report_stays(client, fp_momd, action_momd, momd):
    report = report_of(action_momd, momd)
    client.force_login(fp_momd)
    evidence = evidence_of(client, report)
    sent(report)
    assert reverse("strategy:evidence_remove", args=[evidence.pk]) not in (
        client.get(detail(report)).content.decode()
    )
    response = remove(client, evidence)
    assert "only from drafts and returned reports" in client.get(response.url).content.decode()
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert stored(evidence.file.name)


@pytest.mark.parametrize(("who", "status"), [("fp_moi", 404), ("steering", 403)])
def test_another_ministry_cannot_remove_a_file(client, story, action_momd, momd, who, status):
    report = report_of(action_momd, momd)
    client.force_login(story["fp_momd"])
    evidence = evidence_of(client, report)
    client.force_login(story[who])
    assert remove(client, evidence).status_code == status
    assert Evidence.objects.filter(pk=evidence.pk).exists()


# The review page ---------------------------------------------------------------------------


def test_the_review_shows_targets_previous_values_and_the_previous_report(
    client, secretariat, fp_momd, action_momd, momd, moi, indicator
):
    earlier = report_of(action_momd, momd, state=ReportState.VALIDATED, period=Q2)
    IndicatorValue.objects.create(report=earlier, indicator=indicator, value=Decimal("6"))
    # Another ministry's report on the action is not this ministry's previous one.
    other = report_of(action_momd, moi, state=ReportState.VALIDATED, period=Q2)
    IndicatorValue.objects.create(report=other, indicator=indicator, value=Decimal("99"))
    report = sent(report_of(action_momd, momd))
    IndicatorValue.objects.create(report=report, indicator=indicator, value=Decimal("9"))
    client.force_login(secretariat)
    page = client.get(detail(report)).content.decode()
    assert "Governorates connected: 9" in page
    assert "Target for 2026: 18" in page and "Previous period: 6" in page
    assert "Previous period: 99" not in page
    assert f'href="{detail(earlier)}"' in page and "April – June 2026" in page
    # The focal point's own page does not carry the review's comparison.
    client.force_login(fp_momd)
    assert "Previous period:" not in client.get(detail(report)).content.decode()


def test_the_review_says_when_there_is_no_previous_report(
    client, secretariat, action_momd, momd, indicator
):
    report = sent(report_of(action_momd, momd))
    IndicatorValue.objects.create(report=report, indicator=indicator, value=Decimal("9"))
    client.force_login(secretariat)
    page = client.get(detail(report)).content.decode()
    assert "Previous period: –" in page
    assert "no validated report on this action for an earlier period" in page


def test_the_review_page_costs_the_same_queries_with_more_indicators(
    client, secretariat, action_momd, momd, django_assert_max_num_queries
):
    earlier = report_of(action_momd, momd, state=ReportState.VALIDATED, period=Q2)
    report = sent(report_of(action_momd, momd))

    def values(n):
        indicator = factories.IndicatorFactory(action=action_momd, name_en=f"Indicator {n}")
        IndicatorValue.objects.create(report=earlier, indicator=indicator, value=n)
        IndicatorValue.objects.create(report=report, indicator=indicator, value=n + 1)

    values(0)
    client.force_login(secretariat)
    client.get(detail(report))
    with django_assert_max_num_queries(12) as few:  # with the comments
        client.get(detail(report))
    for n in range(1, 5):
        values(n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(detail(report)).content.decode()
    assert page.count("Previous period: ") == 5
