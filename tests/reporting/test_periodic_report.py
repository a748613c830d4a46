"""The periodic report and its workbook are the picture of their period as it stood at its
end: later validations, follow-ups and decisions never rewrite a past period; a reopened
report of the period does, and the file made again says so; an unchanged one is kept."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from meetings.models import FollowUp
from meetings.services.decisions import update_follow_up
from reporting import period_picture, quarterly
from reporting.models import QuarterlyReport
from strategy.models import ActionStatusChange
from strategy.services import ReportContent, create_report, reopen_report, validate_report
from tests import factories

pytestmark = pytest.mark.django_db

Q3 = (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
Q4 = (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))


def validated(user, action, period, status, percent, narrative=""):
    fields = {
        "status": status,
        "percent_complete": percent,
        "narrative": narrative,
        "challenges": "",
        "support_needed": "",
    }
    report = create_report(
        user=user,
        action=action,
        ministry=action.lead_ministry,
        period=period,
        content=ReportContent(fields=fields, indicator_values={}, evidence=[]),
        submit=True,
    )
    return validate_report(user=user, report=report) or report


def made(user, period, kind, language="en"):
    report = QuarterlyReport.objects.create(
        requested_by=user,
        period_start=period[0],
        period_end=period[1],
        kind=kind,
        language=language,
    )
    quarterly.render(report.pk)
    report.refresh_from_db()
    assert report.state == "ready", report.error
    return report


def pdf_text(report) -> str:
    from pypdf import PdfReader

    with report.file.open("rb") as file:
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(file.read())).pages)


def workbook_actions(report) -> dict:
    with report.file.open("rb") as file:
        book = load_workbook(io.BytesIO(file.read()))
    return {row[0].value: [c.value for c in row] for row in book["Actions"].iter_rows(min_row=2)}


@pytest.fixture
def pdfs():
    from tests.meetings.test_meetings import pango_installed

    if not pango_installed():
        pytest.skip("PDFs need Pango: see README (CI has it)")


@pytest.fixture
def history(story, secretariat, momd):
    """Action 4.1 at risk at 65 % in Q3, 72 % in Q4; a decision of August whose MoMD
    follow-up was marked done today, after Q3's end."""
    action = story["action_momd"]
    action.start_date = datetime.date(2026, 1, 1)
    action.save()
    validated(secretariat, action, Q3, "at_risk", 65, "Recruitment stalled in Q3")
    validated(secretariat, action, Q4, "at_risk", 72, "Recruitment resumed in Q4")
    meeting = factories.MeetingFactory(
        start=datetime.datetime(2026, 8, 10, 10, tzinfo=datetime.UTC)
    )
    decision = factories.DecisionFactory(
        meeting=meeting, code="HCB/2026/Q3-OPEN", text_en="Open the returnee help desk"
    )
    follow_up = FollowUp.objects.create(decision=decision, ministry=momd)
    update_follow_up(user=story["fp_momd"], follow_up=follow_up, status="done", note="Opened")
    return {"action": action, "decision": decision}


def test_a_past_quarter_reads_as_it_stood_at_its_end(story, history, pdfs):
    steering = story["steering"]
    third = workbook_actions(made(steering, Q3, "xlsx"))["4.1"]
    fourth = workbook_actions(made(steering, Q4, "xlsx"))["4.1"]
    assert third[5] == 65 and fourth[5] == 72
    text = pdf_text(made(steering, Q3, "pdf"))
    assert "65%" in text and "72%" not in text
    assert "Recruitment stalled in Q3" in text
    # Done after Q3's end: still open in Q3's report, with its full text.
    assert "HCB/2026/Q3-OPEN" in text and "Open the returnee help desk" in text
    later = pdf_text(made(steering, Q4, "pdf"))
    assert "72%" in later and "HCB/2026/Q3-OPEN" not in later


