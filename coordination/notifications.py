"""In-portal notifications, which are also the e-mail outbox (see Notification)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation

from coordination import access
from coordination.models import Notification, Role, User
from coordination.queue import enqueue

logger = logging.getLogger(__name__)
MAX_EMAIL_ATTEMPTS = 10


def focal_points_of(ministry) -> "list[User]":
    return list(access.users_acting_for(ministry))


def secretariat_members() -> "list[User]":
    return list(User.objects.filter(role=Role.SECRETARIAT, is_active=True))


def notify(
    *, recipients, kind: str, params: dict, url: str = "", email_to: str = ""
) -> list[Notification]:
    """Store one notification per recipient in the caller's transaction; e-mail them once
    it commits. A broker that is down only delays the e-mail: the outbox task sends it.
    ``email_to``: the address the e-mail must reach whatever the recipient's address is by
    then (a notice about a change of address goes to the old one)."""
    rows = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, params=params, url=url, email_to=email_to)
        for user in {user.pk: user for user in recipients}.values()
    )
    ids = [row.pk for row in rows]
    if ids:
        transaction.on_commit(lambda: _enqueue_emails(ids))
    return rows


def _enqueue_emails(ids: list[int]) -> None:
    from coordination.tasks import send_notification_emails

    # One message for all: publishing one per notification cost a report's submission
    # about a fifth of its time. A broker that is down leaves them to the outbox task.
    enqueue(send_notification_emails, ids)


def deliver_email(notification_id: int) -> bool:
    """Send one notification's e-mail if it has not been sent; True once it is sent.
    Safe to run twice: the row is locked and marked in one transaction. A failure is
    counted outside that transaction, so the outbox gives up on an address after a while."""
    try:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update()
                .select_related("recipient")
                .filter(pk=notification_id, email_sent_at__isnull=True)
                .first()
            )
            if notification is None:
                return True
            recipient = notification.recipient
            address = notification.email_to or recipient.email
            if address and recipient.is_active:
                with translation.override(recipient.language or settings.LANGUAGE_CODE):
                    text = notification.text
                    subject = f"[IMAG] {notification.kind_label}"
                link = f"{settings.PORTAL_URL}{notification.url}" if notification.url else ""
                send_mail(subject, f"{text}\n\n{link}".strip(), None, [address])
            notification.email_sent_at = timezone.now()
            notification.email_attempts += 1
            notification.save(update_fields=["email_sent_at", "email_attempts"])
    except Exception:
        Notification.objects.filter(pk=notification_id).update(
            email_attempts=F("email_attempts") + 1
        )
        raise
    return True


def pending_email_ids(older_than_seconds: int = 60) -> list[int]:
    cutoff = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    return list(
        Notification.objects.filter(
            email_sent_at__isnull=True,
            created_at__lte=cutoff,
            email_attempts__lt=MAX_EMAIL_ATTEMPTS,
        )
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:500]
    )
