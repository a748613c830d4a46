"""What meetings adds to a priority action's page (strategy.panels): the agenda items that
discussed the action and the decisions taken on them, as far as the user may see them."""

from meetings.models import AgendaItem, Decision
from strategy.panels import Panel


def discussed_in_meetings(request, action) -> Panel:
    user = request.user
    return Panel(
        "meetings/_action_panel.html",
        {
            "agenda_items": AgendaItem.objects.restrict(user)
            .filter(priority_actions=action)
            .select_related("meeting")
            .order_by("-meeting__start", "order"),
            # The panel shows a decision's code, text and follow-up, not its meeting.
            "decisions": Decision.objects.restrict(user).filter(
                agenda_item__priority_actions=action
            ),
        },
    )