def test_a_carried_forward_status_and_one_set_by_hand_count_from_their_day(story, history):
    action, steering = history["action"], story["steering"]
    first = (datetime.date(2027, 1, 1), datetime.date(2027, 3, 31))
    second = (datetime.date(2027, 4, 1), datetime.date(2027, 6, 30))
    ActionStatusChange.objects.create(
        action=action,
        status="completed",
        percent_complete=100,
        set_on=datetime.date(2027, 5, 2),
    )

    def of_action(period):
        return [r for r in period_picture.actions_in_period(steering, period) if r.pk == action.pk]

    rows = {p: of_action(p)[0] for p in (Q4, first, second)}
    assert [(r.status, r.percent) for r in rows.values()] == [
        ("at_risk", 72),
        ("at_risk", 72),
        ("completed", 100),
    ]
    assert rows[first].carried_from == Q4[0] and rows[second].set_on == datetime.date(2027, 5, 2)
    earlier = (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert of_action(earlier)[0].status == "not_reported"
    action.start_date = datetime.date(2026, 4, 1)
    action.save()
    assert of_action(earlier) == []


def test_a_reopened_report_makes_the_quarter_again_and_an_unchanged_one_is_kept(
    story, history, secretariat, pdfs
):
    steering = story["steering"]
    first = made(steering, Q3, "pdf")
    again = made(steering, Q3, "pdf")
    assert again.kept_from == first and again.content_hash == first.content_hash
    report = history["action"].progress_updates.get(period_start=Q3[0])
    reopen_report(user=secretariat, report=report, reason="Figures wrong")
    remade = made(steering, Q3, "pdf")
    assert remade.kept_from is None and remade.content_hash != first.content_hash
    assert remade.replaces == again.kept_from == first
    text = pdf_text(remade)
    assert "Regenerated" in text and "65%" not in text
    # Another reach (a focal point) never gets the steering body's file.
    assert made(story["fp_momd"], Q3, "pdf").kept_from is None


def test_the_dashboard_of_a_past_quarter_agrees_with_its_workbook(
    client, story, history, secretariat
):
    steering, moved = story["steering"], story["action_moi"]
    moved.start_date = datetime.date(2026, 1, 1)
    moved.save()
    validated(secretariat, moved, Q3, "delayed", 10)
    validated(secretariat, moved, Q4, "on_track", 40)  # today's status, not Q3's
    report = made(steering, Q3, "xlsx")
    with report.file.open("rb") as file:
        book = load_workbook(io.BytesIO(file.read()))
    client.force_login(steering)
    with translation.override("en"):
        context = client.get("/dashboard/", {"period": Q3[0].isoformat()}).context
        today = client.get("/dashboard/").context
        shown = {bar["label"]: bar["count"] for bar in context["bars"] if bar["count"]}
        now = {bar["label"]: bar["count"] for bar in today["bars"] if bar["count"]}
    summary = {row[0].value: row[1].value for row in book["Summary"].iter_rows(min_row=2)}
    assert shown == summary and shown["Delayed"] == 1 and "Delayed" not in now
    pillars = {
        row[0].value: [c.value for c in row[1:]] for row in book["By pillar"].iter_rows(min_row=2)
    }
    for row in context["pillar_rows"]:
        counts = {bar["status"]: bar["count"] for bar in row["bars"]}
        in_book = pillars[f"{row['pillar'].number}. {row['pillar'].title}"]
        assert [counts.get(status, 0) for status in quarterly.STATUS_ORDER] == in_book[:-1]
        assert row["total"] == in_book[-1]
    compliance = {
        row[0].value: (row[2].value, row[3].value)
        for row in book["Compliance"].iter_rows(min_row=2)
    }
    assert compliance == {
        r["ministry"].code: (r["due"], r["received"]) for r in context["compliance"]
    }
    assert context["as_of_period"] == "July – September 2026"


def test_the_arabic_pdf_keeps_its_text_and_a_focal_points_holds_only_their_ministry(
    story, history, secretariat, pdfs
):
    other = story["action_moi"]
    other.start_date = datetime.date(2026, 1, 1)
    other.title_ar = "تسهيل عودة النازحين"
    other.save()
    validated(secretariat, other, Q3, "delayed", 10, "Stalled in MoI")
    history["action"].title_ar = "مكاتب مساعدة العائدين"
    history["action"].save()
    steering = pdf_text(made(story["steering"], Q3, "pdf", language="ar"))
    assert "العائدين" in steering or "نيدئاعلا" in steering
    assert "النازحين" in steering or "نيحزانلا" in steering
    focal = pdf_text(made(story["fp_momd"], Q3, "pdf", language="ar"))
    assert "العائدين" in focal or "نيدئاعلا" in focal
    assert "النازحين" not in focal and "نيحزانلا" not in focal and "Stalled in MoI" not in focal


def test_a_kept_workbook_is_made_again_when_a_cell_it_shows_changes(
    client, story, history, secretariat
):
    steering = story["steering"]
    first = made(steering, Q3, "xlsx")
    assert made(steering, Q3, "xlsx").kept_from == first
    # An on-track report's narrative: in the workbook's Reports sheet, not in the PDF.
    calm = story["action_moi"]
    calm.start_date = datetime.date(2026, 1, 1)
    calm.save()
    validated(secretariat, calm, Q3, "on_track", 50, "All according to plan")
    again = made(steering, Q3, "xlsx")
    assert again.kept_from is None
    with again.file.open("rb") as file:
        book = load_workbook(io.BytesIO(file.read()))
    assert "All according to plan" in [row[6].value for row in book["Reports"].iter_rows()]
    # Its cover says what it is and which file it replaces; its date of issue is not part
    # of what it shows (the next request is given this file again).
    assert book.sheetnames[0] == "Report"
    cover = {row[0].value: row[1].value for row in book["Report"].iter_rows(min_row=2)}
    assert cover["Period"] == "July – September 2026"
    assert cover["Replaces the file issued on"].date() == first.requested_at.date()
    kept = made(steering, Q3, "xlsx")
    assert kept.kept_from == again
    client.force_login(steering)
    page = client.get(reverse("quarterly_report", args=[kept.pk])).content.decode()
    assert "Nothing it shows has changed since" in page


def test_a_decision_of_a_meeting_after_the_period_is_not_in_it(story, history, pdfs):
    meeting = factories.MeetingFactory(
        start=datetime.datetime(2026, 10, 5, 10, tzinfo=datetime.UTC)
    )
    factories.DecisionFactory(meeting=meeting, code="HCB/2026/LATER", text_en="Taken in Q4")
    text = pdf_text(made(story["steering"], Q3, "pdf"))
    assert "HCB/2026/Q3-OPEN" in text and "HCB/2026/LATER" not in text


def test_two_readers_of_everything_share_one_file(story, history, secretariat):
    first = made(story["steering"], Q3, "xlsx")
    assert made(secretariat, Q3, "xlsx").kept_from == first
    # Another language is another file.
    assert made(secretariat, Q3, "xlsx", language="ar").kept_from is None


def test_support_asked_in_a_report_waiting_for_review_is_in_the_period_and_drafts_are_not(
    story, secretariat, momd
):
    """What a ministry asked for counts once sent (as the dashboards list it); a draft is
    nobody's statement yet and stays out of the workbook's reports."""
    action = story["action_momd"]
    action.start_date = datetime.date(2026, 1, 1)
    action.save()
    fields = {
        "status": "delayed",
        "percent_complete": 10,
        "narrative": "Waiting for staff",
        "challenges": "",
        "support_needed": "Two interpreters from MoI",
    }
    create_report(
        user=secretariat,
        action=action,
        ministry=momd,
        period=Q3,
        content=ReportContent(fields=fields, indicator_values={}, evidence=[]),
        submit=True,
    )
    other = factories.PriorityActionFactory(
        code="4.2", lead_ministry=momd, start_date=datetime.date(2026, 1, 1)
    )
    create_report(
        user=secretariat,
        action=other,
        ministry=momd,
        period=Q3,
        content=ReportContent(
            fields={**fields, "narrative": "Draft words", "support_needed": ""},
            indicator_values={},
            evidence=[],
        ),
        submit=False,
    )
    report = QuarterlyReport(
        requested_by=secretariat, period_start=Q3[0], period_end=Q3[1], kind="xlsx"
    )
    with translation.override("en"):
        data = quarterly.report_data(report)
        sheets = {title: rows for title, _header, rows in quarterly.workbook_sheets(report, data)}
    asked = [item for item in data["other_attention"] if item["action"].pk == action.pk]
    assert asked and asked[0]["support"] == [f"{momd.code}: Two interpreters from MoI"]
    narratives = [row[6] for row in sheets["Reports"]]
    assert "Waiting for staff" in narratives and "Draft words" not in narratives


def test_the_indicator_sheet_names_the_period_and_the_ministry_of_each_value(
    story, secretariat, momd, moi
):
    action = story["action_shared"]
    action.start_date = datetime.date(2026, 1, 1)
    action.save()
    indicator = factories.IndicatorFactory(action=action, name_en="Desks open")
    for ministry, value in ((momd, 3), (moi, 2)):
        report = create_report(
            user=secretariat,
            action=action,
            ministry=ministry,
            period=Q3,
            content=ReportContent(
                fields={
                    "status": "on_track",
                    "percent_complete": 50,
                    "narrative": "",
                    "challenges": "",
                    "support_needed": "",
                },
                indicator_values={indicator: (Decimal(value), None)},
                evidence=[],
            ),
            submit=True,
        )
        validate_report(user=secretariat, report=report)
    with translation.override("en"):
        rows = quarterly._indicator_rows(secretariat, Q3)
    assert [row[5:8] for row in rows if row[1] == "Desks open"] == [
        ["July – September 2026", moi.code, 2],
        ["July – September 2026", momd.code, 3],
    ]


def test_the_dashboard_of_a_past_period_lists_what_stood_then(client, story, secretariat, momd):
    """Troubled actions and late decisions as at the period's end, not today's."""
    action = story["action_momd"]
    action.start_date = datetime.date(2026, 1, 1)
    action.save()
    validated(secretariat, action, Q3, "delayed", 20, "Stalled")
    validated(secretariat, action, Q4, "on_track", 60, "Back on track")
    meeting = factories.MeetingFactory(start=datetime.datetime(2026, 8, 1, 10, tzinfo=datetime.UTC))
    decision = factories.DecisionFactory(
        meeting=meeting, code="HCB/2026/LATE", due_date=datetime.date(2026, 8, 31)
    )
    follow_up = FollowUp.objects.create(decision=decision, ministry=momd)
    update_follow_up(user=story["fp_momd"], follow_up=follow_up, status="done", note="Done")
    client.force_login(story["steering"])
    url = reverse("dashboard:steering")
    then = client.get(url, {"period": Q3[0].isoformat()}).context
    now = client.get(url).context
    assert action in then["lists"]["troubled_actions"]
    assert action not in now["lists"]["troubled_actions"]
    assert [d.code for d in then["lists"]["overdue_decisions"]] == ["HCB/2026/LATE"]
    assert then["lists"]["overdue_decisions"][0].own_status == "pending"
    assert "HCB/2026/LATE" not in [d.code for d in now["lists"]["overdue_decisions"]]


def test_a_carried_status_names_its_period_and_a_report_waiting_for_review_is_said(
    story, secretariat, momd, moi
):
    carried = story["action_momd"]
    carried.start_date = datetime.date(2026, 1, 1)
    carried.save()
    validated(
        secretariat, carried, (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30)), "at_risk", 30
    )
    waiting = story["action_moi"]
    waiting.start_date = datetime.date(2026, 1, 1)
    waiting.save()
    create_report(
        user=secretariat,
        action=waiting,
        ministry=moi,
        period=Q3,
        content=ReportContent(
            fields={
                "status": "on_track",
                "percent_complete": 40,
                "narrative": "",
                "challenges": "",
                "support_needed": "",
            },
            indicator_values={},
            evidence=[],
        ),
        submit=True,
    )
    report = QuarterlyReport(requested_by=story["steering"], period_start=Q3[0], period_end=Q3[1])
    with translation.override("en"):
        data = quarterly.report_data(report)
    troubled = [item for row in data["pillar_rows"] for item in row["troubled"]]
    assert [(i["action"].pk, i["carried_from"]) for i in troubled] == [
        (carried.pk, "April – June 2026")
    ]
    others = {item["action"].pk: item for item in data["other_attention"]}
    assert others[waiting.pk]["row"].status == period_picture.NOT_REPORTED
    assert others[waiting.pk]["waiting_for_review"]
