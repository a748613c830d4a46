"""The action plan from Excel: a template and the plan to download, a filled workbook
checked first (every problem by sheet, row and column in the reader's language, or every
change it would make), then imported in one transaction; importing the same file again, or
the plan as exported, changes nothing."""

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from actionplan import workbook
from actionplan.models import PlanImport
from coordination.exports import workbook_with_sheets
from strategy import figures
from strategy.models import Indicator, Pillar, PriorityAction
from tests import factories
from tests.documents import PDF_BYTES

pytestmark = pytest.mark.django_db

PLAN_URL = reverse("actionplan:plan")


def xlsx(rows: dict, language="en") -> SimpleUploadedFile:
    with translation.override(language):
        content = workbook_with_sheets(workbook.sheets(rows))
    return SimpleUploadedFile("plan.xlsx", content)


def action_row(code, pillar=1, lead="MoMD", **values):
    return {
        "code": code,
        "pillar": pillar,
        "title_ar": f"إجراء {code}",
        "title_ckb": "",
        "title_en": f"Action {code}",
        "description_ar": "",
        "description_ckb": "",
        "description_en": "",
        "lead_ministry": lead,
        "supporting_ministries": [],
        "start_date": datetime.date(2026, 1, 1),
        "due_date": datetime.date(2027, 6, 30),
        "priority": "medium",
        "concerns_departure": False,
        "concerns_transit": False,
        "concerns_abroad": False,
        "concerns_return": True,
        **values,
    }


def plan(*actions, indicators=(), targets=()):
    return {
        "pillars": [{"number": 1, "title_ar": "المحور 1", "title_ckb": "", "title_en": "Pillar 1"}],
        "actions": list(actions),
        "indicators": list(indicators),
        "targets": list(targets),
    }


def upload(client, file, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PLAN_URL, {"file": file})
    assert response.status_code == 302, response.content.decode()[:2000]
    return PlanImport.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])


def confirm(client, plan_import):
    response = client.post(reverse("actionplan:run", args=[plan_import.pk]))
    assert response.status_code == 302
    plan_import.refresh_from_db()
    return plan_import


@pytest.fixture
def signed_in(client, story):
    client.force_login(story["secretariat"])
    return client


def test_a_clean_plan_is_checked_then_imported_and_the_same_file_again_changes_nothing(
    signed_in, story, momd, moi, django_capture_on_commit_callbacks
):
    factories.StrategyFactory()
    rows = plan(
        action_row("9.1", supporting_ministries=[moi.code]),
        action_row("9.2", lead=moi.code, priority="high"),
        indicators=[
            {
                "action": "9.1",
                "name_ar": "عدد المكاتب",
                "name_ckb": "",
                "name_en": "Desks open",
                "unit": "desks",
                "baseline": 0,
                "direction": "higher",
            }
        ],
        targets=[
            {"action": "9.1", "indicator": "عدد المكاتب", "year": 2026, "value": 6},
            {"action": "9.1", "indicator": "عدد المكاتب", "year": 2027, "value": 18},
        ],
    )
    checked = upload(signed_in, xlsx(rows), django_capture_on_commit_callbacks)
    assert checked.state == "checked" and checked.problems == []
    assert "Action 9.1" in checked.effects["new"] and "Action 9.2" in checked.effects["new"]
    assert not PriorityAction.objects.filter(code="9.1").exists()  # a dry run only
    page = signed_in.get(reverse("actionplan:import", args=[checked.pk])).content.decode()
    assert "Import these changes" in page
    imported = confirm(signed_in, checked)
    assert imported.state == "imported"
    action = PriorityAction.objects.get(code="9.1")
    assert action.lead_ministry == momd and list(action.supporting_ministries.all()) == [moi]
    assert PriorityAction.objects.get(code="9.2").priority == "high"
    indicator = Indicator.objects.get(action=action)
    assert dict(indicator.targets.values_list("year", "value")) == {2026: 6, 2027: 18}
    # Written in bulk, the new actions still count in the dashboards' figures (as a rebuild
    # from scratch has them) and their creation is in the audit trail, by the uploader.
    kept = figures.dump()
    figures.rebuild()
    assert figures.dump() == kept
    (created,) = LogEntry.objects.get_for_object(action)
    assert created.action == LogEntry.Action.CREATE and created.actor == story["secretariat"]
    again = upload(signed_in, xlsx(rows), django_capture_on_commit_callbacks)
    assert again.effects["new"] == [] and again.effects["changed"] == []
    page = signed_in.get(reverse("actionplan:import", args=[again.pk])).content.decode()
    assert "The file changes nothing" in page and "Import these changes" not in page


def test_a_change_of_lead_is_listed_apart_as_it_moves_access(
    signed_in, story, momd, moi, django_capture_on_commit_callbacks
):
    action = story["action_momd"]  # 4.1, led by MoMD
    rows = workbook.plan_rows(story["secretariat"], action.pillar.strategy)
    for row in rows["actions"]:
        if row["code"] == action.code:
            row["lead_ministry"] = moi.code
    checked = upload(signed_in, xlsx(rows), django_capture_on_commit_callbacks)
    (change,) = checked.effects["changed"]
    assert change["record"] == f"Action {action.code}" and change["moves_access"]
    assert ["Lead ministry (code)", momd.code, moi.code] in change["fields"]
    confirm(signed_in, checked)
    action.refresh_from_db()
    assert action.lead_ministry == moi


