"""What the meetings services check before they write: the user's right, the record's state."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from coordination import access


class NotAllowedNow(Exception):
    """The record's state forbids this step (approved minutes, a cancelled meeting, a meeting
    not yet started...). Carries the translated sentence that tells the user why."""

    default_message = _("Not possible in the meeting's present state.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(self.message)


def require_manager(user) -> None:
    if not access.manages_everything(user):
        raise PermissionDenied


def require_reschedulable(meeting) -> None:
    """A held meeting is a record of what happened; a cancelled one is cancelled once."""
    if not meeting.may_be_rescheduled:
        if meeting.is_cancelled:
            raise NotAllowedNow(_("The meeting is already cancelled."))
        raise NotAllowedNow(_("The meeting has been held: it can no longer be moved or cancelled."))


def require_started(meeting) -> None:
    """Attendance and minutes are records of what happened: not before the meeting starts."""
    if not meeting.has_started:
        raise NotAllowedNow(
            _("Attendance and minutes can be recorded once the meeting has started.")
        )
