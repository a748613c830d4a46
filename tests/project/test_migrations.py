import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from meetings.models import MeetingPaper
from reporting.models import QuarterlyReport
from tests import factories


@pytest.mark.django_db
def test_models_and_migrations_agree():
    output = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=output)
    assert "No changes detected" in output.getvalue()


BEFORE_GENERATED_DOCUMENTS = [
    ("reporting", "0001_initial"),
    ("meetings", "0002_agenda_item_follows_decision"),
]


@pytest.mark.django_db(transaction=True)
def test_generated_documents_keep_their_rows_states_and_request_times():
    asked_at = datetime.datetime(2026, 10, 1, 9, 30, tzinfo=datetime.UTC)
    user, meeting = factories.UserFactory(), factories.MeetingFactory()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_GENERATED_DOCUMENTS)
    try:  # rows written under the old schema, then migrated forward to the newest
        old = executor.loader.project_state(BEFORE_GENERATED_DOCUMENTS).apps
        report = old.get_model("reporting", "QuarterlyReport").objects.create(
            period_start=datetime.date(2026, 7, 1),
            period_end=datetime.date(2026, 9, 30),
            kind="pdf",
            language="ar",
            state="failed",
            error="No fonts",
            requested_by_id=user.pk,
        )
        paper = old.get_model("meetings", "MeetingPaper").objects.create(
            meeting_id=meeting.pk, kind="agenda", language="en", state="ready", file="documents/x"
        )
        for row in (report, paper):
            type(row).objects.filter(pk=row.pk).update(created_at=asked_at)
    finally:
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    report = QuarterlyReport.objects.get(pk=report.pk)
    assert (report.state, report.error, report.requested_by) == ("failed", "No fonts", user)
    assert report.requested_at == asked_at and report.seconds is None
    paper = MeetingPaper.objects.get(pk=paper.pk)
    assert (paper.state, paper.file.name, paper.requested_by) == ("ready", "documents/x", None)
    assert paper.requested_at == asked_at and paper.seconds is None
