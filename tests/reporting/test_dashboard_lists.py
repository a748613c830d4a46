"""The dashboards' lists of overdue and troubled actions: the first ones by due date (delayed
before at risk), of exactly the actions the user may see, worked out by one query whether
they come from the rows a focal point's figures read or from the database's index."""

import datetime

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from reporting.dashboards import LIST_LENGTH
from strategy.models import PriorityAction
from tests import factories

pytestmark = pytest.mark.django_db

TROUBLED = ("delayed", "at_risk")


@pytest.fixture
def many(story, momd, moi, mofa):
    """More overdue and troubled actions than a list shows, in both ministries, with due
    dates shared by several actions."""
    today = timezone.localdate()
    pillar = factories.PillarFactory(number=4)
    statuses = ["delayed", "at_risk", "on_track", "not_started", "completed", "at_risk"]
    for number in range(36):
        lead = (momd, moi, mofa)[number % 3]
        factories.PriorityActionFactory(
            code=f"4.{number}",
            pillar=pillar,
            lead_ministry=lead,
            status=statuses[number % len(statuses)],
            start_date=today - datetime.timedelta(days=400),
            # Overdue ones (before today) and future ones, several on each date.
            due_date=today + datetime.timedelta(days=(number % 9) * 20 - 90),
            supporting_ministries=[moi] if lead == mofa and number % 2 else [],
        )


def lists(client, user, url_name):
    client.force_login(user)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    found = response.context["lists"]
    return (
        [action.pk for action in found["overdue_actions"]],
        [action.pk for action in found["troubled_actions"]],
    )


def expected(actions):
    today = timezone.localdate()
    overdue = actions.filter(due_date__lt=today).exclude(status__in=["completed", "cancelled"])
    troubled = actions.filter(status__in=TROUBLED)
    return (
        list(overdue.order_by("due_date", "pk").values_list("pk", flat=True)[:LIST_LENGTH]),
        list(
            troubled.order_by("-status", "due_date", "pk").values_list("pk", flat=True)[
                :LIST_LENGTH
            ]
        ),
    )


def test_the_steering_body_sees_the_first_overdue_and_troubled_actions(client, story, many):
    overdue, troubled = lists(client, story["steering"], "dashboard:steering")
    assert len(overdue) == len(troubled) == LIST_LENGTH
    assert (overdue, troubled) == expected(PriorityAction.objects.all())
    assert PriorityAction.objects.get(pk=troubled[0]).status == "delayed"


def test_a_focal_point_sees_the_first_of_their_ministrys_actions_only(client, story, many, moi):
    overdue, troubled = lists(client, story["fp_moi"], "dashboard:ministry")
    theirs = PriorityAction.objects.filter(
        Q(lead_ministry=moi) | Q(supporting_ministries=moi)
    ).distinct()
    assert overdue and troubled
    assert (overdue, troubled) == expected(theirs)
    others = PriorityAction.objects.exclude(pk__in=theirs.values("pk"))
    assert not others.filter(pk__in=[*overdue, *troubled]).exists()


def test_the_lists_follow_the_filters(client, story, many, momd):
    client.force_login(story["steering"])
    pillar = PriorityAction.objects.get(code="4.0").pillar
    response = client.get(reverse("dashboard:steering"), {"pillar": pillar.pk, "ministry": momd.pk})
    found = response.context["lists"]
    involved = PriorityAction.objects.filter(
        Q(lead_ministry=momd) | Q(supporting_ministries=momd), pillar=pillar
    ).distinct()
    assert (
        [action.pk for action in found["overdue_actions"]],
        [action.pk for action in found["troubled_actions"]],
    ) == expected(involved)


@pytest.mark.parametrize("role", ["fp_momd", "fp_moi"])
def test_reports_to_write_are_those_the_actions_own_reports_say_are_due(
    client, story, many, role, momd, moi
):
    """The ministry dashboard reads the kept reporting duties; the list matches what the
    actions' own reports say (with_reporting), flags included."""
    strategy = story["action_momd"].pillar.strategy
    today = timezone.localdate()
    current = strategy.period_containing(today)
    closed = strategy.last_overdue_period(today)
    states = ["submitted", "validated", "draft", "returned"]
    for number, action in enumerate(PriorityAction.objects.order_by("pk")):
        for period in (current, closed):
            if period and number % 3:
                factories.ProgressUpdateFactory(
                    action=action,
                    ministry=action.lead_ministry,
                    period_start=period[0],
                    period_end=period[1],
                    state=states[(number + period[0].month) % len(states)],
                )
    user = story[role]
    expected = list(
        PriorityAction.objects.restrict(user)
        .with_reporting(user)
        .filter(Q(report_due=True) | Q(report_overdue=True))
        .order_by("due_date", "pk")
        .values("pk", "report_due", "report_overdue")[:LIST_LENGTH]
    )
    client.force_login(user)
    listed = client.get(reverse("dashboard:ministry")).context["reports_due"]
    assert [(a["pk"], a["report_due"], a["report_overdue"]) for a in listed] == [
        (a["pk"], a["report_due"], a["report_overdue"]) for a in expected
    ]
    assert len(listed) == LIST_LENGTH


def test_a_focal_point_sees_their_ministrys_returned_reports_and_open_follow_ups(
    client, story, momd, moi
):
    """The lists written out in Python (reporting.dashboards.ministry_lists): each links to
    its record, escapes what people typed, and shows only the ministry's own."""
    from meetings.models import FollowUp

    today = timezone.localdate()
    own = factories.ProgressUpdateFactory(
        action=story["action_momd"], state="returned", review_comment="Add the <b>figures</b>"
    )
    factories.ProgressUpdateFactory(
        action=story["action_moi"], state="returned", review_comment="Another ministry's"
    )
    late = factories.DecisionFactory(
        code="HCB/LATE", due_date=today - datetime.timedelta(days=3), responsible_ministries=[momd]
    )
    later = factories.DecisionFactory(
        code="HCB/LATER",
        due_date=today + datetime.timedelta(days=30),
        responsible_ministries=[momd],
    )
    done = factories.DecisionFactory(code="HCB/DONE", responsible_ministries=[momd])
    theirs = factories.DecisionFactory(code="HCB/THEIRS", responsible_ministries=[moi])
    late_follow_up = FollowUp.objects.create(decision=late, ministry=momd, status="blocked")
    FollowUp.objects.create(decision=later, ministry=momd, status="in_progress")
    FollowUp.objects.create(decision=done, ministry=momd, status="done")
    FollowUp.objects.create(decision=theirs, ministry=moi)

    client.force_login(story["fp_momd"])
    page = client.get(reverse("dashboard:ministry")).content.decode()

    returned = page.split('id="returned-heading"')[1].split("</section>")[0]
    assert reverse("strategy:report_update", args=[own.pk]) in returned
    assert f"{own.action.code} · {own.period_label}" in returned
    assert "Add the &lt;b&gt;figures&lt;/b&gt;" in returned
    assert "Another ministry" not in returned
    follow_ups = page.split('id="followups-heading"')[1].split("</section>")[0]
    assert follow_ups.index("HCB/LATE") < follow_ups.index("HCB/LATER")
    assert reverse("meetings:follow_up", args=[late_follow_up.pk]) in follow_ups
    late_item = follow_ups.split("HCB/LATE</a>")[1].split("</li>")[0]
    assert "Blocked" in late_item and "Overdue" in late_item
    later_item = follow_ups.split("HCB/LATER</a>")[1].split("</li>")[0]
    assert "In progress" in later_item and "Overdue" not in later_item
    assert "HCB/DONE" not in follow_ups and "HCB/THEIRS" not in follow_ups
