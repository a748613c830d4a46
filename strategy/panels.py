"""Panels that apps above strategy add to a priority action's page.

strategy may not import the apps above it, so each of them registers a function here from its
AppConfig.ready(); the action page shows what the functions return, in the order registered."""

from collections.abc import Callable
from typing import NamedTuple

from django.http import HttpRequest

from strategy.models import PriorityAction


class Panel(NamedTuple):
    """A template rendered inside the action page, with this context added to the page's."""

    template_name: str
    context: dict


ActionPanel = Callable[[HttpRequest, PriorityAction], Panel | None]

_action_panels: list[ActionPanel] = []


def register_action_panel(panel: ActionPanel) -> ActionPanel:
    """Shows ``panel(request, action)`` on every action page; it returns None to show nothing.
    It reads its records through the access layer, as the page does: the page is kept per user."""
    if panel not in _action_panels:  # an AppConfig.ready() that runs twice adds it once
        _action_panels.append(panel)
    return panel


def action_panels(request: HttpRequest, action: PriorityAction) -> list[Panel]:
    return [
        panel for function in _action_panels if (panel := function(request, action)) is not None
    ]
