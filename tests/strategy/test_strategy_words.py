"""Words of the strategy that read two ways in English: "Return" the whole-of-route stage
and "Return" the secretariat's decision on a report; "%(days)s days" in Arabic's six
plural forms; an action's status and a report's state, both "الحالة" in Arabic."""

import pytest
from django.utils import translation

from coordination.models import Notification
from strategy import notification_kinds
from strategy.forms import ReviewForm
from strategy.models import PriorityAction, ProgressUpdate, RouteStage

pytestmark = pytest.mark.django_db


def test_return_the_stage_and_return_the_decision_are_translated_apart():
    decisions = dict(ReviewForm.base_fields["decision"].choices)
    with translation.override("ar"):
        assert str(RouteStage.RETURN.label) == "العودة"
        assert str(decisions[ReviewForm.RETURN]) == "إعادة إلى الوزارة"
    with translation.override("ckb"):
        assert str(RouteStage.RETURN.label) != str(decisions[ReviewForm.RETURN])


@pytest.mark.parametrize(
    ("days", "arabic"),
    [
        (1, "منذ يوم واحد."),
        (2, "منذ يومين."),
        (7, "منذ 7 أيام."),
        (14, "منذ 14 يومًا."),
        (100, "منذ 100 يوم."),
    ],
)
def test_a_reminder_counts_its_days_in_the_plural_form_of_the_number(story, days, arabic):
    notice = Notification(
        recipient=story["fp_momd"],
        kind=notification_kinds.REMINDER_DRAFT_STALE,
        params={"ministry": "MoMD", "action": "4.1", "period": "2026-07", "days": days},
    )
    with translation.override("ar"):
        assert notice.text.endswith(arabic)
    with translation.override("en"):
        assert notice.text.endswith("for 1 day." if days == 1 else f"for {days} days.")


def test_the_audit_trail_tells_an_actions_status_from_a_reports_state():
    with translation.override("ar"):
        labels = {
            str(PriorityAction.audit_labels["status"]),
            str(ProgressUpdate.audit_labels["status"]),
            str(ProgressUpdate.audit_labels["state"]),
        }
        assert labels == {"حالة الإجراء", "حالة التقرير"}
