from celery import shared_task

from strategy import reminders


@shared_task(acks_late=True)
def send_report_reminders() -> dict[str, int]:
    """Celery beat runs this every few hours; each reminder still goes out only once."""
    return reminders.send_report_reminders()
