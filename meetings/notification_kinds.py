"""The notifications the meetings app sends (see coordination.notification_kinds)."""

from django.utils.translation import gettext_lazy as _

from coordination.notification_kinds import register

MINUTES_CIRCULATED = register(
    "minutes_circulated",
    label=_("Minutes circulated for comment"),
    text=_("The minutes of %(meeting)s are circulated: comment by %(due)s."),
)

DECISION_ASSIGNED = register(
    "decision_assigned",
    label=_("Decision to follow up"),
    text=_("%(ministry)s is responsible for decision %(decision)s, due %(due)s."),
)
