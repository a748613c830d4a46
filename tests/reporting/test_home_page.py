"""The home page: what each role's lists show (written out in Python, reporting/home.py),
whom they show it to, and that its SQL queries stay few and constant as the data grows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import FollowUp
from strategy.models import ActionStatus, ReportState
from tests import factories

pytestmark = pytest.mark.django_db

# Session, user, second factor (secretariat, steering) or the focal point's ministries,
# the action counts, overdue actions, upcoming meetings, overdue decisions, reports to
# review or finish, unread notifications, the focal point's ministries' names.
MAX_HOME_QUERIES = 10


def home(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def queries_for(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("home")).status_code == 200
    return len(captured.captured_queries)


def report(action, ministry, state, quarter, **fields):
    start = datetime.date(2025, 3 * quarter + 1, 1)
    return factories.ProgressUpdateFactory(
        action=action,
        ministry=ministry,
        state=state,
        period_start=start,
        period_end=start + datetime.timedelta(days=89),
        **fields,
    )


def test_a_focal_point_finishes_their_ministrys_drafts_and_returned_reports_oldest_first(
    client, fp_momd, action_momd, action_shared, action_moi, momd, moi
):
    colleague = factories.UserFactory(first_name="Karim", last_name="Hassan")
    later_draft = report(action_momd, momd, ReportState.DRAFT, 2, created_by=colleague)
    returned = report(action_shared, momd, ReportState.RETURNED, 0, created_by=fp_momd)
    report(action_momd, momd, ReportState.SUBMITTED, 1)
    report(action_shared, moi, ReportState.DRAFT, 0)  # the other ministry's draft
    report(action_moi, moi, ReportState.RETURNED, 0)
    page = home(client, fp_momd)
    section = page.split('id="finish-heading"')[1].split("</section>")[0]
    detail = reverse("strategy:action_detail", args=[action_shared.pk])
    assert f'<a href="{detail}#report-{returned.pk}">3.2 <bdi>Action 3.2</bdi></a>' in section
    assert (
        "January – March 2025 · Returned · by you, for Ministry of Migration and Displacement"
        in section
    )
    assert (
        "July – September 2025 · Draft · by Karim Hassan, "
        "for Ministry of Migration and Displacement" in section
    )
    assert f"#report-{later_draft.pk}" in section
    assert section.index(f"#report-{returned.pk}") < section.index(f"#report-{later_draft.pk}")
    assert section.count("<li") == 2
    assert "MoI" not in section and "Ministry of Interior" not in section


def test_a_draft_without_a_known_author_still_says_for_which_ministry(
    client, fp_momd, action_momd, momd
):
    report(action_momd, momd, ReportState.DRAFT, 0, created_by=None)
    section = home(client, fp_momd).split('id="finish-heading"')[1].split("</section>")[0]
    assert "January – March 2025 · Draft · for Ministry of Migration and Displacement" in section


def test_a_focal_points_own_draft_is_named_yours_in_their_language(
    client, fp_momd, action_momd, momd
):
    fp_momd.language = "ar"
    fp_momd.save()
    report(action_momd, momd, ReportState.DRAFT, 0, created_by=fp_momd)
    client.force_login(fp_momd)
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    section = page.split('id="finish-heading"')[1].split("</section>")[0]
    assert "من إعدادك، لصالح وزارة الهجرة والمهجرين" in section


def test_a_focal_point_with_nothing_to_finish_is_told_so(client, fp_momd, action_momd, momd):
    report(action_momd, momd, ReportState.VALIDATED, 0)
    page = home(client, fp_momd)
    section = page.split('id="finish-heading"')[1].split("</section>")[0]
    assert "Nothing to finish." in section
    assert 'id="review-heading"' not in page


def test_the_secretariat_reviews_submitted_reports_waiting_longest_first(
    client, secretariat, action_momd, action_moi, momd, moi
):
    now = datetime.datetime(2026, 10, 5, 9, tzinfo=datetime.UTC)
    recent = report(action_momd, momd, ReportState.SUBMITTED, 1, submitted_at=now)
    waiting = report(
        action_moi, moi, ReportState.SUBMITTED, 1, submitted_at=now - datetime.timedelta(days=9)
    )
    report(action_momd, momd, ReportState.DRAFT, 2)
    page = home(client, secretariat)
    section = page.split('id="review-heading"')[1].split("</section>")[0]
    assert section.count("<li") == 2
    assert section.index(f"#report-{waiting.pk}") < section.index(f"#report-{recent.pk}")
    assert "Ministry of Interior (MoI) · April – June 2025 · Submitted" in section
    assert 'id="finish-heading"' not in page


def test_overdue_actions_meetings_and_decisions_are_those_of_the_users_ministry(
    client, fp_momd, momd, moi, meeting_momd, meeting_moi, decision_momd, decision_moi
):
    overdue = factories.PriorityActionFactory(
        code="4.7",
        lead_ministry=moi,
        supporting_ministries=[momd],
        due_date=datetime.date(2026, 6, 30),
    )
    factories.PriorityActionFactory(
        code="4.8", lead_ministry=moi, due_date=datetime.date(2026, 6, 30)
    )
    factories.PriorityActionFactory(
        code="4.9",
        lead_ministry=momd,
        due_date=datetime.date(2026, 6, 30),
        status=ActionStatus.COMPLETED,
    )
    FollowUp.objects.create(decision=decision_momd, ministry=momd)
    page = home(client, fp_momd)
    actions = page.split('id="overdue-heading"')[1].split("</section>")[0]
    assert (
        f'<a href="{reverse("strategy:action_detail", args=[overdue.pk])}">4.7 Action 4.7</a>'
        in actions
    )
    assert "Ministry of Interior (MoI) · due 30 June 2026" in actions
    assert "4.8" not in actions and "4.9" not in actions
    meetings = page.split('id="meetings-heading"')[1].split("</section>")[0]
    assert (
        f'<a href="{reverse("meetings:meeting_detail", args=[meeting_momd.pk])}">MoMD plenary</a>'
        in meetings
    )
    assert "MoI plenary" not in meetings
    decisions = page.split('id="decisions-heading"')[1].split("</section>")[0]
    link = reverse("meetings:decision_detail", args=[decision_momd.pk])
    assert f'<a href="{link}">{decision_momd.code}</a>' in decisions
    assert "Open MoMD returnee desks" in decisions
    assert "Border posts" not in decisions and decision_moi.code not in decisions


def test_a_decision_of_a_meeting_the_user_may_not_see_links_to_the_decision_not_the_meeting(
    client, fp_momd, momd, meeting_moi
):
    decision = factories.DecisionFactory(
        meeting=meeting_moi,
        responsible_ministries=[momd],
        text_en=" ".join(f"word{n}" for n in range(30)) + " <script>x</script>",
    )
    FollowUp.objects.create(decision=decision, ministry=momd)
    page = home(client, fp_momd)
    decisions = page.split('id="decisions-heading"')[1].split("</section>")[0]
    link = reverse("meetings:decision_detail", args=[decision.pk])
    assert f'<a href="{link}">{decision.code}</a> word0' in decisions
    assert reverse("meetings:meeting_detail", args=[meeting_moi.pk]) not in decisions
    # Cut after twenty words, as the template's truncatewords did; the rest never shows.
    assert "word19 …" in decisions and "word20" not in decisions and "<script>" not in page


def test_a_ministry_is_shown_the_decisions_its_own_follow_up_is_late_on(
    client, fp_momd, momd, moi, meeting_momd
):
    """Not the decision's overall status: a decision MoI finished is still late for MoMD,
    and one MoMD finished is no longer, however late MoI is."""
    late_for_momd = factories.DecisionFactory(
        meeting=meeting_momd, responsible_ministries=[momd, moi], text_en="Late for MoMD"
    )
    FollowUp.objects.create(decision=late_for_momd, ministry=momd, status="in_progress")
    FollowUp.objects.create(decision=late_for_momd, ministry=moi, status="done")
    done_by_momd = factories.DecisionFactory(
        meeting=meeting_momd, responsible_ministries=[momd, moi], text_en="Done by MoMD"
    )
    FollowUp.objects.create(decision=done_by_momd, ministry=momd, status="done")
    FollowUp.objects.create(decision=done_by_momd, ministry=moi, status="pending")
    page = home(client, fp_momd)
    decisions = page.split('id="decisions-heading"')[1].split("</section>")[0]
    assert "Your ministry's overdue follow-ups</h2>" in decisions
    assert "Late for MoMD" in decisions and "In progress" in decisions
    assert "Done by MoMD" not in decisions


def test_titles_and_texts_are_escaped(client, secretariat, momd):
    action = factories.PriorityActionFactory(
        code="4.5",
        lead_ministry=momd,
        title_en="<b>bold</b> & co",
        due_date=datetime.date(2026, 6, 30),
    )
    report(
        action,
        momd,
        ReportState.SUBMITTED,
        0,
        submitted_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC),
    )
    page = home(client, secretariat)
    assert "<b>bold</b>" not in page
    assert page.count("&lt;b&gt;bold&lt;/b&gt; &amp; co") == 2  # overdue, and waiting review


@pytest.mark.parametrize("role", ["fp_momd", "secretariat", "steering"])
def test_the_home_page_costs_the_same_few_queries_with_more_records(
    client, story, role, momd, moi, django_assert_max_num_queries
):
    client.force_login(story[role])
    queries_for(client)  # the process's first request reads the content types once
    with django_assert_max_num_queries(MAX_HOME_QUERIES):
        bare = queries_for(client)
    for n in range(12):
        action = factories.PriorityActionFactory(
            code=f"6.{n}",
            lead_ministry=momd if n % 2 else moi,
            supporting_ministries=[moi if n % 2 else momd],
            due_date=datetime.date(2026, 6, 30),
        )
        report(
            action,
            momd,
            ReportState.DRAFT if n % 3 else ReportState.RETURNED,
            0,
            created_by=factories.UserFactory(first_name=f"Author {n}"),
        )
        report(
            action,
            moi,
            ReportState.SUBMITTED,
            1,
            submitted_at=datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC),
        )
        meeting = factories.MeetingFactory(invited_ministries=[momd, moi])
        factories.DecisionFactory(meeting=meeting, responsible_ministries=[momd, moi])
    page = client.get(reverse("home")).content.decode()
    assert page.count("#report-") == (0 if role == "steering" else 10)  # ten at most
    assert queries_for(client) == bare
