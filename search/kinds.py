"""The kinds of record search finds, in the order the results page shows them: what is
searched of each, in which order results come, and what a result shows and links to.

Every kind is read through ``Model.objects.restrict(user)``: a focal point finds only what
the access layer lets them see (an agenda item with its meeting, once the agenda is
published; a report as its ministry or the action's readers may read it)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models.functions import Left
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination.models import Ministry, named_with_code
from coordination.rows import dates, in_language, translated_columns
from meetings.models import AgendaItem, Decision, FollowUpStatus, Meeting
from search.documents import Matches
from strategy.models import ActionStatus, PriorityAction, ProgressUpdate, ReportState, period_name

EXCERPT_LENGTH = 200


@dataclass
class Result:
    """One record found, as the results page shows it."""

    url: str
    title: str
    code: str = ""
    details: list = field(default_factory=list)
    excerpt: str = ""


@dataclass(frozen=True)
class Kind:
    key: str
    heading: str
    model: type
    # The searched columns (translated fields in every language), as the index has them.
    columns: tuple[str, ...]
    order_by: tuple[str, ...]
    index_name: str
    # (found, window) -> list[Result]: see results().
    read: Callable

    def found(self, user, terms):
        """The records of this kind the user may see that match ``terms``, in order."""
        return (
            self.model.objects.restrict(user)
            .filter(Matches(self.columns, terms))
            .order_by(*self.order_by)
        )

    def results(self, found, window: slice) -> list[Result]:
        """The ``window`` of ``found`` as the page shows it: only the columns shown, in
        one query."""
        return self.read(found, window)


def _actions(queryset, window: slice):
    title = in_language(PriorityAction, "title")
    statuses = dict(ActionStatus.choices)
    before, after = _address("strategy:action_detail")
    return [
        Result(
            url=f"{before}{row['pk']}{after}",
            code=row["code"],
            title=title(row),
            details=[statuses.get(row["status"], row["status"])],
        )
        for row in queryset.values("pk", "code", "status", *title.fields)[window]
    ]


def _reports(queryset, window: slice):
    action_title = in_language(PriorityAction, "title", prefix="action__")
    ministry_name = in_language(Ministry, "name", prefix="ministry__")
    states = dict(ReportState.choices)
    before, after = _address("strategy:report_detail")
    # One character more than shown: whether the excerpt is cut.
    rows = queryset.annotate(excerpt=Left("narrative", EXCERPT_LENGTH + 1)).values(
        "pk",
        "action__code",
        "ministry__code",
        "period_start",
        "period_end",
        "state",
        "excerpt",
        *action_title.fields,
        *ministry_name.fields,
    )[window]
    return [
        Result(
            url=f"{before}{row['pk']}{after}",
            code=row["action__code"],
            title=action_title(row),
            details=[
                named_with_code(ministry_name(row), row["ministry__code"]),
                period_name(row["period_start"], row["period_end"]),
                states.get(row["state"], row["state"]),
            ],
            excerpt=_shortened(row["excerpt"]),
        )
        for row in rows
    ]


def _meetings(queryset, window: slice):
    title = in_language(Meeting, "title")
    day = dates("DATE_FORMAT")
    before, after = _address("meetings:meeting_detail")
    return [
        Result(
            url=f"{before}{row['pk']}{after}",
            title=title(row),
            details=[day(timezone.localtime(row["start"]).date())],
        )
        for row in queryset.values("pk", "start", *title.fields)[window]
    ]


def _agenda_items(queryset, window: slice):
    title = in_language(AgendaItem, "title")
    meeting_title = in_language(Meeting, "title", prefix="meeting__")
    day = dates("DATE_FORMAT")
    before, after = _address("meetings:meeting_detail")
    rows = queryset.values(
        "pk", "meeting_id", "meeting__start", *title.fields, *meeting_title.fields
    )[window]
    return [
        Result(
            url=f"{before}{row['meeting_id']}{after}#agenda-item-{row['pk']}",
            title=title(row),
            details=[
                meeting_title(row),
                day(timezone.localtime(row["meeting__start"]).date()),
            ],
        )
        for row in rows
    ]


def _decisions(queryset, window: slice):
    text = in_language(Decision, "text")
    statuses = dict(FollowUpStatus.choices)
    day = dates("DATE_FORMAT")
    before, after = _address("meetings:decision_detail")
    rows = queryset.values("pk", "code", "follow_up_status", "meeting__start", *text.fields)[window]
    return [
        Result(
            url=f"{before}{row['pk']}{after}",
            code=row["code"],
            title=_shortened(text(row)),
            details=[
                day(timezone.localtime(row["meeting__start"]).date()),
                statuses.get(row["follow_up_status"], row["follow_up_status"]),
            ],
        )
        for row in rows
    ]


def _address(name: str) -> tuple[str, str]:
    # Reversed once per list, the record's id put between (as coordination.rows.address,
    # unescaped: the template escapes).
    stand_in = 2147483647
    before, after = reverse(name, args=[stand_in]).split(str(stand_in))
    return before, after


def _shortened(text: str) -> str:
    if len(text) <= EXCERPT_LENGTH:
        return text
    return text[: EXCERPT_LENGTH - 1].rstrip() + "…"


KINDS = (
    Kind(
        key="actions",
        heading=_("Priority actions"),
        model=PriorityAction,
        columns=("code", *translated_columns("title"), *translated_columns("description")),
        # In the order they were loaded (by and large the strategy's): the primary key's
        # index gives the first few of a common word without sorting every match.
        order_by=("pk",),
        index_name="search_action_document",
        read=_actions,
    ),
    Kind(
        key="reports",
        heading=_("Progress reports"),
        model=ProgressUpdate,
        columns=("narrative", "challenges", "support_needed"),
        # The latest written first: the primary key's index gives the first few of a common
        # word without sorting every match.
        order_by=("-pk",),
        index_name="search_report_document",
        read=_reports,
    ),
    Kind(
        key="meetings",
        heading=_("Meetings"),
        model=Meeting,
        columns=(*translated_columns("title"), *translated_columns("location")),
        order_by=("-start", "-pk"),
        index_name="search_meeting_document",
        read=_meetings,
    ),
    Kind(
        key="agenda_items",
        heading=_("Agenda items"),
        model=AgendaItem,
        columns=translated_columns("title"),
        order_by=("-meeting__start", "meeting_id", "order"),
        index_name="search_agenda_item_document",
        read=_agenda_items,
    ),
    Kind(
        key="decisions",
        heading=_("Decisions"),
        model=Decision,
        columns=("code", *translated_columns("text")),
        # The latest recorded first, through the primary key's index (as reports).
        order_by=("-pk",),
        index_name="search_decision_document",
        read=_decisions,
    ),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}