def test_the_plan_exported_and_imported_again_changes_nothing(
    signed_in, story, django_capture_on_commit_callbacks
):
    factories.IndicatorFactory(action=story["action_moi"], baseline=2, targets={2026: 5, 2027: 9})
    response = signed_in.get(reverse("actionplan:export"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Pillars", "Priority actions", "Indicators", "Yearly targets"]
    exported = SimpleUploadedFile("plan.xlsx", response.content)
    checked = upload(signed_in, exported, django_capture_on_commit_callbacks)
    assert checked.problems == []
    assert checked.effects["new"] == [] and checked.effects["changed"] == []


def test_every_mistake_is_named_by_sheet_row_and_column_in_arabic(
    client, story, momd, django_capture_on_commit_callbacks
):
    factories.StrategyFactory()
    story["secretariat"].language = "ar"
    story["secretariat"].save()
    client.force_login(story["secretariat"])
    rows = plan(
        action_row("9.1", lead="NOPE"),  # 1 unknown lead
        action_row("9.2", start_date="31/02/2027"),  # 2 bad date
        action_row("9.1"),  # 3 the same code twice
        action_row("9.4", title_ar=""),  # 4 missing Arabic title
        action_row("9.5", pillar=7),  # 5 no such pillar
        action_row("9.6", supporting_ministries=["MoMD"]),  # 6 the lead supports itself
        action_row("9.7", due_date=datetime.date(2025, 1, 1)),  # 7 due before start
        action_row("9.8", priority="urgent"),  # 8 no such priority
        action_row("9.9", pillar="one"),  # 9 not a number
        indicators=[
            {
                "action": "7.7",  # 10 no such action
                "name_ar": "مؤشر",
                "name_ckb": "",
                "name_en": "",
                "unit": "",
                "baseline": 0,
                "direction": "higher",
            }
        ],
    )
    checked = upload(client, xlsx(rows, language="ar"), django_capture_on_commit_callbacks)
    assert checked.state == "checked" and len(checked.problems) == 10, checked.problems
    where = {(p["sheet"], p["row"], p["column"]) for p in checked.problems}
    assert ("الإجراءات ذات الأولوية", 2, "الوزارة القائدة (الرمز)") in where
    assert ("الإجراءات ذات الأولوية", 4, "") in where  # the second 9.1
    assert ("المؤشرات", 2, "الإجراء ذو الأولوية (الرمز)") in where
    messages = " ".join(p["message"] for p in checked.problems)
    assert "NOPE" in messages and "31/02/2027" in messages
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in p["message"]) for p in checked.problems)
    assert not PriorityAction.objects.filter(code__startswith="9.").exists()
    page = client.get(reverse("actionplan:import", args=[checked.pk])).content.decode()
    assert "استيراد هذه التغييرات" not in page
    # Refused at the last step too.
    assert confirm(client, checked).state == "checked"
    assert not PriorityAction.objects.filter(code__startswith="9.").exists()


def test_a_file_that_is_not_a_workbook_is_refused_and_nothing_is_kept(signed_in, story):
    factories.StrategyFactory()
    response = signed_in.post(PLAN_URL, {"file": SimpleUploadedFile("plan.xlsx", PDF_BYTES)})
    assert response.status_code == 400
    assert "is not an Excel workbook" in response.content.decode()
    assert not PlanImport.objects.exists()


def test_the_template_has_the_three_sheets_with_headers_in_the_readers_language(signed_in, story):
    story["secretariat"].language = "ar"
    story["secretariat"].save()
    response = signed_in.get(reverse("actionplan:template"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["المحاور", "الإجراءات ذات الأولوية", "المؤشرات", "الأهداف السنوية"]
    assert book["المحاور"].sheet_view.rightToLeft
    assert [c.value for c in next(book["المحاور"].iter_rows(max_row=1))][0] == "الرقم"


@pytest.mark.parametrize("role", ["steering", "fp_momd"])
def test_only_the_secretariat_and_administrators_import(client, story, role):
    client.force_login(story[role])
    # The downloads (files, outside the permission matrix's pages) answer as the page.
    for url in (PLAN_URL, reverse("actionplan:export"), reverse("actionplan:template")):
        assert client.get(url).status_code == 403


def test_an_import_is_its_uploaders(
    client, story, administrator, django_capture_on_commit_callbacks
):
    factories.StrategyFactory()
    client.force_login(story["secretariat"])
    checked = upload(client, xlsx(plan(action_row("9.1"))), django_capture_on_commit_callbacks)
    client.force_login(administrator)
    assert client.get(reverse("actionplan:import", args=[checked.pk])).status_code == 404
    assert Pillar.objects.filter(number=1).count() == 1
