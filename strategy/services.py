"""The reporting workflow: focal points write and submit progress reports, the secretariat
validates, returns or reopens them. Every step checks rights through the access layer, runs
in one transaction, records who did it, and notifies the people concerned."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from coordination import access
from coordination.notifications import focal_points_of, notify, secretariat_members
from coordination.uploads import store_documents
from strategy import figures, notification_kinds
from strategy.models import (
    ActionStatus,
    ActionStatusChange,
    Evidence,
    IndicatorValue,
    PriorityAction,
    ProgressUpdate,
    ReportComment,
    ReportEvent,
    ReportEventKind,
    ReportingDuty,
    ReportRequest,
    ReportState,
    period_name,
)

REPORT_FIELDS = ("status", "percent_complete", "narrative", "challenges", "support_needed")


class ReportConflict(Exception):
    """Someone saved the report after the editor opened it."""

    def __init__(self, current: ProgressUpdate):
        super().__init__("The report changed since it was opened")
        self.current = current


class ReportAlreadyExists(Exception):
    def __init__(self, existing: ProgressUpdate):
        super().__init__("A report for this action, ministry and period exists")
        self.existing = existing


class ReportNotEditable(Exception):
    """Submitted and validated reports are read-only for focal points."""


class ReportIncomplete(Exception):
    """A report without its narrative cannot be submitted."""


class ReportNotWithdrawable(Exception):
    """Only a submitted report not yet validated or returned can be withdrawn."""


@dataclass(frozen=True)
class ReportContent:
    fields: dict
    indicator_values: dict  # Indicator -> (Decimal value, date or None)
    evidence: list  # of coordination.uploads.CheckedUpload


def report_url(report: ProgressUpdate) -> str:
    return reverse("strategy:report_detail", args=[report.pk])


def _params(report: ProgressUpdate, **extra) -> dict:
    return {
        "ministry": report.ministry.code,
        "action": f"{report.action.code} {report.action.title}",
        "period": report.period_label,
        **extra,
    }


def existing_report(action, ministry, period_start) -> ProgressUpdate | None:
    return ProgressUpdate.objects.filter(
        action=action, ministry=ministry, period_start=period_start
    ).first()


@transaction.atomic
def create_report(
    *, user, action: PriorityAction, ministry, period, content: ReportContent, submit: bool
) -> ProgressUpdate:
    """A new report by ``ministry`` on ``action`` for ``period`` (first day, last day)."""
    figures.lock()  # before any row lock: see strategy/figures.py
    report = ProgressUpdate(
        action=action,
        ministry=ministry,
        period_start=period[0],
        period_end=period[1],
        created_by=user,
        **content.fields,
    )
    if submit:
        # Saved once, as submitted: a draft saved and then submitted moved the figures
        # and wrote the audit trail twice for one press of the button.
        _mark_submitted(report, user)
    found = existing_report(action, ministry, period[0])
    if found is not None:
        raise ReportAlreadyExists(found)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError as error:  # two first saves racing
        raise ReportAlreadyExists(existing_report(action, ministry, period[0])) from error
    if not access.can(user, access.CHANGE, report):
        raise PermissionDenied
    _store_content(report, content, user)
    if submit:
        _record_submission(report, user)
    return report


@transaction.atomic
def update_report(
    *, user, report: ProgressUpdate, expected_version: int, content: ReportContent, submit: bool
) -> ProgressUpdate:
    """Save the editor's copy unless someone saved since they opened it."""
    current = _locked_for_owner(report, user)
    if not current.is_editable:
        raise ReportNotEditable
    if current.version != expected_version:
        raise ReportConflict(current)
    for name, value in content.fields.items():
        setattr(current, name, value)
    if submit:
        _mark_submitted(current, user)  # one save (see create_report)
    current.version = F("version") + 1
    current.save()
    # Only the version is not known here; refreshing every field would drop the action and
    # ministry read above, and read them again for the notification.
    current.refresh_from_db(fields=["version"])
    _store_content(current, content, user)
    if submit:
        _record_submission(current, user)
    return current


