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
