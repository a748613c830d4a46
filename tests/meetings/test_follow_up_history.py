"""A follow-up's history: every write of a follow-up leaves an entry (who, when, status,
note), read back as the status it had at a past moment and on the follow-up's page."""

import datetime
import random

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from demo.records import follow_up_history
from meetings.models import FollowUp, FollowUpStatus, FollowUpUpdate
from meetings.services.decisions import (
    decision_status_from,
    follow_up_statuses_as_of,
    record_decision,
    update_follow_up,
)
from tests import factories

pytestmark = pytest.mark.django_db

BAGHDAD = datetime.timezone(datetime.timedelta(hours=3))


def at(day: int, hour: int = 12) -> datetime.datetime:
    return datetime.datetime(2026, 9, day, hour, tzinfo=BAGHDAD)


@pytest.fixture
def shared_decision(story, meeting_momd, momd, moi):
    """A decision of MoMD and MoI, recorded by the secretariat as the portal records one."""
    return record_decision(
        user=story["secretariat"],
        agenda_item=factories.AgendaItemFactory(meeting=meeting_momd),
        responsible=[momd, moi],
        text_ar="قرار",
        text_en="Open returnee desks",
    )


def entries(follow_up):
    return list(
        follow_up.updates.order_by("updated_at", "pk").values_list(
            "status", "note", "updated_by__username", "updated_at"
        )
    )


def test_recording_a_decision_starts_each_follow_up_pending_by_whoever_recorded_it(
    shared_decision,
):
    for follow_up in shared_decision.follow_ups.all():
        assert entries(follow_up) == [("pending", "", "secretariat", follow_up.updated_at)]


def test_an_update_records_who_when_the_status_and_the_note(client, story, shared_decision, momd):
    follow_up = shared_decision.follow_ups.get(ministry=momd)
    client.force_login(story["fp_momd"])
    before = timezone.now()
    response = client.post(
        reverse("meetings:follow_up", args=[follow_up.pk]),
        {"status": "blocked", "note": "Waiting for the budget."},
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    created, updated = entries(follow_up)
    assert created[:3] == ("pending", "", "secretariat")
    assert updated == ("blocked", "Waiting for the budget.", "mona", follow_up.updated_at)
    assert before <= follow_up.updated_at <= timezone.now()


def test_every_update_is_kept_and_the_follow_up_reads_as_the_latest(story, shared_decision, momd):
    follow_up = shared_decision.follow_ups.get(ministry=momd)
    for status, note in (("in_progress", "Desks ordered."), ("done", "Desks open.")):
        update_follow_up(user=story["fp_momd"], follow_up=follow_up, status=status, note=note)
    follow_up.refresh_from_db()
    history = entries(follow_up)
    assert [entry[:3] for entry in history] == [
        ("pending", "", "secretariat"),
        ("in_progress", "Desks ordered.", "mona"),
        ("done", "Desks open.", "mona"),
    ]
    latest = (follow_up.status, follow_up.note, follow_up.updated_by.username, follow_up.updated_at)
    assert history[-1] == latest


def test_a_refused_update_records_nothing(client, story, shared_decision, momd):
    follow_up = shared_decision.follow_ups.get(ministry=momd)
    url = reverse("meetings:follow_up", args=[follow_up.pk])
    client.force_login(story["fp_momd"])
    # Blocked without saying why: the form refuses it.
    response = client.post(url, {"status": "blocked", "note": ""})
    assert "Say what blocks it" in response.content.decode()
    client.force_login(story["steering"])
    assert client.post(url, {"status": "done", "note": "Read-only"}).status_code == 403
    client.force_login(story["fp_moi"])
    assert client.post(url, {"status": "done", "note": "Not ours"}).status_code == 404
    assert [entry[0] for entry in entries(follow_up)] == ["pending"]


@pytest.fixture
def dated_follow_ups(decision_momd, decision_moi, momd, moi):
    """MoMD's follow-up: pending on 1 September, in progress on the 10th, done on the 20th.
    MoI's has no entry at all."""
    momd_follow_up = FollowUp.objects.create(decision=decision_momd, ministry=momd)
    moi_follow_up = FollowUp.objects.create(decision=decision_moi, ministry=moi)
    for day, status in ((1, "pending"), (10, "in_progress"), (20, "done")):
        FollowUpUpdate.objects.create(follow_up=momd_follow_up, status=status, updated_at=at(day))
    return momd_follow_up, moi_follow_up


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(1, hour=11), "pending"),
        (at(10, hour=11), "pending"),
        (at(10), "in_progress"),
        (at(19, hour=23), "in_progress"),
        (at(20), "done"),
        (at(30), "done"),
    ],
)
def test_the_status_as_of_a_moment_is_that_of_the_latest_entry_by_then(
    dated_follow_ups, moment, expected
):
    momd_follow_up, _ = dated_follow_ups
    assert follow_up_statuses_as_of([momd_follow_up.pk], moment) == {momd_follow_up.pk: expected}