def _store_content(report: ProgressUpdate, content: ReportContent, user) -> None:
    for indicator, (value, measured_on) in content.indicator_values.items():
        if value is None:
            IndicatorValue.objects.filter(report=report, indicator=indicator).delete()
            continue
        IndicatorValue.objects.update_or_create(
            report=report,
            indicator=indicator,
            defaults={"value": value, "measured_on": measured_on},
        )
    store_documents(Evidence, content.evidence, user=user, report=report)


def _locked_for_owner(report: ProgressUpdate, user) -> ProgressUpdate:
    """The report's row, locked, with its action and ministry (for the notification), once
    the user is found to be one who may change it."""
    figures.lock()  # before the report's row lock: see strategy/figures.py
    current = (
        ProgressUpdate.objects.select_for_update(of=("self",))
        .select_related("action", "ministry")
        .get(pk=report.pk)
    )
    if not access.can(user, access.CHANGE, current):
        raise PermissionDenied
    return current


@transaction.atomic
def submit_report(*, user, report: ProgressUpdate, expected_version: int) -> ProgressUpdate:
    """Submit a saved draft (or returned report) as it stands, unless it was saved again
    since the user read it."""
    current = _locked_for_owner(report, user)
    if not current.is_editable:
        raise ReportNotEditable
    if current.version != expected_version:
        raise ReportConflict(current)
    if not current.narrative.strip():
        raise ReportIncomplete
    _submit(current, user)
    return current


@transaction.atomic
def withdraw_report(*, user, report: ProgressUpdate) -> ProgressUpdate:
    """A submitted report the secretariat has not reviewed yet goes back to its ministry as
    a draft: it leaves the validation queue, counts as not sent for its period again (the
    figures follow the report's save), and its history keeps who withdrew it and when. Only
    someone acting for the report's ministry withdraws it; the secretariat returns it."""
    current = _locked_for_owner(report, user)
    if current.ministry_id not in access.ministry_ids(user):
        raise PermissionDenied
    if not current.is_withdrawable:
        raise ReportNotWithdrawable
    now = timezone.now()
    # Who submitted it, and when, stays in its history; as a draft it is not submitted.
    current.state, current.submitted_by, current.submitted_at = ReportState.DRAFT, None, None
    current.version = F("version") + 1
    current.save()
    current.refresh_from_db(fields=["version"])  # keeps the action and ministry read above
    ReportEvent.objects.create(report=current, kind=ReportEventKind.WITHDRAWN, actor=user, at=now)
    return current


@transaction.atomic
def remove_evidence(*, user, evidence: Evidence) -> None:
    """Remove a file from a draft or returned report; the stored file goes once the
    removal is committed (a rollback keeps both)."""
    report = _locked_for_owner(evidence.report, user)
    if not report.is_editable:
        raise ReportNotEditable
    file = evidence.file
    name, storage = file.name, file.storage
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))


def _submit(report: ProgressUpdate, user) -> None:
    _mark_submitted(report, user)
    report.save(update_fields=["state", "submitted_by", "submitted_at", "updated_at"])
    _record_submission(report, user)


def _mark_submitted(report: ProgressUpdate, user) -> None:
    """The report's state as submitted by ``user`` now, to be saved by the caller."""
    report.state, report.submitted_by = ReportState.SUBMITTED, user
    report.submitted_at = timezone.now()


def _record_submission(report: ProgressUpdate, user) -> None:
    """A saved submission's event in the report's history, and the secretariat told."""
    ReportEvent.objects.create(
        report=report, kind=ReportEventKind.SUBMITTED, actor=user, at=report.submitted_at
    )
    notify(
        recipients=secretariat_members(),
        kind=notification_kinds.REPORT_SUBMITTED,
        params=_params(report),
        url=report_url(report),
    )


