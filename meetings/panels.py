"""What meetings adds to a priority action's page (strategy.panels): the agenda items that
discussed the action and the decisions taken on them, as far as the user may see them."""

from meetings.models import AgendaItem, Decision
from strategy.panels import Panel


def discussed_in_meetings(request, action) -> Panel:
    user = request.user
    # Most actions were never on an agenda: one plain look at the agenda's links to the
    # action spares them the two restricted queries (whose scope over meetings costs the
    # most to plan). The ids only narrow; what the user sees is still restrict()'s answer.
    item_ids = list(
        AgendaItem.priority_actions.through.objects.filter(priorityaction=action).values_list(
            "agendaitem_id", flat=True
        )
    )
    if not item_ids:
        return Panel("meetings/_action_panel.html", {"agenda_items": [], "decisions": []})
    return Panel(
        "meetings/_action_panel.html",
        {
            "agenda_items": AgendaItem.objects.restrict(user)
            .filter(pk__in=item_ids)
            .select_related("meeting")
            .order_by("-meeting__start", "order"),
            # The panel shows a decision's code, text and follow-up, not its meeting.
            "decisions": Decision.objects.restrict(user).filter(agenda_item__in=item_ids),
        },
    )
