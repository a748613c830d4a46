"""The demo describes what happened up to today, in the language each person writes: no
report, review, attendance or follow-up dated after today (meetings and reporting periods
ahead are fine); Arabic-speaking focal points write Arabic narratives; indicators are named
in Kurdish too."""

import datetime
import io
import re
import types

import pytest
from django.core.management import call_command
from django.utils import timezone

from demo import seeding
from meetings.models import FollowUpUpdate, Invitation, Meeting, MeetingStatus
from strategy.models import Indicator, ProgressUpdate, ReportEvent, ReportState

pytestmark = pytest.mark.django_db

ARABIC = re.compile("[\u0600-\u06ff]")


def seed():
    call_command("seed_demo", "--password", "demo-pass-2026", stdout=io.StringIO())


def moments_after(now):
    """Every recorded moment of the demo's history that lies after ``now``."""
    late = []
    for report in ProgressUpdate.objects.all():
        for field in ("created_at", "submitted_at", "reviewed_at"):
            value = getattr(report, field)
            if value is not None and value > now:
                late.append((report, field, value))
    late += [(e, "at", e.at) for e in ReportEvent.objects.filter(at__gt=now)]
    late += [
        (u, "updated_at", u.updated_at) for u in FollowUpUpdate.objects.filter(updated_at__gt=now)
    ]
    late += [
        (m, "published_at", m.published_at) for m in Meeting.objects.filter(published_at__gt=now)
    ]
    late += [
        (m, "held", m.start)
        for m in Meeting.objects.filter(status=MeetingStatus.HELD, start__gt=now)
    ]
    late += [
        (i, "attended", i.meeting.start)
        for i in Invitation.objects.filter(attended=True, meeting__start__gt=now)
    ]
    late += [
        (m, "decided", m.start)
        for m in Meeting.objects.filter(start__gt=now, decisions__isnull=False)
    ]
    return late


def test_nothing_in_the_demo_happened_after_today():
    seed()
    now = timezone.now()
    assert ProgressUpdate.objects.exclude(state=ReportState.DRAFT).exists()
    assert FollowUpUpdate.objects.exists()
    assert moments_after(now) == []


def test_a_demo_loaded_just_after_a_period_closed_reports_it_no_later_than_that_day(
    monkeypatch,
):
    # Three days after the third quarter closed and before the October meetings: the texts'
    # usual dates (reports ten days after the quarter, reviews five days later, meetings held
    # on 21 October) all lie ahead.
    now = timezone.make_aware(datetime.datetime(2026, 10, 3, 12, 0))
    clock = types.SimpleNamespace(
        now=lambda: now,
        localdate=lambda: timezone.localtime(now).date(),
        make_aware=timezone.make_aware,
    )
    monkeypatch.setattr(seeding, "timezone", clock)
    seed()
    assert moments_after(now) == []
    third_quarter = ProgressUpdate.objects.filter(period_end=datetime.date(2026, 9, 30))
    assert third_quarter.exclude(state=ReportState.DRAFT).exists()
    assert Meeting.objects.get(start__date=datetime.date(2026, 10, 21)).status == (
        MeetingStatus.PLANNED
    )


@pytest.mark.parametrize(
    ("days_after", "state", "expected"),
    [
        (0, ReportState.VALIDATED, ReportState.DRAFT),  # the period closes today
        (1, ReportState.VALIDATED, ReportState.VALIDATED),  # sent at 10:00, reviewed by noon
        (2, ReportState.RETURNED, ReportState.RETURNED),
        (30, ReportState.VALIDATED, ReportState.VALIDATED),
        (1, ReportState.SUBMITTED, ReportState.SUBMITTED),
    ],
)
def test_a_report_the_calendar_leaves_no_time_for_is_less_advanced(days_after, state, expected):
    end = datetime.date(2026, 9, 30)
    now = timezone.make_aware(datetime.datetime(2026, 9, 30, 12)) + datetime.timedelta(
        days=days_after
    )
    got, submitted, review = seeding.report_timing(end, state, now)
    assert got == expected
    if got != ReportState.DRAFT:
        assert submitted.date() > end and submitted <= now
    if got in seeding.REVIEWED:
        assert submitted + review <= now


def test_arabic_speaking_focal_points_write_arabic_narratives():
    seed()
    reports = list(ProgressUpdate.objects.select_related("created_by"))
    assert reports
    for report in reports:
        assert report.created_by.language == "ar"
        assert ARABIC.search(report.narrative), report.narrative


def test_indicators_and_units_are_named_in_kurdish():
    seed()
    indicators = list(Indicator.objects.all())
    assert indicators
    for indicator in indicators:
        assert indicator.name_ckb and indicator.unit_ckb
        assert ARABIC.search(indicator.name_ckb)  # the Arabic script Sorani is written in
        assert indicator.name_ckb not in (indicator.name_ar, indicator.name_en)
