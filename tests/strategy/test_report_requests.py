"""The secretariat asks a ministry to report, from an action's page or from a row of the
dashboards' compliance table: its focal points are notified and e-mailed, the request is
kept and shown on the action's page; nobody else may ask."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from coordination.models import Notification
from strategy import notification_kinds
from strategy.models import ReportRequest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _addresses(fp_momd, fp_moi):
    for user, address in ((fp_momd, "mona@momd.gov.iq"), (fp_moi, "omar@moi.gov.iq")):
        user.email = address
        user.save(update_fields=["email"])


def current_period(action):
    return action.pillar.strategy.reportable_periods(action.start_date, timezone.localdate())[0]


def ask_on_action(client, action, ministry, period):
    return client.post(
        reverse("strategy:action_report_request", args=[action.pk]),
        {"ministry": ministry.pk, "period": period[0].isoformat()},
    )


def test_the_secretariat_asks_an_actions_ministry_and_it_is_told_and_recorded(
    client, story, momd, django_capture_on_commit_callbacks
):
    action, secretariat = story["action_momd"], story["secretariat"]
    period = current_period(action)
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_on_action(client, action, momd, period)
    assert response.status_code == 302
    assert response.url == reverse("strategy:action_detail", args=[action.pk])
    asked = ReportRequest.objects.get()
    assert (asked.ministry, asked.action, asked.asked_by) == (momd, action, secretariat)
    assert (asked.period_start, asked.period_end) == period
    assert asked.notified == 1
    notification = Notification.objects.get(kind=notification_kinds.REPORT_REQUESTED)
    assert notification.recipient == story["fp_momd"]
    assert notification.url == reverse("strategy:action_detail", args=[action.pk])
    [email] = mail.outbox
    assert email.to == [story["fp_momd"].email]
    assert "asks MoMD to report on 4.1" in email.body
    # On the action's page, for whoever reads it: who asked whom, for which period.
    client.force_login(story["fp_momd"])
    page = client.get(reverse("strategy:action_detail", args=[action.pk])).content.decode()
    assert "asked Ministry of Migration and Displacement (MoMD) to report for" in page
    assert "Ask this ministry to report" not in page


@pytest.mark.parametrize("role", ["steering", "fp_momd", "fp_moi", "fp_unassigned"])
def test_only_the_secretariat_asks_a_ministry_to_report(client, story, momd, role):
    action = story["action_momd"]
    client.force_login(story[role])
    assert ask_on_action(client, action, momd, current_period(action)).status_code == 403
    dashboard_ask = client.post(
        reverse("strategy:ministry_report_request"),
        {"ministry": momd.pk, "period": current_period(action)[0].isoformat()},
    )
    assert dashboard_ask.status_code == 403
    assert not ReportRequest.objects.exists()
    assert not Notification.objects.exists()


def test_asking_needs_a_post_and_a_signed_in_person(client, story, momd):
    action = story["action_momd"]
    url = reverse("strategy:action_report_request", args=[action.pk])
    assert client.post(url).url.startswith(reverse("login"))
    client.force_login(story["secretariat"])
    assert client.get(url).status_code == 405


def test_a_ministry_not_on_the_action_is_not_asked(client, story, moi):
    action = story["action_momd"]
    client.force_login(story["secretariat"])
    response = ask_on_action(client, action, moi, current_period(action))
    assert response.status_code == 302
    assert not ReportRequest.objects.exists()
    page = client.get(response.url).content.decode()
    assert "Choose one of the action&#x27;s ministries and a period." in page


def test_the_compliance_table_gives_the_secretariat_a_button_per_ministry_behind(
    client, story, momd, django_capture_on_commit_callbacks
):
    client.force_login(story["steering"])
    assert "Ask to report" not in client.get(reverse("dashboard:steering")).content.decode()
    client.force_login(story["secretariat"])
    response = client.get(reverse("dashboard:steering"))
    rows = {row["ministry"].code: row for row in response.context["compliance"]}
    assert rows["MoMD"]["received"] < rows["MoMD"]["due"]
    page = response.content.decode()
    action = reverse("strategy:ministry_report_request")
    assert f'action="{action}"' in page
    assert f'name="ministry" value="{momd.pk}"' in page
    period = response.context["filters"].period
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(action, {"ministry": momd.pk, "period": period[0].isoformat()})
    assert asked.status_code == 302
    assert asked.url == f"{reverse('dashboard:steering')}?period={period[0].isoformat()}"
    request = ReportRequest.objects.get()
    assert (request.ministry, request.action, request.period_start) == (momd, None, period[0])
    notification = Notification.objects.get(kind=notification_kinds.REPORTS_REQUESTED)
    assert notification.recipient == story["fp_momd"]
    assert notification.params["due"] == rows["MoMD"]["due"]
    assert [email.to for email in mail.outbox] == [[story["fp_momd"].email]]


def test_a_ministry_without_focal_points_is_recorded_and_the_secretariat_warned(
    client, story, mofa
):
    action = story["action_moi"]  # supported by MoFA, which has no focal point
    client.force_login(story["secretariat"])
    response = ask_on_action(client, action, mofa, current_period(action))
    assert ReportRequest.objects.get().notified == 0
    page = client.get(response.url).content.decode()
    assert "has no active focal point to notify" in page


@pytest.mark.parametrize("value", ["²", "١٢", "-1", "99999999999999999999999", "abc", "%00"])
def test_bad_posted_values_ask_nobody(client, story, momd, value):
    action = story["action_momd"]
    client.force_login(story["secretariat"])
    for url in (
        reverse("strategy:action_report_request", args=[action.pk]),
        reverse("strategy:ministry_report_request"),
    ):
        assert client.post(url, {"ministry": value, "period": value}).status_code == 302
        assert client.post(url, {"ministry": momd.pk, "period": value}).status_code == 302
    assert not ReportRequest.objects.exists()
