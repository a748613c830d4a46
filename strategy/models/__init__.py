"""The strategy app's models, one module per part of the domain; imported here because Django
and the rest of the portal find them in ``strategy.models``."""

from strategy.models.actions import (
    ActionStatusChange,
    Indicator,
    PriorityAction,
    PriorityActionQuerySet,
    PriorityActionUserObjectPermission,
)
from strategy.models.choices import (
    OPEN_STATUSES,
    SENT_STATES,
    STATUS_COLOURS,
    ActionStatus,
    Priority,
    ReminderStage,
    ReportEventKind,
    ReportState,
    RouteStage,
    owes_report_for,
    period_name,
)
from strategy.models.figures import (
    ActionFigure,
    ActionPeriodStatus,
    PeriodStatusCount,
    ReportingCount,
    ReportingDuty,
    StatusCount,
)
from strategy.models.reports import (
    Evidence,
    IndicatorValue,
    ProgressUpdate,
    Reminder,
    ReportComment,
    ReportEvent,
    ReportRequest,
)
from strategy.models.strategies import (
    MONTHS_PER_PERIOD,
    Pillar,
    ReportingFrequency,
    Strategy,
    StrategyQuerySet,
)

__all__ = [
    "ActionStatusChange",
    "ActionFigure",
    "ActionPeriodStatus",
    "PeriodStatusCount",
    "ReportingCount",
    "ReportingDuty",
    "StatusCount",
    "MONTHS_PER_PERIOD",
    "OPEN_STATUSES",
    "SENT_STATES",
    "STATUS_COLOURS",
    "ActionStatus",
    "Evidence",
    "Indicator",
    "IndicatorValue",
    "Pillar",
    "Priority",
    "PriorityAction",
    "PriorityActionQuerySet",
    "PriorityActionUserObjectPermission",
    "ProgressUpdate",
    "Reminder",
    "ReminderStage",
    "ReportComment",
    "ReportEvent",
    "ReportRequest",
    "ReportEventKind",
    "ReportState",
    "ReportingFrequency",
    "RouteStage",
    "Strategy",
    "StrategyQuerySet",
    "owes_report_for",
    "period_name",
]