def test_statuses_as_of_a_moment_take_one_query_and_say_pending_without_an_entry(
    dated_follow_ups, django_assert_num_queries
):
    momd_follow_up, moi_follow_up = dated_follow_ups
    with django_assert_num_queries(1):
        statuses = follow_up_statuses_as_of([momd_follow_up.pk, moi_follow_up.pk], at(15))
    assert statuses == {
        momd_follow_up.pk: FollowUpStatus.IN_PROGRESS,
        moi_follow_up.pk: FollowUpStatus.PENDING,
    }
    # A decision is open at a moment unless every follow-up was done by then.
    later = follow_up_statuses_as_of([momd_follow_up.pk, moi_follow_up.pk], at(30))
    assert decision_status_from(list(later.values())) == FollowUpStatus.IN_PROGRESS


def test_of_two_entries_at_the_same_moment_the_later_written_counts(dated_follow_ups):
    momd_follow_up, _ = dated_follow_ups
    FollowUpUpdate.objects.create(follow_up=momd_follow_up, status="blocked", updated_at=at(20))
    assert follow_up_statuses_as_of([momd_follow_up.pk], at(20)) == {momd_follow_up.pk: "blocked"}


def test_the_follow_ups_page_lists_its_history_newest_first_in_a_constant_number_of_queries(
    client, story, shared_decision, momd
):
    follow_up = shared_decision.follow_ups.get(ministry=momd)
    update_follow_up(
        user=story["fp_momd"], follow_up=follow_up, status="in_progress", note="Desks ordered."
    )
    url = reverse("meetings:follow_up", args=[follow_up.pk])
    client.force_login(story["fp_momd"])
    client.get(url)  # What a first page reads once (and caches) is not counted.
    with CaptureQueriesContext(connection) as two_entries:
        client.get(url)
    update_follow_up(user=story["fp_momd"], follow_up=follow_up, status="done", note="All open.")
    with CaptureQueriesContext(connection) as three_entries:
        client.get(url)
    assert len(three_entries) == len(two_entries)
    for reader in ("fp_momd", "steering", "secretariat"):
        client.force_login(story[reader])
        response = client.get(url)
        assert [update.status for update in response.context["history"]] == [
            "done",
            "in_progress",
            "pending",
        ]
        page = response.content.decode()
        history = page[page.index('id="history-heading"') :]
        assert history.index("All open.") < history.index("Desks ordered.")
        assert "mona" in history and "secretariat" in history


def test_another_ministrys_focal_point_never_sees_the_history(client, story, shared_decision, momd):
    follow_up = shared_decision.follow_ups.get(ministry=momd)
    update_follow_up(user=story["fp_momd"], follow_up=follow_up, status="done", note="MoMD note")
    client.force_login(story["fp_moi"])
    assert client.get(reverse("meetings:follow_up", args=[follow_up.pk])).status_code == 404
    assert not FollowUpUpdate.objects.restrict(story["fp_moi"]).filter(follow_up=follow_up)
    assert not FollowUpUpdate.objects.restrict(story["fp_unassigned"]).exists()
    own = FollowUpUpdate.objects.restrict(story["fp_moi"])
    assert set(own.values_list("follow_up__ministry__code", flat=True)) == {"MoI"}
    assert (
        FollowUpUpdate.objects.restrict(story["steering"]).filter(follow_up=follow_up).count() == 2
    )


