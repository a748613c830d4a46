"""In-portal notifications: everything e-mailed also waits in the portal."""

import pytest
from django.urls import reverse

from coordination.models import Notification
from coordination.notifications import notify
from strategy import notification_kinds

pytestmark = pytest.mark.django_db


def a_notice(user, **params):
    return Notification.objects.create(
        recipient=user,
        kind=notification_kinds.REPORT_VALIDATED,
        params={
            "ministry": "MoMD",
            "action": "4.1 Returns",
            "period": "2026-07 – 2026-09",
            **params,
        },
        url="/actions/",
    )


def test_the_header_counts_unread_notifications(client, story):
    a_notice(story["fp_momd"])
    a_notice(story["fp_momd"])
    client.force_login(story["fp_momd"])
    assert client.get(reverse("home")).context["unread_notification_count"] == 2


def test_reading_the_list_changes_nothing_opening_a_notification_marks_it_read(client, story):
    notice = a_notice(story["fp_momd"])
    other = a_notice(story["fp_momd"])
    client.force_login(story["fp_momd"])
    page = client.get(reverse("coordination:notification_list")).content.decode()
    assert "The report of MoMD on 4.1 Returns for 2026-07 – 2026-09 was validated." in page
    assert not Notification.objects.filter(read_at__isnull=False).exists()
    response = client.post(reverse("coordination:notification_open", args=[notice.pk]))
    assert response.status_code == 302 and response["Location"] == "/actions/"
    notice.refresh_from_db()
    other.refresh_from_db()
    assert notice.read_at is not None and other.read_at is None
    assert client.get(reverse("home")).context["unread_notification_count"] == 1


def test_nobody_opens_another_persons_notification(client, story):
    notice = a_notice(story["fp_momd"])
    client.force_login(story["fp_moi"])
    response = client.post(reverse("coordination:notification_open", args=[notice.pk]))
    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_mark_all_read(client, story):
    a_notice(story["fp_momd"])
    client.force_login(story["fp_momd"])
    client.post(reverse("coordination:notifications_read"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_mark_all_read_is_offered_only_while_something_is_unread(client, story):
    notice = a_notice(story["fp_momd"])
    client.force_login(story["fp_momd"])
    button = reverse("coordination:notifications_read")
    assert button in client.get(reverse("coordination:notification_list")).content.decode()
    client.post(reverse("coordination:notification_open", args=[notice.pk]))
    page = client.get(reverse("coordination:notification_list")).content.decode()
    assert notice.text in page
    assert button not in page


@pytest.mark.parametrize("role", ["fp_moi", "secretariat", "administrator"])
def test_nobody_sees_another_persons_notifications(client, story, role):
    a_notice(story["fp_momd"], action="4.1 Hidden title")
    client.force_login(story[role])
    page = client.get(reverse("coordination:notification_list")).content.decode()
    assert "Hidden title" not in page
    client.post(reverse("coordination:notifications_read"))
    assert Notification.objects.get().read_at is None


def test_user_text_in_a_notification_is_escaped(client, story):
    a_notice(story["fp_momd"], comment="<script>alert(1)</script>")
    notice = Notification.objects.get()
    notice.kind = notification_kinds.REPORT_RETURNED
    notice.save()
    client.force_login(story["fp_momd"])
    page = client.get(reverse("coordination:notification_list")).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_one_notification_per_recipient_even_if_listed_twice(story):
    rows = notify(
        recipients=[story["fp_momd"], story["fp_momd"]],
        kind=notification_kinds.REPORT_VALIDATED,
        params={},
    )
    assert len(rows) == 1


def test_the_notification_list_costs_the_same_for_3_and_60(
    client, story, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(story["fp_momd"])
    for _ in range(3):
        a_notice(story["fp_momd"])
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("coordination:notification_list"))
    for _ in range(57):
        a_notice(story["fp_momd"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("coordination:notification_list"))


def test_each_app_registers_its_own_kinds_with_label_and_text(story):
    from coordination import notification_kinds as registry
    from meetings import notification_kinds as meeting_kinds

    notice = Notification(
        recipient=story["fp_momd"],
        kind=meeting_kinds.DECISION_ASSIGNED,
        params={"ministry": "MoMD", "decision": "HCB/2026/07", "due": "15 Dec 2026"},
    )
    assert notice.kind_label == "Decision to follow up"
    assert notice.text == "MoMD is responsible for decision HCB/2026/07, due 15 Dec 2026."
    assert registry.kind(meeting_kinds.DECISION_ASSIGNED) == registry.kind("decision_assigned")


def test_a_kind_no_app_registers_shows_its_name_instead_of_failing(story):
    notice = Notification(recipient=story["fp_momd"], kind="retired_kind", params={})
    assert (notice.kind_label, notice.text) == ("retired_kind", "")


def test_two_apps_cannot_claim_one_kind_with_different_texts():
    from coordination.notification_kinds import register

    with pytest.raises(ValueError, match="registered twice"):
        register(notification_kinds.REPORT_VALIDATED, label="Other", text="Other text")