def _review(
    report: ProgressUpdate,
    user,
    *,
    expected: tuple,
    state: str,
    kind: str,
    comment: str,
    expected_version: int | None,
    notification: str,
) -> ProgressUpdate:
    """One review step: state, who and when, the event, the action's figures, and a
    notification to the report's ministry, in the caller's transaction."""
    if not access.manages_everything(user):
        raise PermissionDenied
    figures.lock()  # before the report's row lock: see strategy/figures.py
    # The report and its action are locked; its ministry, read for the notification, is not.
    current = (
        ProgressUpdate.objects.select_for_update(of=("self", "action"))
        .select_related("action", "ministry")
        .get(pk=report.pk)
    )
    if current.state not in expected:
        raise ReportNotEditable
    if expected_version is not None and current.version != expected_version:
        # The reviewer read an older text than the one now submitted.
        raise ReportConflict(current)
    now = timezone.now()
    current.state = state
    current.reviewed_by, current.reviewed_at = user, now
    if comment:
        current.review_comment = comment
    current.version = F("version") + 1
    current.save()
    current.refresh_from_db(fields=["version"])  # keeps the action and ministry read above
    ReportEvent.objects.create(report=current, kind=kind, actor=user, at=now, comment=comment)
    follow_latest_validated(current.action, reset_if_none=kind == ReportEventKind.REOPENED)
    notify(
        recipients=focal_points_of(current.ministry),
        kind=notification,
        params=_params(current, comment=comment),
        url=report_url(current),
    )
    return current


@transaction.atomic
def validate_report(
    *, user, report: ProgressUpdate, comment: str = "", expected_version: int | None = None
) -> ProgressUpdate:
    report = _review(
        report,
        user,
        expected=(ReportState.SUBMITTED,),
        state=ReportState.VALIDATED,
        kind=ReportEventKind.VALIDATED,
        notification=notification_kinds.REPORT_VALIDATED,
        comment=comment,
        expected_version=expected_version,
    )
    return report


@transaction.atomic
def return_report(
    *, user, report: ProgressUpdate, comment: str, expected_version: int | None = None
) -> ProgressUpdate:
    report = _review(
        report,
        user,
        expected=(ReportState.SUBMITTED,),
        state=ReportState.RETURNED,
        kind=ReportEventKind.RETURNED,
        notification=notification_kinds.REPORT_RETURNED,
        comment=comment,
        expected_version=expected_version,
    )
    return report


@transaction.atomic
def reopen_report(
    *, user, report: ProgressUpdate, reason: str, expected_version: int | None = None
) -> ProgressUpdate:
    """A validated report goes back to its ministry as returned, with the reason kept."""
    report = _review(
        report,
        user,
        expected=(ReportState.VALIDATED,),
        state=ReportState.RETURNED,
        kind=ReportEventKind.REOPENED,
        notification=notification_kinds.REPORT_REOPENED,
        comment=reason,
        expected_version=expected_version,
    )
    return report


def follow_latest_validated(action: PriorityAction, *, reset_if_none: bool = False) -> None:
    """The action's status and percent follow its lead ministry's latest validated report,
    unless a status was set on it by hand after that report's period (the rule of each
    period's picture, strategy/figures.py: a late validation of an earlier period does not
    undo a later status set by hand). With ``reset_if_none`` (a reopened report was the last
    validated one), an action left with neither goes back to not started."""
    latest = (
        ProgressUpdate.objects.filter(
            action=action, ministry_id=action.lead_ministry_id, state=ReportState.VALIDATED
        )
        .order_by("-period_start")
        .first()
    )
    by_hand = action.status_changes.order_by("-set_on", "-pk").first()
    if by_hand is not None and (latest is None or by_hand.set_on > latest.period_end):
        values = (by_hand.status, by_hand.percent_complete)
    elif latest is not None:
        values = (latest.status, latest.percent_complete)
    elif reset_if_none:
        values = (ActionStatus.NOT_STARTED, 0)
    else:
        return
    if (action.status, action.percent_complete) != values:
        action.status, action.percent_complete = values
        action.save(update_fields=["status", "percent_complete", "updated_at"])


