from coordination.models import Notification


def unread_notifications(request):
    """The unread count in the header: ministry e-mail is unreliable, the portal is not."""
    user = getattr(request, "user", None)
    # Before the second factor is given, nothing of the account is shown (nor counted).
    if user is None or not user.is_authenticated or getattr(request, "second_factor_due", False):
        return {}
    return {
        "unread_notification_count": Notification.objects.restrict(user)
        .filter(read_at__isnull=True)
        .count()
    }
