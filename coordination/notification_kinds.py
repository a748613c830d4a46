"""The kinds of notification, registered by the apps that send them.

Coordination sends notifications but knows none of the higher apps' kinds: each app registers
its own (label for the e-mail subject, text with %(name)s details) when it loads, so a new kind
needs no coordination migration."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NotificationKind:
    label: str
    text: str


_KINDS: dict[str, NotificationKind] = {}


def register(value: str, *, label, text) -> str:
    """Register a kind and return its stored value, the name senders use."""
    if value in _KINDS and _KINDS[value] != NotificationKind(label, text):
        raise ValueError(f"notification kind {value!r} is registered twice")
    _KINDS[value] = NotificationKind(label, text)
    return value


def kind(value: str) -> NotificationKind:
    # A kind whose app is gone still shows its stored name rather than failing the page.
    return _KINDS.get(value) or NotificationKind(label=value, text="")


ACCOUNT_CREATED = register(
    "account_created",
    label=_("Your account"),
    text=_(
        "The secretariat opened an IMAG Portal account for you, with the user name "
        "%(username)s. Follow the link to choose your password; it works once, for a few days."
    ),
)

SET_PASSWORD_LINK = register(
    "set_password_link",
    label=_("Your account"),
    text=_(
        "The secretariat sent you a new link to choose the password of your IMAG Portal "
        "account, with the user name %(username)s. It works once, for a few days."
    ),
)

# About a privileged account's e-mail address or second factor (coordination.services): sent
# to the address the account had when the change was asked, so that a changed address is
# told at the old one.
EMAIL_CHANGE_ASKED = register(
    "email_change_asked",
    label=_("Your account"),
    text=_(
        "%(asked_by)s asked to change the e-mail address of your IMAG Portal account to "
        "%(new_email)s. It changes only once another member of the secretariat or an "
        "administrator confirms it. If you did not ask for this, tell the secretariat or an "
        "administrator at once."
    ),
)
EMAIL_CHANGED = register(
    "email_changed",
    label=_("Your account"),
    text=_(
        "The e-mail address of your IMAG Portal account was changed to %(new_email)s: "
        "asked by %(asked_by)s, confirmed by %(confirmed_by)s. If you did not ask for this, "
        "tell the secretariat or an administrator at once."
    ),
)
TWO_FACTOR_RESET_ASKED = register(
    "two_factor_reset_asked",
    label=_("Your account"),
    text=_(
        "%(asked_by)s asked to reset the two-factor authentication of your IMAG Portal "
        "account. It is reset only once another member of the secretariat or an "
        "administrator confirms it. If you did not ask for this, tell the secretariat or an "
        "administrator at once."
    ),
)
TWO_FACTOR_RESET = register(
    "two_factor_reset",
    label=_("Your account"),
    text=_(
        "The two-factor authentication of your IMAG Portal account was reset: asked by "
        "%(asked_by)s, confirmed by %(confirmed_by)s. At your next sign-in you set up an "
        "authenticator app again. If you did not ask for this, tell the secretariat or an "
        "administrator at once."
    ),
)
