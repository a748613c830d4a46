"""The secretariat runs the body from the portal, in a real browser: it sets up a working
group with its members and quorum, imports an action plan from Excel (checked first, then
imported), finds the new actions in the list, and opens a decision's page with each
ministry's follow-up history; never through /admin/."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from actionplan import workbook
from coordination.exports import workbook_with_sheets
from coordination.models import CoordinationBody, Ministry, User
from meetings.models import Decision, FollowUpUpdate
from strategy.models import PriorityAction, Strategy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def a_new_pillar_with_two_actions(tmp_path) -> str:
    """The current plan as exported, with a pillar of two new actions added, in Arabic: what
    a secretariat fills in from the template."""
    secretariat = User.objects.get(username="secretariat")
    rows = workbook.plan_rows(secretariat, Strategy.objects.current())
    number = max(row["number"] for row in rows["pillars"]) + 1
    rows["pillars"].append(
        {
            "number": number,
            "title_ar": "الهجرة الدائرية",
            "title_ckb": "",
            "title_en": "Circular migration",
        }
    )
    template = dict(rows["actions"][0])
    for n in (1, 2):
        rows["actions"].append(
            {
                **template,
                "code": f"{number}.{n}",
                "pillar": number,
                "title_ar": f"برنامج الهجرة الدائرية {n}",
                "title_en": f"Circular migration scheme {n}",
                "supporting_ministries": [],
            }
        )
    path = tmp_path / "plan.xlsx"
    with translation.override("ar"):
        path.write_bytes(workbook_with_sheets(workbook.sheets(rows)))
    return str(path), number


def test_the_secretariat_sets_up_a_body_imports_a_plan_and_opens_a_decision_with_its_history(
    sign_in, demo, tmp_path
):
    plan, number = a_new_pillar_with_two_actions(tmp_path)
    page = sign_in("secretariat")
    page.get_by_role("link", name="Set-up").first.click()
    page.get_by_role("link", name="Coordination bodies").click()
    page.get_by_role("link", name="New body").click()
    page.get_by_label("Code").fill("TWG-LAB")
    page.get_by_label("Name (Arabic)").fill("فريق العمل الفني لهجرة العمالة")
    page.get_by_label("Name (English)").fill("Technical working group on labour migration")
    page.get_by_label("Kind").select_option("working_group")
    page.get_by_label("Reports to").select_option(str(CoordinationBody.objects.get(code="HCB").pk))
    page.get_by_label("A share of the member ministries").check()
    page.get_by_label("Quorum share in per cent").fill("٥٠")  # typed in Arabic-Indic digits
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name="Add a seat")).to_be_visible()
    for code, name in (("MoLSA", "Rana Saleh"), ("MoMD", "Karim Aziz")):
        page.get_by_role("link", name="Add a seat").click()
        page.get_by_label("Ministry").select_option(str(Ministry.objects.get(code=code).pk))
        page.get_by_label("Full name").fill(name)
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text(name).first).to_be_visible()
    body = CoordinationBody.objects.get(code="TWG-LAB")
    assert body.quorum_rule == "share" and body.quorum_share == 50
    assert body.memberships.count() == 2 and body.quorum_needed() == 1
    page.goto(f"{demo.url}/actions/plan/")
    page.get_by_label("Action plan workbook (.xlsx)").set_input_files(plan)
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", name="3 new records")).to_be_visible()
    assert not PriorityAction.objects.filter(code=f"{number}.1").exists()
    page.get_by_role("button", name="Import these changes").click()
    expect(page.get_by_text(re.compile(r"^Imported on "))).to_be_visible()
    assert PriorityAction.objects.filter(code__in=[f"{number}.1", f"{number}.2"]).count() == 2

    page.goto(
        f"{demo.url}/actions/?pillar={PriorityAction.objects.get(code=f'{number}.1').pillar_id}"
    )
    expect(page.get_by_role("link", name=re.compile("Circular migration scheme 1"))).to_be_visible()

    decision = (
        Decision.objects.filter(follow_ups__updates__isnull=False).distinct().order_by("pk").first()
    )
    page.goto(f"{demo.url}/meetings/decisions/")
    page.get_by_role("link", name=decision.code, exact=True).first.click()
    expect(page.get_by_role("heading", name=decision.code)).to_be_visible()
    entries = FollowUpUpdate.objects.filter(follow_up__decision=decision).count()
    expect(page.locator("article li.mb-2")).to_have_count(entries)
    follow_up = decision.follow_ups.order_by("ministry__code").first()
    with translation.override("en"):
        ministry = follow_up.ministry.named
    page.get_by_role("link", name=ministry).click()
    expect(page.get_by_role("heading", name="History")).to_be_visible()