HAND_SET_FIELDS = frozenset({"status", "percent_complete"})


def record_status_set_by_hand(action: PriorityAction, user, changed_fields) -> None:
    """Keep the status and percent just saved on the action by hand (the action's form, the
    admin), dated today: from today they count in every period's picture until a report of
    a later period is validated (strategy/figures.py). Saving other fields keeps nothing."""
    if HAND_SET_FIELDS.isdisjoint(changed_fields):
        return
    ActionStatusChange.objects.create(
        action=action,
        status=action.status,
        percent_complete=action.percent_complete,
        set_on=timezone.localdate(),
        set_by=user,
    )


def current_period(action: PriorityAction, today: datetime.date | None = None):
    return action.pillar.strategy.period_containing(today or timezone.localdate())


def reporting_ministries(user, action: PriorityAction):
    """The ministries on whose behalf ``user`` may report on ``action``: their own among its
    lead and supporting ministries (every one of them, for the secretariat)."""
    from coordination.models import Ministry

    return Ministry.objects.filter(pk__in=reporting_ministry_ids(user, action)).order_by("code")


def reporting_ministry_ids(user, action: PriorityAction, *, supporting_ids=None) -> set[int]:
    """The ids of ``reporting_ministries``; ``supporting_ids``: the action's supporting
    ministries when the caller has read them already (the action page shows them)."""
    if supporting_ids is None:
        supporting_ids = action.supporting_ministries.values_list("pk", flat=True)
    on_action = {action.lead_ministry_id, *supporting_ids}
    if access.manages_everything(user):
        return on_action
    if access.can_add(user, ProgressUpdate):
        return on_action & access.ministry_ids(user)
    return set()


def _name(user) -> str:
    return user.get_full_name() or user.username


@transaction.atomic
def ask_to_report(*, by, ministry, period, action: PriorityAction | None = None) -> ReportRequest:
    """The secretariat asks ``ministry`` to report for ``period`` (first day, last day): on
    ``action``, or on every action it owes a report on then. Its focal points are notified
    (and e-mailed once this commits); the request is kept."""
    if not access.manages_everything(by):
        raise PermissionDenied("Only the secretariat asks a ministry to report.")
    start, end = period
    params = {"asked_by": _name(by), "ministry": ministry.code, "period": period_name(start, end)}
    if action is not None:
        kind = notification_kinds.REPORT_REQUESTED
        params["action"] = f"{action.code} {action.title}"
        url = reverse("strategy:action_detail", args=[action.pk])
    else:
        duties = ReportingDuty.objects.filter(ministry=ministry, period_start=start)
        kind = notification_kinds.REPORTS_REQUESTED
        params["due"] = duties.count()
        params["received"] = duties.filter(sent=True).count()
        url = reverse("home")
    recipients = focal_points_of(ministry)
    notify(recipients=recipients, kind=kind, params=params, url=url)
    return ReportRequest.objects.create(
        ministry=ministry,
        action=action,
        period_start=start,
        period_end=end,
        asked_by=by,
        notified=len(recipients),
    )


@transaction.atomic
def comment_on_report(*, by, report: ProgressUpdate, text: str) -> ReportComment:
    """Add a comment to a report and tell the other side: the report's ministry when the
    secretariat writes, the secretariat when the ministry does."""
    comment = ReportComment.objects.create(report=report, author=by, text=text)
    # Checked on the saved comment, as every other record: rolled back if outside the
    # writer's scope.
    if not ReportComment.objects.restrict(by, access.ADD).filter(pk=comment.pk).exists():
        raise PermissionDenied("Only the secretariat and the report's ministry comment on it.")
    if access.manages_everything(by):
        recipients = focal_points_of(report.ministry)
    else:
        recipients = secretariat_members()
    notify(
        recipients=[user for user in recipients if user.pk != by.pk],
        kind=notification_kinds.REPORT_COMMENTED,
        params=_params(report, author=_name(by)),
        url=f"{report_url(report)}#comments",
    )
    return comment
