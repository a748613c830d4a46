"""The strategy's set-up pages: its settings with a preview of its reporting periods, and its
pillars, kept by the secretariat and administrators, audited in words."""

import datetime

import pytest
from django.urls import reverse

from strategy.models import Pillar, Strategy
from tests import factories

pytestmark = pytest.mark.django_db


def settings_of(strategy=None, **changes):
    data = {
        "code": strategy.code if strategy else "NSMM-2027",
        "title_ar": "الاستراتيجية الوطنية لإدارة الهجرة",
        "title_en": "National Strategy for Migration Management",
        "title_ckb": "",
        "start_date": "2026-01-01",
        "end_date": "2030-12-31",
        "reporting_frequency": "quarterly",
        "report_due_days": "15",
    }
    data.update(changes)
    return data


@pytest.fixture
def strategy():
    return factories.StrategyFactory()


def update_url(strategy):
    return reverse("strategy:strategy_update", args=[strategy.pk])


def test_the_secretariat_changes_the_settings_and_the_audit_trail_says_so_in_words(
    client, secretariat, strategy
):
    client.force_login(secretariat)
    response = client.post(
        update_url(strategy), settings_of(strategy, reporting_frequency="annual")
    )
    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.reporting_frequency == "annual"
    page = client.get(update_url(strategy)).content.decode()
    assert "January – December 2026" in page  # the periods as saved
    audit = page.split('id="audit-heading"')[1]
    assert "reporting frequency" in audit and "Quarterly" in audit and "Annual" in audit
    assert secretariat.username in audit


def test_a_monthly_strategy_previews_each_month_and_its_report_due_date_unsaved(
    client, secretariat, strategy
):
    client.force_login(secretariat)
    typed = settings_of(
        strategy,
        reporting_frequency="monthly",
        end_date="2026-03-31",
        report_due_days="10",
        preview="Preview",
    )
    response = client.post(update_url(strategy), typed)
    assert response.status_code == 200
    rows = response.context["periods"]
    assert [(start.month, end.day, due) for start, end, due in rows] == [
        (1, 31, datetime.date(2026, 2, 10)),
        (2, 28, datetime.date(2026, 3, 10)),
        (3, 31, datetime.date(2026, 4, 10)),
    ]
    page = response.content.decode()
    assert "January 2026" in page and "February 2026" in page and "10 April 2026" in page
    assert "they are not saved yet" in page
    strategy.refresh_from_db()
    assert (strategy.reporting_frequency, strategy.end_date.year) == ("quarterly", 2030)


def test_a_half_yearly_strategy_previews_two_periods_a_year(client, secretariat, strategy):
    client.force_login(secretariat)
    typed = settings_of(
        strategy, reporting_frequency="semiannual", end_date="2027-12-31", preview="Preview"
    )
    page = client.post(update_url(strategy), typed).content.decode()
    for name in ("January – June 2026", "July – December 2026", "July – December 2027"):
        assert name in page
    assert "15 July 2026" in page  # the first half's report, due 15 days after June


def test_an_end_before_the_start_keeps_the_form_and_saves_nothing(client, secretariat, strategy):
    client.force_login(secretariat)
    typed = settings_of(strategy, title_en="A new title", end_date="2025-06-30")
    response = client.post(update_url(strategy), typed)
    assert response.status_code == 200
    assert (
        "The end date must be after the start date." in response.context["form"].errors["end_date"]
    )
    assert 'value="A new title"' in response.content.decode()
    strategy.refresh_from_db()
    assert strategy.title_en == "National Strategy for Migration Management"


def test_settings_that_would_strand_written_reports_are_refused(
    client, secretariat, strategy, action_momd, momd
):
    """A report for July - September 2026 exists: monthly periods do not have it."""
    factories.ProgressUpdateFactory(action=action_momd, ministry=momd)
    client.force_login(secretariat)
    response = client.post(
        update_url(strategy), settings_of(strategy, reporting_frequency="monthly")
    )
    assert response.status_code == 200
    assert "July – September 2026" in str(response.context["form"].non_field_errors())
    strategy.refresh_from_db()
    assert strategy.reporting_frequency == "quarterly"
    # A later end leaves the quarters as they were: allowed.
    ok = client.post(update_url(strategy), settings_of(strategy, end_date="2031-12-31"))
    assert ok.status_code == 302


def test_the_secretariat_creates_a_strategy(client, secretariat):
    client.force_login(secretariat)
    response = client.post(reverse("strategy:strategy_create"), settings_of())
    created = Strategy.objects.get(code="NSMM-2027")
    assert response.url == update_url(created)
    assert created.title_ar == "الاستراتيجية الوطنية لإدارة الهجرة"


def test_pillars_are_added_and_renamed_under_their_strategy(client, secretariat, strategy):
    client.force_login(secretariat)
    data = {"number": "٣", "title_ar": "الحدود", "title_en": "Borders", "title_ckb": ""}
    response = client.post(reverse("strategy:pillar_create", args=[strategy.pk]), data)
    assert response.url == update_url(strategy)
    pillar = Pillar.objects.get(strategy=strategy, number=3)
    data["title_en"] = "Borders and regular pathways"
    client.post(reverse("strategy:pillar_update", args=[pillar.pk]), data)
    pillar.refresh_from_db()
    assert pillar.title_en == "Borders and regular pathways"
    page = client.get(update_url(strategy)).content.decode()
    assert "3. <bdi>Borders and regular pathways</bdi>" in page
    assert "Borders and regular pathways" in page.split('id="audit-heading"')[1]


def test_a_pillar_number_taken_keeps_the_form_and_saves_nothing(client, secretariat, strategy):
    factories.PillarFactory(strategy=strategy, number=1)
    client.force_login(secretariat)
    data = {"number": "1", "title_ar": "محور", "title_en": "A second first pillar"}
    response = client.post(reverse("strategy:pillar_create", args=[strategy.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["number"] == [
        "The strategy already has a pillar numbered 1."
    ]
    assert 'value="A second first pillar"' in response.content.decode()
    assert Pillar.objects.filter(strategy=strategy).count() == 1


def test_the_action_list_links_to_the_set_up_for_those_who_manage_everything(
    client, secretariat, steering, fp_momd
):
    link = reverse("strategy:strategy_setup")
    client.force_login(secretariat)
    assert link in client.get(reverse("strategy:action_list")).content.decode()
    for user in (steering, fp_momd):
        client.force_login(user)
        assert link not in client.get(reverse("strategy:action_list")).content.decode()


def test_the_set_up_list_costs_the_same_queries_with_more_strategies(
    client, secretariat, django_assert_max_num_queries
):
    client.force_login(secretariat)
    url = reverse("strategy:strategy_setup")
    factories.StrategyFactory()
    client.get(url)
    with django_assert_max_num_queries(8) as few:
        client.get(url)
    for year in range(2031, 2041):
        strategy = factories.StrategyFactory(
            code=f"NSMM-{year}",
            start_date=datetime.date(year, 1, 1),
            end_date=datetime.date(year + 4, 12, 31),
        )
        factories.PillarFactory(strategy=strategy, number=1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert "NSMM-2040" in page.content.decode()
