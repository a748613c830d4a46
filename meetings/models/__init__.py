"""The meetings app's models, one module per subdomain. Django and the rest of the project
find every model here (``from meetings.models import Decision``)."""

from meetings.models.agenda import AgendaItem, AgendaItemKind, BriefingDocument
from meetings.models.decisions import (
    Decision,
    DecisionKind,
    FollowUp,
    FollowUpEvidence,
    FollowUpStatus,
    FollowUpUpdate,
)
from meetings.models.meetings import (
    AgendaState,
    CalendarFeed,
    Invitation,
    InvitationResponse,
    Meeting,
    MeetingKind,
    MeetingStatus,
    MeetingUserObjectPermission,
)
from meetings.models.minutes import Minutes, MinutesComment, MinutesRevision, MinutesState
from meetings.models.papers import MeetingPaper, PaperKind

__all__ = [
    "AgendaItem",
    "AgendaItemKind",
    "AgendaState",
    "BriefingDocument",
    "CalendarFeed",
    "Decision",
    "DecisionKind",
    "FollowUp",
    "FollowUpEvidence",
    "FollowUpStatus",
    "FollowUpUpdate",
    "Invitation",
    "InvitationResponse",
    "Meeting",
    "MeetingKind",
    "MeetingPaper",
    "MeetingStatus",
    "MeetingUserObjectPermission",
    "Minutes",
    "MinutesComment",
    "MinutesRevision",
    "MinutesState",
    "PaperKind",
]
