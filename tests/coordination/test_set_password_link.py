"""The secretariat sends a person's link to choose a password again: the e-mail goes out,
the audit trail says so in words, and a second one within a minute is refused."""

import datetime
import re

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.urls import reverse

from coordination import notification_kinds
from coordination.audit import readable_changes
from coordination.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def salma():
    account = factories.UserFactory(username="salma", email="salma@momd.gov.iq")
    account.set_unusable_password()
    account.save()
    return account


def send(client, account):
    return client.post(reverse("people:account_set_password_link", args=[account.pk]))


def test_the_link_goes_out_again_and_the_audit_trail_says_so(
    client, story, salma, django_capture_on_commit_callbacks
):
    client.force_login(story["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, salma)
    assert response.status_code == 302
    notification = Notification.objects.get(recipient=salma)
    assert notification.kind == notification_kinds.SET_PASSWORD_LINK
    [email] = mail.outbox
    assert email.to == ["salma@momd.gov.iq"]
    assert re.search(r"/accounts/reset/[^/\s]+/[^/\s]+/", email.body)
    entry = LogEntry.objects.get_for_object(salma).filter(actor=story["secretariat"]).get()
    assert readable_changes(entry) == [("Link to choose a password", "–", "sent again")]
    page = client.get(response.url).content.decode()
    assert "A new link to choose a password is on its way to salma@momd.gov.iq." in page
    assert "Link to choose a password" in page


def test_a_second_link_within_a_minute_is_refused(
    client, story, salma, django_capture_on_commit_callbacks
):
    client.force_login(story["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        send(client, salma)
        response = send(client, salma)
    assert Notification.objects.filter(recipient=salma).count() == 1
    assert len(mail.outbox) == 1
    assert LogEntry.objects.get_for_object(salma).filter(actor=story["secretariat"]).count() == 1
    assert "A link was sent less than a minute ago" in client.get(response.url).content.decode()
    # A minute later, it goes.
    Notification.objects.filter(recipient=salma).update(
        created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    send(client, salma)
    assert Notification.objects.filter(recipient=salma).count() == 2


def test_no_link_for_a_deactivated_account(client, story, salma):
    salma.is_active = False
    salma.save()
    client.force_login(story["administrator"])
    response = send(client, salma)
    assert response.status_code == 302
    assert not Notification.objects.exists()
    assert "reactivate it first" in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("steering", 403),
        ("fp_momd", 403),
        ("fp_unassigned", 403),
    ],
)
def test_only_the_secretariat_and_administrators_send_the_link(client, story, salma, role, status):
    if role != "anonymous":
        client.force_login(story[role])
    response = send(client, salma)
    assert response.status_code == status
    assert not Notification.objects.exists()


def test_the_secretariat_cannot_send_an_administrators_link(client, story):
    client.force_login(story["secretariat"])
    assert send(client, story["administrator"]).status_code == 403
    assert not Notification.objects.exists()
