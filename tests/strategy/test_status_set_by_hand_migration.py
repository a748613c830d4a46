"""Migration 0010 keeps a status set by hand for every action whose status differs from its
lead ministry's latest validated report, dated by the audit log's last change of it."""

import datetime
import importlib

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.utils import timezone

from strategy.models import ActionStatusChange
from tests import factories

pytestmark = pytest.mark.django_db

migration = importlib.import_module("strategy.migrations.0010_status_set_by_hand")


def test_statuses_that_no_report_explains_are_kept_as_set_by_hand(story, momd):
    reported = story["action_momd"]
    factories.ProgressUpdateFactory(
        action=reported, ministry=momd, state="validated", status="at_risk", percent_complete=30
    )
    reported.status, reported.percent_complete = "at_risk", 30
    reported.save()
    closed = factories.PriorityActionFactory(code="9.1", lead_ministry=momd)
    closed.status, closed.percent_complete = "cancelled", 0
    closed.save()
    logged = timezone.make_aware(datetime.datetime(2026, 3, 2, 9))
    LogEntry.objects.filter(object_pk=str(closed.pk)).update(timestamp=logged)
    untouched = factories.PriorityActionFactory(code="9.2", lead_ministry=momd)
    untouched.status, untouched.percent_complete = "not_started", 0
    untouched.save()
    ActionStatusChange.objects.all().delete()

    migration.keep_statuses_set_by_hand(apps, None)

    kept = {change.action: change for change in ActionStatusChange.objects.all()}
    assert set(kept) == {closed}
    assert (kept[closed].status, kept[closed].set_on) == ("cancelled", datetime.date(2026, 3, 2))
