import logging
import smtplib

from celery import shared_task

from coordination import notifications, sign_in_limits

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def send_notification_emails(notification_ids: list[int]) -> int:
    """The e-mails of one event's notifications (a report submitted notifies the whole
    secretariat): one message to the broker for all of them. Safe to retry: an e-mail
    already sent is not sent again. Returns how many went out."""
    return sum(notifications.deliver_email(pk) for pk in notification_ids)


@shared_task(acks_late=True)
def send_notification_email(notification_id: int) -> bool:
    """One notification's e-mail: messages queued by an earlier version still in the broker."""
    return notifications.deliver_email(notification_id)


@shared_task(acks_late=True)
def send_pending_notification_emails() -> int:
    """The outbox: e-mail what could not be sent at once; returns how many went out."""
    sent = 0
    for notification_id in notifications.pending_email_ids():
        try:
            sent += notifications.deliver_email(notification_id)
        except (smtplib.SMTPException, OSError):
            logger.warning("E-mail for notification %s failed; will retry", notification_id)
    return sent


@shared_task
def forget_old_sign_in_failures() -> int:
    return sign_in_limits.forget_old_failures()
