"""A comment thread on a report, between the secretariat and the report's own ministry: the
steering body reads it, nobody else does, not even a ministry that supports the same action
and reads the report once validated; each side's comment notifies the other."""

import pytest
from django.core import mail
from django.urls import reverse

from coordination import access
from coordination.models import Notification
from strategy import notification_kinds
from strategy.models import ReportComment
from tests import factories

pytestmark = pytest.mark.django_db

SECRET = "The figures of Basra do not add up"


@pytest.fixture(autouse=True)
def _addresses(fp_momd, fp_moi, secretariat):
    for user, address in (
        (fp_momd, "mona@momd.gov.iq"),
        (fp_moi, "omar@moi.gov.iq"),
        (secretariat, "secretariat@imag.example"),
    ):
        user.email = address
        user.save(update_fields=["email"])


@pytest.fixture
def shared_report(story, moi):
    """MoI's validated report on an action MoMD supports: MoMD's focal point reads it."""
    return factories.ProgressUpdateFactory(
        action=story["action_shared"], ministry=moi, state="validated", narrative="Posts staffed"
    )


def comment_url(report):
    return reverse("strategy:report_comment", args=[report.pk])


def page(client, report):
    return client.get(reverse("strategy:report_detail", args=[report.pk]))


def test_the_secretariat_comments_and_the_reports_ministry_is_told(
    client, story, shared_report, django_capture_on_commit_callbacks
):
    client.force_login(story["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(comment_url(shared_report), {"text": SECRET})
    assert response.status_code == 302
    comment = ReportComment.objects.get()
    assert (comment.report, comment.author, comment.text) == (
        shared_report,
        story["secretariat"],
        SECRET,
    )
    notification = Notification.objects.get(kind=notification_kinds.REPORT_COMMENTED)
    assert notification.recipient == story["fp_moi"]
    assert notification.url.endswith("#comments")
    assert [email.to for email in mail.outbox] == [["omar@moi.gov.iq"]]
    client.force_login(story["fp_moi"])
    assert SECRET in page(client, shared_report).content.decode()


def test_the_reports_ministry_answers_and_the_secretariat_is_told(
    client, story, shared_report, django_capture_on_commit_callbacks
):
    client.force_login(story["fp_moi"])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(comment_url(shared_report), {"text": "Corrected"}).status_code == 302
    notification = Notification.objects.get(kind=notification_kinds.REPORT_COMMENTED)
    assert notification.recipient == story["secretariat"]
    assert [email.to for email in mail.outbox] == [["secretariat@imag.example"]]


def test_comments_never_reach_another_ministry_on_the_same_action(client, story, shared_report):
    ReportComment.objects.create(report=shared_report, author=story["secretariat"], text=SECRET)
    mona = story["fp_momd"]
    assert not ReportComment.objects.restrict(mona).exists()
    assert not ReportComment.objects.restrict(mona, access.ADD).exists()
    client.force_login(mona)
    response = page(client, shared_report)
    assert response.status_code == 200  # the validated report itself, as it is
    assert "Posts staffed" in response.content.decode()
    assert SECRET not in response.content.decode()
    assert 'id="comments"' not in response.content.decode()
    # Nor can MoMD write into MoI's thread.
    assert client.post(comment_url(shared_report), {"text": "Hello"}).status_code == 403
    assert ReportComment.objects.count() == 1
    # Nor through the action page's audit trail, the home page or notifications.
    for url in (reverse("strategy:action_detail", args=[shared_report.action_id]), reverse("home")):
        assert SECRET not in client.get(url).content.decode()


def test_the_steering_body_reads_the_thread_but_does_not_write(client, story, shared_report):
    ReportComment.objects.create(report=shared_report, author=story["secretariat"], text=SECRET)
    client.force_login(story["steering"])
    html = page(client, shared_report).content.decode()
    assert SECRET in html
    assert comment_url(shared_report) not in html
    assert client.post(comment_url(shared_report), {"text": "Noted"}).status_code == 403
    assert ReportComment.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("secretariat", 302),
        ("administrator", 302),
        ("steering", 403),
        ("fp_momd", 404),  # another ministry's draft: not seen at all
        ("fp_moi", 404),
        ("fp_unassigned", 404),
    ],
)
def test_who_may_comment_on_a_draft_of_momd(client, story, report_momd, role, status):
    if role != "anonymous":
        client.force_login(story[role])
    if role == "fp_momd":
        status = 302  # its own ministry's report
    response = client.post(comment_url(report_momd), {"text": "A word"})
    assert response.status_code == status
    if role == "anonymous":
        assert response.url.startswith(reverse("login"))
    written = ReportComment.objects.filter(report=report_momd).exists()
    assert written == (role in {"secretariat", "administrator", "fp_momd"})


def test_an_empty_comment_is_refused_and_nothing_saved(client, story, report_momd):
    client.force_login(story["fp_momd"])
    response = client.post(comment_url(report_momd), {"text": "   "})
    assert response.status_code == 400
    assert "Write the comment first." in response.content.decode()
    assert not ReportComment.objects.exists()
    assert not Notification.objects.exists()
