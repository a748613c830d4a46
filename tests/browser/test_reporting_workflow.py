"""The reporting round trip in a real browser: draft with evidence, submit, return with a
comment, resubmit, validate; the action then shows the validated figures."""

import re

import pytest
from playwright.sync_api import expect

from coordination.models import User
from strategy.models import OPEN_STATUSES, PriorityAction, ProgressUpdate, ReportState
from tests.documents import PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_report_is_drafted_submitted_returned_resubmitted_and_validated(sign_in, demo, tmp_path):
    fp = User.objects.get(username="fp-momd")
    action = (
        PriorityAction.objects.restrict(fp)
        .with_reporting(fp)
        .filter(report_due=True, lead_ministry__code="MoMD", status__in=OPEN_STATUSES)
        .first()
    )
    evidence = tmp_path / "minutes-q3.pdf"
    evidence.write_bytes(PDF_BYTES)

    focal_point = sign_in("fp-momd")
    focal_point.goto(f"{demo.url}/actions/?due=report_due")
    focal_point.get_by_role("link", name=action.title_en, exact=True).click()
    focal_point.get_by_role(
        "link", name=re.compile("Report progress|Continue the draft")
    ).first.click()
    focal_point.get_by_label("Status").select_option("at_risk")
    focal_point.get_by_label("Percent complete").fill("55")
    focal_point.get_by_label("Narrative").fill("Two governorates connected; budget delayed.")
    focal_point.get_by_label("Evidence files").set_input_files(str(evidence))
    focal_point.get_by_role("button", name="Save draft").click()
    expect(focal_point.get_by_text("Your draft was saved")).to_be_visible()
    expect(focal_point.get_by_role("link", name="minutes-q3.pdf")).to_be_visible()
    report_url = focal_point.url
    report = ProgressUpdate.objects.get(pk=int(re.search(r"/reports/(\d+)/", report_url)[1]))
    assert report.state == ReportState.DRAFT
    focal_point.get_by_role("link", name="Edit").click()
    focal_point.get_by_label("I have checked this report").check()
    focal_point.get_by_role("button", name="Submit to the secretariat").click()
    expect(focal_point.get_by_text("submitted to the secretariat")).to_be_visible()

    secretariat = sign_in("secretariat")
    secretariat.goto(f"{demo.url}/actions/reports/queue/")
    secretariat.locator(f"a[href$='/reports/{report.pk}/']").click()
    secretariat.get_by_label("Comment for the ministry").fill("Attach the signed protocol.")
    secretariat.get_by_role("button", name="Return to the ministry").click()
    expect(secretariat.get_by_text("returned to the ministry")).to_be_visible()

    focal_point.goto(report_url)
    expect(
        focal_point.get_by_role("status").filter(has_text="Attach the signed protocol.")
    ).to_be_visible()
    focal_point.get_by_role("link", name="Edit").click()
    focal_point.get_by_label("Percent complete").fill("60")
    focal_point.get_by_label("I have checked this report").check()
    focal_point.get_by_role("button", name="Submit to the secretariat").click()
    expect(focal_point.get_by_text("submitted to the secretariat")).to_be_visible()

    secretariat.goto(report_url)
    secretariat.get_by_role("button", name="Validate").click()
    expect(secretariat.get_by_text("The report was validated.")).to_be_visible()

    action.refresh_from_db()
    assert (action.status, action.percent_complete) == ("at_risk", 60)
    secretariat.goto(f"{demo.url}/actions/{action.pk}/")
    summary = secretariat.get_by_role("complementary").inner_text()
    assert "At risk" in summary and "60%" in summary
    kinds = list(ProgressUpdate.objects.get(pk=report.pk).events.values_list("kind", flat=True))
    assert kinds == ["submitted", "returned", "submitted", "validated"]
