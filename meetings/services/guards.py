"""What the meetings services check before they write: the user's right, the record's state."""

from django.core.exceptions import PermissionDenied

from coordination import access


class NotAllowedNow(Exception):
    """The record's state forbids this step (approved minutes, a cancelled meeting...)."""


def require_manager(user) -> None:
    if not access.manages_everything(user):
        raise PermissionDenied
