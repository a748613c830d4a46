"""Focal points report progress; the secretariat validates, returns or reopens."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from coordination.models import Notification
from strategy import notification_kinds
from strategy.models import (
    Evidence,
    IndicatorValue,
    PriorityAction,
    ProgressUpdate,
    ReportEventKind,
    ReportState,
)
from tests import factories
from tests.documents import PDF_BYTES, PNG_BYTES, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def period(action_momd):
    strategy = action_momd.pillar.strategy
    return strategy.period_containing(timezone.localdate())


@pytest.fixture
def indicator(action_momd):
    return factories.IndicatorFactory(action=action_momd, name_en="Governorates connected")


def report_data(period, ministry, **changes):
    data = {
        "period": period[0].isoformat(),
        "ministry": ministry.pk,
        "status": "on_track",
        "percent_complete": "40",
        "narrative": "Three governorates connected.",
        "challenges": "",
        "support_needed": "",
    }
    data.update(changes)
    return data


def create_url(action):
    return reverse("strategy:report_create", args=[action.pk])


def test_a_focal_point_saves_a_draft_then_comes_back_and_submits(
    client, story, momd, period, indicator, secretariat, django_capture_on_commit_callbacks
):
    secretariat.email = "secretariat@imag.example"
    secretariat.save()
    client.force_login(story["fp_momd"])
    action = story["action_momd"]
    response = client.post(
        create_url(action),
        report_data(period, momd, **{f"value_{indicator.pk}": "5", "save_draft": ""}),
    )
    report = ProgressUpdate.objects.get()
    assert response.status_code == 302
    assert (report.state, report.ministry, report.created_by) == (
        ReportState.DRAFT,
        momd,
        story["fp_momd"],
    )
    assert IndicatorValue.objects.get().value == Decimal("5")
    assert not Notification.objects.exists()

    edit = reverse("strategy:report_update", args=[report.pk])
    assert client.get(edit).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            edit,
            {
                **report_data(period, momd, narrative="Five connected."),
                "version": report.version,
                f"value_{indicator.pk}": "7",
                "submit_report": "",
                "confirm_submit": "on",
            },
        )
    report.refresh_from_db()
    assert (report.state, report.narrative, report.submitted_by) == (
        ReportState.SUBMITTED,
        "Five connected.",
        story["fp_momd"],
    )
    assert IndicatorValue.objects.get().value == Decimal("7")
    assert [e.kind for e in report.events.all()] == [ReportEventKind.SUBMITTED]
    notice = Notification.objects.get(recipient=secretariat)
    assert notice.kind == notification_kinds.REPORT_SUBMITTED
    assert [m.to for m in mail.outbox] == [["secretariat@imag.example"]]
    assert "submitted its report" in mail.outbox[0].body


def test_submitting_needs_a_narrative(client, story, momd, period):
    client.force_login(story["fp_momd"])
    response = client.post(
        create_url(story["action_momd"]),
        report_data(period, momd, narrative="", submit_report="", confirm_submit="on"),
    )
    assert "Write the narrative before you submit" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_second_report_for_the_same_period_points_at_the_first(client, story, momd, period):
    client.force_login(story["fp_momd"])
    client.post(create_url(story["action_momd"]), report_data(period, momd))
    first = ProgressUpdate.objects.get()
    response = client.post(
        create_url(story["action_momd"]), report_data(period, momd, narrative="Again"), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("strategy:report_detail", args=[first.pk])
    assert "already has a report on this action" in response.content.decode()
    assert ProgressUpdate.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"percent_complete": "150"}, "percent_complete", "between 0 and 100"),
        ({"percent_complete": "-5"}, "percent_complete", "greater than or equal to 0"),
        (
            {"status": "completed", "percent_complete": "60"},
            "percent_complete",
            "A completed action is 100% complete.",
        ),
        (
            {"status": "not_started", "percent_complete": "10"},
            "percent_complete",
            "An action not started is 0% complete.",
        ),
    ],
)
def test_impossible_figures_are_refused_and_nothing_is_saved(
    client, story, momd, period, changes, field, message
):
    client.force_login(story["fp_momd"])
    response = client.post(create_url(story["action_momd"]), report_data(period, momd, **changes))
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert "Three governorates connected." in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_an_indicator_date_outside_the_period_is_refused(client, story, momd, period, indicator):
    client.force_login(story["fp_momd"])
    outside = (period[0] - datetime.timedelta(days=1)).isoformat()
    response = client.post(
        create_url(story["action_momd"]),
        report_data(
            period, momd, **{f"value_{indicator.pk}": "5", f"measured_{indicator.pk}": outside}
        ),
    )
    assert "The date must fall within the reporting period" in response.content.decode()
    assert not ProgressUpdate.objects.exists()
    assert not IndicatorValue.objects.exists()


def test_evidence_is_stored_under_a_random_name_and_typed_by_content(client, story, momd, period):
    client.force_login(story["fp_momd"])
    client.post(
        create_url(story["action_momd"]),
        {
            **report_data(period, momd),
            "evidence": [upload("Minutes Q3.pdf", PDF_BYTES), upload("photo.jpg", PNG_BYTES)],
        },
    )
    files = {e.original_name: e for e in Evidence.objects.all()}
    assert files["Minutes Q3.pdf"].content_type == "application/pdf"
    assert files["photo.jpg"].content_type == "image/png"
    for evidence in files.values():
        assert "Minutes" not in evidence.file.name and "photo" not in evidence.file.name
        assert len(evidence.file.name.rsplit("/", 1)[-1]) == 32


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([upload("report.pdf", b"MZ\x90 not a pdf")], "is not a PDF, Word, Excel, JPEG or PNG"),
        ([upload("huge.pdf", PDF_BYTES + b" " * 4096)], "files may be at most"),
    ],
)
def test_a_refused_file_keeps_the_form_and_saves_nothing(
    client, story, momd, period, settings, files, message
):
    settings.UPLOAD_MAX_BYTES = 2048
    client.force_login(story["fp_momd"])
    response = client.post(
        create_url(story["action_momd"]),
        {**report_data(period, momd, narrative="Kept text"), "evidence": files},
    )
    page = response.content.decode()
    assert message in page
    assert "Kept text" in page
    assert not ProgressUpdate.objects.exists()
    assert not Evidence.objects.exists()


def test_evidence_downloads_only_for_those_who_see_the_report(client, story, momd, period):
    client.force_login(story["fp_momd"])
    client.post(
        create_url(story["action_momd"]),
        {**report_data(period, momd), "evidence": [upload("../../secret.pdf", PDF_BYTES)]},
    )
    url = reverse("strategy:evidence_download", args=[Evidence.objects.get().pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="secret.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES
    for role, status in (("fp_moi", 404), ("fp_unassigned", 404), ("steering", 200)):
        client.force_login(story[role])
        assert client.get(url).status_code == status


def test_a_report_on_another_ministrys_action_is_not_found(client, story, moi, period):
    client.force_login(story["fp_momd"])
    response = client.post(create_url(story["action_moi"]), report_data(period, moi))
    assert response.status_code == 404
    assert not ProgressUpdate.objects.exists()


def test_a_supporting_ministry_cannot_report_in_the_leads_name(client, story, moi, momd, period):
    client.force_login(story["fp_momd"])
    response = client.post(create_url(story["action_shared"]), report_data(period, moi))
    assert "Select a valid choice" in response.content.decode()
    assert not ProgressUpdate.objects.exists()
    client.post(create_url(story["action_shared"]), report_data(period, momd))
    assert ProgressUpdate.objects.get().ministry == momd


def test_a_supporting_ministry_never_sees_or_edits_the_leads_draft(client, story, moi, period):
    lead_draft = factories.ProgressUpdateFactory(
        action=story["action_shared"], ministry=moi, period_start=period[0], period_end=period[1]
    )
    client.force_login(story["fp_momd"])
    for name in ("strategy:report_detail", "strategy:report_update"):
        assert client.get(reverse(name, args=[lead_draft.pk])).status_code == 404
    page = client.get(reverse("strategy:action_detail", args=[story["action_shared"].pk]))
    assert lead_draft.narrative not in page.content.decode()


def test_the_steering_body_reads_reports_but_cannot_write_them(client, story, period):
    client.force_login(story["steering"])
    assert client.get(create_url(story["action_momd"])).status_code == 403
    report = factories.ProgressUpdateFactory(action=story["action_momd"])
    assert client.get(reverse("strategy:report_detail", args=[report.pk])).status_code == 200
    assert client.get(reverse("strategy:report_update", args=[report.pk])).status_code == 403


def submitted_report(story, **kwargs):
    return factories.ProgressUpdateFactory(
        action=story["action_momd"],
        state=ReportState.SUBMITTED,
        submitted_by=story["fp_momd"],
        submitted_at=timezone.now(),
        **kwargs,
    )


def review(client, report, decision, comment="", version=None):
    if version is None:
        version = ProgressUpdate.objects.get(pk=report.pk).version
    return client.post(
        reverse("strategy:report_review", args=[report.pk]),
        {"decision": decision, "comment": comment, "version": version},
    )


def test_the_queue_lists_submitted_reports_oldest_first_for_the_secretariat_only(
    client, story, moi
):
    now = timezone.now()
    newer = submitted_report(story)
    older = factories.ProgressUpdateFactory(
        action=story["action_moi"],
        ministry=moi,
        state=ReportState.SUBMITTED,
        submitted_at=now - datetime.timedelta(days=3),
    )
    factories.ProgressUpdateFactory(action=story["action_shared"], ministry=moi)  # a draft
    client.force_login(story["secretariat"])
    page = client.get(reverse("strategy:validation_queue")).context["page_obj"]
    assert list(page) == [older, newer]
    for role in ("steering", "fp_momd"):
        client.force_login(story[role])
        assert client.get(reverse("strategy:validation_queue")).status_code == 403


def test_validating_locks_the_report_and_moves_the_action(
    client, story, django_capture_on_commit_callbacks
):
    report = submitted_report(story, status="at_risk", percent_complete=35)
    client.force_login(story["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        review(client, report, "validate")
    report.refresh_from_db()
    action = PriorityAction.objects.get(pk=report.action_id)
    assert (report.state, report.reviewed_by) == (ReportState.VALIDATED, story["secretariat"])
    assert (action.status, action.percent_complete) == ("at_risk", 35)
    assert Notification.objects.get(recipient=story["fp_momd"]).kind == "report_validated"
    client.force_login(story["fp_momd"])
    edit = reverse("strategy:report_update", args=[report.pk])
    assert client.get(edit).status_code == 302
    client.post(
        edit,
        {
            "status": "completed",
            "percent_complete": "100",
            "narrative": "x",
            "version": report.version,
        },
    )
    report.refresh_from_db()
    assert report.status == "at_risk"


def test_a_return_needs_a_comment_that_the_focal_point_then_sees(client, story):
    report = submitted_report(story)
    client.force_login(story["secretariat"])
    response = review(client, report, "return", comment="  ")
    assert response.status_code == 400
    assert "Say why" in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    review(client, report, "return", comment="Attach the signed protocol.")
    client.force_login(story["fp_momd"])
    page = client.get(reverse("strategy:report_update", args=[report.pk])).content.decode()
    assert "Attach the signed protocol." in page
    report.refresh_from_db()
    client.post(
        reverse("strategy:report_update", args=[report.pk]),
        {
            "status": "on_track",
            "percent_complete": "45",
            "narrative": "Protocol attached.",
            "version": report.version,
            "submit_report": "",
            "confirm_submit": "on",
        },
    )
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert [e.kind for e in report.events.all()] == ["returned", "submitted"]


def test_the_secretariat_reopens_a_validated_report_with_a_reason_that_is_kept(client, story):
    report = submitted_report(story)
    client.force_login(story["secretariat"])
    review(client, report, "validate")
    assert review(client, report, "reopen").status_code == 400
    review(client, report, "reopen", comment="Figures corrected by MoP.")
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED
    event = report.events.get(kind=ReportEventKind.REOPENED)
    assert (event.comment, event.actor) == ("Figures corrected by MoP.", story["secretariat"])
    page = client.get(reverse("strategy:report_detail", args=[report.pk])).content.decode()
    assert "Figures corrected by MoP." in page


@pytest.mark.parametrize("role", ["fp_momd", "steering"])
def test_only_the_secretariat_reviews(client, story, role):
    report = submitted_report(story)
    client.force_login(story[role])
    assert review(client, report, "validate").status_code == 403
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_a_foreign_report_is_not_found_for_review(client, story, moi):
    report = factories.ProgressUpdateFactory(
        action=story["action_moi"], ministry=moi, state=ReportState.SUBMITTED
    )
    client.force_login(story["fp_momd"])
    assert review(client, report, "validate").status_code == 404


def test_a_second_editor_is_refused_and_shown_their_own_text(client, story, momd, period):
    report = factories.ProgressUpdateFactory(
        action=story["action_momd"], ministry=momd, period_start=period[0], period_end=period[1]
    )
    opened_version = report.version
    edit = reverse("strategy:report_update", args=[report.pk])
    client.force_login(story["fp_momd"])
    client.post(
        edit,
        {
            "status": "on_track",
            "percent_complete": "50",
            "narrative": "First editor's text",
            "version": opened_version,
        },
    )
    response = client.post(
        edit,
        {
            "status": "delayed",
            "percent_complete": "20",
            "narrative": "Second editor's text",
            "version": opened_version,
        },
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Your changes were not saved" in page
    assert "Second editor&#x27;s text" in page
    report.refresh_from_db()
    assert (report.narrative, report.version) == ("First editor's text", opened_version + 1)


def test_a_failing_mail_server_never_loses_the_report(
    client, story, momd, period, secretariat, monkeypatch, django_capture_on_commit_callbacks
):
    from coordination import notifications, tasks

    secretariat.email = "secretariat@imag.example"
    secretariat.save()

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(notifications, "send_mail", broken)
    client.force_login(story["fp_momd"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            create_url(story["action_momd"]),
            report_data(period, momd, submit_report="", confirm_submit="on"),
        )
    assert response.status_code == 302
    assert ProgressUpdate.objects.get().state == ReportState.SUBMITTED
    pending = Notification.objects.get(recipient=secretariat)
    assert pending.email_sent_at is None
    monkeypatch.undo()
    Notification.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=5))
    assert tasks.send_pending_notification_emails() == 1
    assert mail.outbox[-1].to == ["secretariat@imag.example"]
    assert tasks.send_pending_notification_emails() == 0


def test_the_audit_trail_shows_who_changed_what_to_those_who_see_the_action(
    client, story, momd, period
):
    client.force_login(story["fp_momd"])
    client.post(create_url(story["action_momd"]), report_data(period, momd, narrative="v1"))
    report = ProgressUpdate.objects.get()
    client.post(
        reverse("strategy:report_update", args=[report.pk]),
        {
            "status": "at_risk",
            "percent_complete": "30",
            "narrative": "v2",
            "version": report.version,
        },
    )
    client.force_login(story["secretariat"])
    client.post(
        reverse("strategy:action_update", args=[story["action_momd"].pk]),
        {
            "pillar": story["action_momd"].pillar_id,
            "code": "4.1",
            "title_ar": "إجراء",
            "title_en": "Renamed action",
            "lead_ministry": momd.pk,
            "start_date": "2026-01-01",
            "due_date": "2027-06-30",
            "status": "on_track",
            "priority": "high",
            "percent_complete": "10",
            "concerns_return": "on",
        },
    )
    response = client.get(reverse("strategy:action_detail", args=[story["action_momd"].pk]))
    trail = list(response.context["audit_trail"])
    actors = {entry.actor.username for entry in trail if entry.actor}
    assert actors == {"mona", "secretariat"}
    assert any("narrative" in entry.changes_dict for entry in trail)
    assert any(
        entry.changes_dict.get("title_en", [None, None])[1] == "Renamed action" for entry in trail
    )
    client.force_login(story["fp_moi"])
    assert (
        client.get(reverse("strategy:action_detail", args=[story["action_momd"].pk])).status_code
        == 404
    )


def test_the_action_list_flags_reports_due_and_filters_on_them(client, story, momd, period):
    factories.ProgressUpdateFactory(
        action=story["action_shared"],
        ministry=momd,
        period_start=period[0],
        period_end=period[1],
        state=ReportState.SUBMITTED,
    )
    client.force_login(story["fp_momd"])
    url = reverse("strategy:action_list")
    rows = {a["code"]: a for a in client.get(url).context["page_obj"]}
    assert rows["4.1"]["report_due"] and not rows["3.2"]["report_due"]
    assert rows["3.2"]["last_report_state"] == ReportState.SUBMITTED
    due = [a["code"] for a in client.get(url, {"due": "report_due"}).context["page_obj"]]
    assert due == ["4.1"]


def test_the_action_page_shows_the_latest_validated_indicator_value(
    client, story, momd, indicator, period
):
    older = factories.ProgressUpdateFactory(
        action=story["action_momd"],
        ministry=momd,
        state=ReportState.VALIDATED,
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2026, 6, 30),
    )
    newer = factories.ProgressUpdateFactory(
        action=story["action_momd"], ministry=momd, state=ReportState.VALIDATED
    )
    draft = factories.ProgressUpdateFactory(
        action=story["action_momd"],
        ministry=momd,
        period_start=period[0],
        period_end=period[1],
    )
    IndicatorValue.objects.create(report=older, indicator=indicator, value=3)
    IndicatorValue.objects.create(report=newer, indicator=indicator, value=6)
    IndicatorValue.objects.create(report=draft, indicator=indicator, value=999)
    client.force_login(story["steering"])
    response = client.get(reverse("strategy:action_detail", args=[story["action_momd"].pk]))
    assert response.context["indicators"][0].latest_value == Decimal("6")


def test_a_review_of_an_older_text_than_the_submitted_one_is_refused(client, story):
    report = submitted_report(story)
    opened = report.version
    ProgressUpdate.objects.filter(pk=report.pk).update(version=opened + 1, narrative="New")
    client.force_login(story["secretariat"])
    response = review(client, report, "validate", version=opened)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    page = client.get(response.url).content.decode()
    assert "changed after you opened it" in page


@pytest.mark.parametrize(
    ("state", "decision"),
    [
        (ReportState.DRAFT, "validate"),
        (ReportState.SUBMITTED, "reopen"),
        (ReportState.VALIDATED, "return"),
    ],
)
def test_a_crafted_review_in_the_wrong_state_changes_nothing(client, story, state, decision):
    report = factories.ProgressUpdateFactory(action=story["action_momd"], state=state)
    client.force_login(story["secretariat"])
    response = review(client, report, decision, comment="x")
    report.refresh_from_db()
    assert report.state == state
    assert "changed state meanwhile" in client.get(response.url).content.decode()


def test_validated_reports_are_read_by_every_ministry_on_the_action_drafts_are_not(
    client, story, moi, momd
):
    action = story["action_shared"]
    validated = factories.ProgressUpdateFactory(
        action=action, ministry=moi, state=ReportState.VALIDATED, narrative="Lead validated text"
    )
    draft = factories.ProgressUpdateFactory(
        action=action,
        ministry=moi,
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2026, 6, 30),
        narrative="Lead draft text",
    )
    client.force_login(story["fp_momd"])
    assert client.get(reverse("strategy:report_detail", args=[validated.pk])).status_code == 200
    assert client.get(reverse("strategy:report_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("strategy:report_update", args=[validated.pk])).status_code == 403
    page = client.get(reverse("strategy:action_detail", args=[action.pk])).content.decode()
    assert "Lead validated text" in page and "Lead draft text" not in page
    client.force_login(story["fp_unassigned"])
    assert client.get(reverse("strategy:report_detail", args=[validated.pk])).status_code == 404


def test_reopening_the_only_validated_report_resets_the_action(client, story):
    report = submitted_report(story, status="completed", percent_complete=100)
    client.force_login(story["secretariat"])
    review(client, report, "validate")
    action = PriorityAction.objects.get(pk=report.action_id)
    assert (action.status, action.percent_complete) == ("completed", 100)
    review(client, report, "reopen", comment="Completion not evidenced.")
    action.refresh_from_db()
    assert (action.status, action.percent_complete) == ("not_started", 0)


def test_a_failed_email_is_counted_and_the_outbox_gives_up_eventually(story, monkeypatch):
    from coordination import notifications, tasks

    story["secretariat"].email = "secretariat@imag.example"
    story["secretariat"].save()
    notice = Notification.objects.create(
        recipient=story["secretariat"], kind="report_submitted", params={}
    )
    Notification.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=5))

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(notifications, "send_mail", broken)
    for attempt in range(1, notifications.MAX_EMAIL_ATTEMPTS + 1):
        assert tasks.send_pending_notification_emails() == 0
        notice.refresh_from_db()
        assert notice.email_attempts == attempt
    assert notifications.pending_email_ids() == []


def test_submitting_is_in_the_audit_trail(client, story, momd, period):
    from auditlog.models import LogEntry

    client.force_login(story["fp_momd"])
    client.post(
        create_url(story["action_momd"]),
        report_data(period, momd, submit_report="", confirm_submit="on"),
    )
    report = ProgressUpdate.objects.get()
    # Written once, as submitted (not a draft and then its submission).
    (entry,) = LogEntry.objects.get_for_object(report)
    assert entry.action == LogEntry.Action.CREATE
    assert entry.changes_dict["state"][1] == "submitted"
    assert not any(name in entry.changes_dict for name in ("version", "updated_at"))


def test_finishing_a_draft_with_submit_is_one_change_in_the_audit_trail(
    client, story, momd, period
):
    from auditlog.models import LogEntry

    client.force_login(story["fp_momd"])
    client.post(create_url(story["action_momd"]), report_data(period, momd))
    report = ProgressUpdate.objects.get()
    assert report.state == ReportState.DRAFT
    client.post(
        reverse("strategy:report_update", args=[report.pk]),
        report_data(
            period,
            momd,
            narrative="Five governorates connected.",
            version=report.version,
            submit_report="",
            confirm_submit="on",
        ),
    )
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    entries = LogEntry.objects.get_for_object(report).order_by("pk")
    assert [entry.action for entry in entries] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
    ]
    assert entries[1].changes_dict["state"] == ["draft", "submitted"]
    assert "narrative" in entries[1].changes_dict
    assert report.events.filter(kind="submitted").count() == 1


def test_a_focal_point_granted_directly_is_notified_too(
    story, mofa, django_capture_on_commit_callbacks
):
    from guardian.shortcuts import assign_perm

    from coordination.notifications import focal_points_of

    person = story["fp_unassigned"]
    assign_perm("coordination.act_for_ministry", person, mofa)
    assert focal_points_of(mofa) == [person]
    mofa.is_active = False
    mofa.save()
    assert focal_points_of(mofa) == []


def test_the_form_proposes_the_overdue_period_first_and_names_the_ministry(
    client, story, momd, period
):
    client.force_login(story["fp_momd"])
    response = client.get(create_url(story["action_momd"]))
    form = response.context["form"]
    strategy = story["action_momd"].pillar.strategy
    previous = strategy.reportable_periods(story["action_momd"].start_date, timezone.localdate())[1]
    assert form.initial["period"] == previous[0].isoformat()
    page = response.content.decode()
    assert "Reporting for:" in page and momd.name_en in page
    days = (strategy.report_due_date(previous[1]) - previous[1]).days
    assert f"report is due {days} days after the period ends." in page


def test_opening_a_new_report_when_a_draft_exists_continues_the_draft(client, story, momd):
    strategy = story["action_momd"].pillar.strategy
    current, previous = strategy.reportable_periods(
        story["action_momd"].start_date, timezone.localdate()
    )[:2]
    factories.ProgressUpdateFactory(
        action=story["action_momd"],
        ministry=momd,
        period_start=previous[0],
        period_end=previous[1],
        state=ReportState.SUBMITTED,
    )
    draft = factories.ProgressUpdateFactory(
        action=story["action_momd"], ministry=momd, period_start=current[0], period_end=current[1]
    )
    client.force_login(story["fp_momd"])
    response = client.get(create_url(story["action_momd"]))
    assert response.url == reverse("strategy:report_update", args=[draft.pk])


def test_refused_uploads_say_that_the_other_files_must_be_attached_again(
    client, story, momd, period
):
    client.force_login(story["fp_momd"])
    response = client.post(
        create_url(story["action_momd"]),
        {
            **report_data(period, momd, percent_complete="150"),
            "evidence": [upload("good.pdf", PDF_BYTES)],
        },
    )
    assert "attach them again" in response.content.decode()


def test_a_request_larger_than_any_form_needs_is_refused_before_it_is_read(client, story, settings):
    settings.REQUEST_MAX_BYTES = 1000
    client.force_login(story["fp_momd"])
    response = client.post(create_url(story["action_momd"]), {"narrative": "x" * 2000})
    assert response.status_code == 413
    assert not ProgressUpdate.objects.exists()


def test_the_queue_costs_the_same_queries_for_3_and_40_reports(
    client, story, moi, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(count, first_month):
        for number in range(count):
            action = factories.PriorityActionFactory(
                code=f"9.{first_month}.{number}", lead_ministry=moi
            )
            factories.ProgressUpdateFactory(
                action=action,
                ministry=moi,
                state=ReportState.SUBMITTED,
                submitted_at=timezone.now(),
            )

    client.force_login(story["secretariat"])
    add(3, 1)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("strategy:validation_queue"))
    add(37, 2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("strategy:validation_queue"))
    assert response.context["paginator"].count == 40


def test_the_action_list_flags_an_overdue_report_with_constant_queries(
    client, story, momd, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(story["fp_momd"])
    url = reverse("strategy:action_list")
    with CaptureQueriesContext(connection) as small:
        rows = {a["code"]: a for a in client.get(url).context["page_obj"]}
    assert rows["4.1"]["report_overdue"]
    strategy = story["action_momd"].pillar.strategy
    overdue = strategy.last_overdue_period(timezone.localdate())
    for number in range(30):
        action = factories.PriorityActionFactory(code=f"8.{number}", lead_ministry=momd)
        factories.ProgressUpdateFactory(
            action=action,
            ministry=momd,
            period_start=overdue[0],
            period_end=overdue[1],
            state=ReportState.SUBMITTED,
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        rows = {a["code"]: a for a in client.get(url, {"page": 1}).context["page_obj"]}
    assert not rows["8.0"]["report_overdue"]
    filtered = client.get(url, {"due": "report_overdue"}).context["page_obj"]
    assert "8.0" not in [a["code"] for a in filtered] and "4.1" in [a["code"] for a in filtered]


def test_a_report_validated_by_a_colleague_while_the_queue_loads_is_left_out(client, story, moi):
    """The queue reads a page of ids, then those rows: a report decided in between must not
    break the page (seen under load with two secretariat users)."""
    from django.db import connection

    kept = submitted_report(story)
    decided = factories.ProgressUpdateFactory(
        action=story["action_moi"], ministry=moi, state=ReportState.SUBMITTED
    )
    client.force_login(story["secretariat"])
    state = {"ids_read": False}

    def colleague_validates_after_the_ids(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not state["ids_read"] and sql.startswith(
            'SELECT "strategy_progressupdate"."id" AS "pk"'
        ):
            state["ids_read"] = True
            ProgressUpdate.objects.filter(pk=decided.pk).update(state=ReportState.VALIDATED)
        return result

    with connection.execute_wrapper(colleague_validates_after_the_ids):
        response = client.get(reverse("strategy:validation_queue"))
    assert state["ids_read"]
    assert response.status_code == 200
    assert list(response.context["page_obj"].object_list) == [kept]


def test_a_partner_ministry_reads_a_validated_report_as_validated_never_its_history(
    client, story, moi, momd
):
    """Drafted, submitted, returned with a comment, rewritten, resubmitted and validated by
    the lead (MoI): the supporting ministry (MoMD) reads the final text and the validation
    stamp, never the earlier narrative, the return comment or the review events."""
    action = story["action_shared"]
    period = action.pillar.strategy.period_containing(timezone.localdate())
    client.force_login(story["fp_moi"])
    client.post(
        create_url(action),
        report_data(period, moi, narrative="First draft: desk closed", save_draft=""),
    )
    report = ProgressUpdate.objects.get()
    edit = reverse("strategy:report_update", args=[report.pk])
    report.refresh_from_db()
    client.post(
        edit,
        {
            **report_data(period, moi, narrative="First draft: desk closed"),
            "version": report.version,
            "submit_report": "",
            "confirm_submit": "on",
        },
    )
    client.force_login(story["secretariat"])
    review(client, report, "return", comment="Return comment: figures missing")
    client.force_login(story["fp_moi"])
    report.refresh_from_db()
    client.post(
        edit,
        {
            **report_data(period, moi, narrative="Final text: desk reopened"),
            "version": report.version,
            "submit_report": "",
            "confirm_submit": "on",
        },
    )
    client.force_login(story["secretariat"])
    review(client, report, "validate")
    report.refresh_from_db()
    assert report.state == ReportState.VALIDATED

    action_page = reverse("strategy:action_detail", args=[action.pk])
    report_page = reverse("strategy:report_detail", args=[report.pk])
    client.force_login(story["fp_momd"])
    seen = client.get(action_page).content.decode() + client.get(report_page).content.decode()
    assert "Final text: desk reopened" in seen
    assert "Validated by secretariat" in seen
    assert "First draft" not in seen and "Return comment" not in seen
    trail = client.get(action_page).context["audit_trail"]
    assert {entry.content_type.model for entry in trail} == {"priorityaction"}
    assert not client.get(report_page).context["events"]
    for reader in ("fp_moi", "secretariat", "steering"):
        client.force_login(story[reader])
        seen = client.get(action_page).content.decode() + client.get(report_page).content.decode()
        assert "First draft: desk closed" in seen and "Return comment: figures missing" in seen