def test_matters_arising_say_when_each_follow_up_was_last_updated(
    client, story, shared_decision, meeting_momd, momd
):
    follow_up = shared_decision.follow_ups.get(ministry=momd)
    FollowUp.objects.filter(pk=follow_up.pk).update(updated_at=at(14, hour=1))
    later = factories.MeetingFactory(
        body=meeting_momd.body,
        invited_ministries=[momd],
        start=meeting_momd.start + datetime.timedelta(days=90),
    )
    client.force_login(story["secretariat"])
    page = client.get(reverse("meetings:meeting_detail", args=[later.pk])).content.decode()
    # 01:00 on 14 September in Baghdad, still the 13th in UTC: the date is Baghdad's.
    written = date_format(datetime.date(2026, 9, 14), "SHORT_DATE_FORMAT")
    assert f'Pending<div class="small text-body-secondary">updated {written}</div>' in page


def test_the_demo_history_ends_in_the_follow_ups_status_after_the_decision(decision_momd, momd):
    follow_up = FollowUp.objects.create(decision=decision_momd, ministry=momd, status="done")
    history = follow_up_history(
        follow_up,
        rng=random.Random(1),  # noqa: S311 - demo data
        decided_at=at(1),
        until=at(30),
        recorded_by=None,
        updated_by=None,
    )
    assert [entry.status for entry in history] == ["pending", "in_progress", "done"]
    moments = [entry.updated_at for entry in history]
    assert moments == sorted(moments) and at(1) == moments[0] and moments[-1] <= at(30)


BEFORE_HISTORY = [("meetings", "0006_meeting_page_indexes")]
HISTORY_TABLE_ONLY = [("meetings", "0007_follow_up_history")]
SEEDED = [("meetings", "0008_follow_up_history_seeded")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_seeds_one_entry_per_follow_up_from_its_state_and_reverses():
    user, decision = factories.UserFactory(username="writer"), factories.DecisionFactory()
    other = factories.DecisionFactory(meeting=decision.meeting)
    ministries = [factories.MinistryFactory(), factories.MinistryFactory()]
    written_at = datetime.datetime(2026, 8, 3, 9, 15, tzinfo=datetime.UTC)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_HISTORY)
    try:
        old = executor.loader.project_state(BEFORE_HISTORY).apps.get_model("meetings", "FollowUp")
        old.objects.create(
            decision_id=decision.pk,
            ministry_id=ministries[0].pk,
            status="blocked",
            note="No budget",
            updated_by_id=user.pk,
        )
        old.objects.create(decision_id=other.pk, ministry_id=ministries[1].pk)
        old.objects.update(updated_at=written_at)
        executor.loader.build_graph()
        executor.migrate(SEEDED)
        seeded = executor.loader.project_state(SEEDED).apps.get_model("meetings", "FollowUpUpdate")
        assert sorted(
            seeded.objects.values_list(
                "follow_up__ministry", "status", "note", "updated_by", "updated_at"
            )
        ) == [
            (ministries[0].pk, "blocked", "No budget", user.pk, written_at),
            (ministries[1].pk, "pending", "", None, written_at),
        ]
        executor.loader.build_graph()
        executor.migrate(HISTORY_TABLE_ONLY)
        emptied = executor.loader.project_state(HISTORY_TABLE_ONLY).apps
        assert not emptied.get_model("meetings", "FollowUpUpdate").objects.exists()
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_saving_a_follow_up_unchanged_adds_nothing_to_its_history(
    client, story, shared_decision, momd
):
    follow_up = shared_decision.follow_ups.get(ministry=momd)
    client.force_login(story["fp_momd"])
    url = reverse("meetings:follow_up", args=[follow_up.pk])
    data = {"status": "in_progress", "note": "Drafting the circular"}
    client.post(url, data)
    assert len(entries(follow_up)) == 2
    response = client.post(url, data, follow=True)
    assert len(entries(follow_up)) == 2
    assert "Nothing changed" in response.content.decode()
