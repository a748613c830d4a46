"""An action's indicators with their yearly targets and direction, kept by the secretariat,
and every page that compares a value with the target of the value's period's year."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from coordination.models import Ministry
from reporting import quarterly
from strategy.forms import ProgressReportForm
from strategy.models import Indicator, IndicatorTarget, IndicatorValue, ReportState
from tests import factories

pytestmark = pytest.mark.django_db

Q3_2026 = (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
Q1_2027 = (datetime.date(2027, 1, 1), datetime.date(2027, 3, 31))


def indicator_data(**changes):
    # action_momd runs from 2026 to mid-2027: one target field for each of the two years.
    data = {
        "name_ar": "متوسط أيام معالجة تصاريح العمل",
        "name_en": "Average days to process a work permit",
        "name_ckb": "",
        "unit_ar": "يوم",
        "unit_en": "days",
        "unit_ckb": "",
        "baseline": "30",
        "direction": "lower",
        "target_2026": "20",
        "target_2027": "10",
    }
    data.update(changes)
    return data


def targets_of(indicator):
    return dict(indicator.targets.values_list("year", "value"))


def validated(action, ministry, period, indicator, value):
    report = factories.ProgressUpdateFactory(
        action=action,
        ministry=ministry,
        period_start=period[0],
        period_end=period[1],
        state=ReportState.VALIDATED,
    )
    IndicatorValue.objects.create(report=report, indicator=indicator, value=value)
    return report


def test_the_secretariat_adds_an_indicator_with_a_target_for_each_year(
    client, secretariat, action_momd
):
    client.force_login(secretariat)
    url = reverse("strategy:indicator_create", args=[action_momd.pk])
    fields = client.get(url).context["form"].fields
    assert [name for name in fields if name.startswith("target_")] == ["target_2026", "target_2027"]
    response = client.post(url, indicator_data())
    assert response.url == reverse("strategy:action_indicators", args=[action_momd.pk])
    indicator = Indicator.objects.get(action=action_momd)
    assert indicator.direction == "lower"
    assert targets_of(indicator) == {2026: Decimal("20"), 2027: Decimal("10")}
    page = client.get(response.url).content.decode()
    assert "Lower is better" in page and "2026: 20" in page and "2027: 10" in page
    audit = page.split('id="audit-heading"')[1]
    assert "yearly target" in audit and "direction" in audit


def test_editing_changes_a_year_and_an_emptied_year_loses_its_target(
    client, secretariat, action_momd
):
    indicator = factories.IndicatorFactory(action=action_momd, targets={2026: 12, 2027: 18})
    client.force_login(secretariat)
    url = reverse("strategy:indicator_update", args=[indicator.pk])
    response = client.post(
        url, indicator_data(direction="higher", target_2026="", target_2027="١٩")
    )
    assert response.status_code == 302
    assert targets_of(indicator) == {2027: Decimal("19")}
    indicator.refresh_from_db()
    assert indicator.direction == "higher"
    page = client.get(reverse("strategy:action_indicators", args=[action_momd.pk]))
    audit = page.content.decode().split('id="audit-heading"')[1]
    assert "work permit – 2026</bdi> · delete" in audit
    assert "work permit – 2027</bdi> · update" in audit


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"target_2026": "", "target_2027": ""}, None, "Give a target for at least one year."),
        ({"target_2027": "ten"}, "target_2027", "Enter a number."),
        ({"name_ar": ""}, "name_ar", "This field is required."),
    ],
)
def test_bad_input_keeps_the_form_and_saves_nothing(
    client, secretariat, action_momd, changes, field, message
):
    client.force_login(secretariat)
    data = indicator_data(**changes)
    response = client.post(reverse("strategy:indicator_create", args=[action_momd.pk]), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in (form.errors[field] if field else form.non_field_errors())
    assert 'value="Average days to process a work permit"' in response.content.decode()
    assert not Indicator.objects.exists() and not IndicatorTarget.objects.exists()


def test_a_failed_edit_keeps_the_targets_as_they_were(client, secretariat, action_momd):
    indicator = factories.IndicatorFactory(action=action_momd, targets={2026: 12})
    client.force_login(secretariat)
    url = reverse("strategy:indicator_update", args=[indicator.pk])
    response = client.post(url, indicator_data(baseline="not a number", target_2026="15"))
    assert response.status_code == 200
    assert targets_of(indicator) == {2026: Decimal("12")}


def test_the_action_page_shows_direction_yearly_targets_and_the_latest_values_year_target(
    client, steering, secretariat, action_momd, momd
):
    indicator = factories.IndicatorFactory(
        action=action_momd, direction="lower", targets={2026: 20, 2027: 10}
    )
    validated(action_momd, momd, Q1_2027, indicator, 14)
    client.force_login(steering)
    page = client.get(reverse("strategy:action_detail", args=[action_momd.pk])).content.decode()
    assert "Lower is better" in page and "2026: 20" in page and "2027: 10" in page
    assert "(January – March 2027; that year's target 10)" in page
    assert reverse("strategy:action_indicators", args=[action_momd.pk]) not in page
    client.force_login(secretariat)
    page = client.get(reverse("strategy:action_detail", args=[action_momd.pk])).content.decode()
    assert reverse("strategy:action_indicators", args=[action_momd.pk]) in page


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_indicators_page_costs_the_same_queries_with_more_indicators(
    client, secretariat, action_momd
):
    client.force_login(secretariat)
    url = reverse("strategy:action_indicators", args=[action_momd.pk])
    factories.IndicatorFactory(action=action_momd)
    queries_for(client, url)  # the process's first request reads the content types once
    few = queries_for(client, url)
    for n in range(8):
        factories.IndicatorFactory(action=action_momd, name_en=f"Indicator {n}")
    assert queries_for(client, url) == few


def test_the_review_compares_with_the_target_of_the_reports_year(
    client, secretariat, action_momd, momd
):
    indicator = factories.IndicatorFactory(
        action=action_momd, name_en="Days", direction="lower", targets={2026: 20, 2027: 10}
    )
    report = factories.ProgressUpdateFactory(
        action=action_momd,
        ministry=momd,
        period_start=Q1_2027[0],
        period_end=Q1_2027[1],
        state=ReportState.SUBMITTED,
    )
    IndicatorValue.objects.create(report=report, indicator=indicator, value=15)
    client.force_login(secretariat)
    page = client.get(reverse("strategy:report_detail", args=[report.pk])).content.decode()
    assert "Target for 2027: 10" in page and "Target for 2026" not in page
    assert "(lower is better)" in page


def test_the_review_says_when_the_year_has_no_target(client, secretariat, action_momd, momd):
    indicator = factories.IndicatorFactory(action=action_momd, targets={2027: 10})
    report = factories.ProgressUpdateFactory(
        action=action_momd, ministry=momd, state=ReportState.SUBMITTED
    )
    IndicatorValue.objects.create(report=report, indicator=indicator, value=5)
    client.force_login(secretariat)
    page = client.get(reverse("strategy:report_detail", args=[report.pk])).content.decode()
    assert "No target for 2026" in page


def test_the_report_form_names_the_target_of_its_periods_year(action_momd, momd):
    indicator = factories.IndicatorFactory(action=action_momd, targets={2026: 20, 2027: 10})
    report = factories.ProgressUpdateFactory(action=action_momd, ministry=momd)
    form = ProgressReportForm(instance=report, action=action_momd, ministries=[momd])
    help_text = form.fields[f"value_{indicator.pk}"].help_text
    assert help_text == "Baseline 2; target for 2026: 20. Higher is better."
    # A new report may be for a period of either year: both years' targets are named.
    periods = [(Q1_2027, Q1_2027[1]), (Q3_2026, Q3_2026[1])]
    ministries = Ministry.objects.filter(pk=momd.pk)
    creating = ProgressReportForm(action=action_momd, ministries=ministries, periods=periods)
    help_text = creating.fields[f"value_{indicator.pk}"].help_text
    assert help_text == "Baseline 2; targets 2026: 20, 2027: 10. Higher is better."


def test_the_workbook_compares_each_value_with_its_periods_year_target(
    secretariat, action_momd, momd
):
    indicator = factories.IndicatorFactory(
        action=action_momd, name_en="Days", direction="lower", targets={2026: 20, 2027: 10}
    )
    validated(action_momd, momd, Q3_2026, indicator, 25)
    validated(action_momd, momd, Q1_2027, indicator, 14)
    unmeasured = factories.IndicatorFactory(action=action_momd, name_en="Desks", targets={2027: 4})
    with translation.override("en"):
        rows = quarterly._indicator_rows(secretariat, Q1_2027)
    assert [row[3:] for row in rows if row[1] == "Days"] == [
        ["Lower is better", 2, "July – September 2026", momd.code, 25, 20],
        ["Lower is better", 2, "January – March 2027", momd.code, 14, 10],
    ]
    assert [row[8] for row in rows if row[1] == unmeasured.name_en] == [4]


def test_the_workbook_reads_the_targets_in_one_query_however_many_indicators(
    secretariat, action_momd
):
    def rows_queries():
        with CaptureQueriesContext(connection) as queries, translation.override("en"):
            quarterly._indicator_rows(secretariat, Q3_2026)
        return len(queries.captured_queries)

    factories.IndicatorFactory(action=action_momd)
    few = rows_queries()
    for n in range(6):
        factories.IndicatorFactory(action=action_momd, name_en=f"Indicator {n}")
    assert rows_queries() == few
