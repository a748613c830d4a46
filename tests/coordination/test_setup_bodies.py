"""The set-up pages of coordination bodies: the secretariat keeps a body's names, where it
reports, its quorum rule and its seats (members, chair, alternates); the quorum follows the
rule, and the body's page, publishing and inviting warn when it cannot be reached."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coordination.models import (
    CoordinationBody,
    Membership,
    MembershipRole,
    QuorumRule,
)
from meetings.models import AgendaState, Invitation
from meetings.services.attendance import quorum, quorum_within_reach
from tests import factories

pytestmark = pytest.mark.django_db


def body_fields(**overrides):
    return {
        "code": "TWG-RET",
        "name_ar": "فريق العمل الفني للعودة",
        "name_en": "Technical working group on return",
        "name_ckb": "گرووپی کاری تەکنیکی گەڕانەوە",
        "kind": "working_group",
        "parent": "",
        "quorum_rule": QuorumRule.COUNT,
        "quorum": "3",
        "quorum_share": "",
        **overrides,
    }


def seat(body, ministry=None, role=MembershipRole.MEMBER, **fields):
    name = fields.pop("full_name", f"{role} {ministry.code if ministry else 'own seat'}")
    return Membership.objects.create(
        body=body, ministry=ministry, role=role, full_name=name, **fields
    )


def messages_of(response) -> list[str]:
    """The messages a followed redirect showed (and so consumed)."""
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def hcb():
    return factories.CoordinationBodyFactory()


@pytest.fixture
def ministries():
    return [factories.MinistryFactory(code=f"M{number}") for number in range(5)]


# Creating and editing a body


def test_the_secretariat_sets_up_a_working_group_under_the_high_level_body(
    client, secretariat, hcb
):
    client.force_login(secretariat)
    response = client.post(
        reverse("setup:body_create"),
        body_fields(parent=hcb.pk, quorum_rule=QuorumRule.SHARE, quorum="", quorum_share="٥٠"),
    )
    body = CoordinationBody.objects.get(code="TWG-RET")
    assert response.status_code == 302 and response.url == reverse(
        "setup:body_detail", args=[body.pk]
    )
    assert body.parent == hcb and body.name_ckb == "گرووپی کاری تەکنیکی گەڕانەوە"
    assert (body.quorum_rule, body.quorum_share) == (QuorumRule.SHARE, 50)
    page = client.get(response.url).content.decode()
    assert "50 % of the member ministries (0): 0 members present" in page
    # The audit trail says it in words: the rule's label, the parent by name.
    assert "<strong>quorum rule</strong>: – → A share of the member ministries" in page
    assert f"<strong>reports to</strong>: – → {hcb.name_en}" in page
    assert hcb.code in client.get(reverse("setup:body_list")).content.decode()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"code": "HCB"}, "code", "Another body already has this code."),
        ({"name_ar": ""}, "name_ar", "This field is required."),
        ({"quorum": "0"}, "quorum", "Give the number of members needed, at least 1."),
        (
            {"quorum_rule": QuorumRule.SHARE, "quorum_share": ""},
            "quorum_share",
            "Give the share of member ministries needed, in per cent.",
        ),
        (
            {"quorum_rule": QuorumRule.SHARE, "quorum_share": "150"},
            "quorum_share",
            "Ensure this value is less than or equal to 100.",
        ),
    ],
)
def test_a_body_with_bad_input_keeps_the_form_and_saves_nothing(
    client, secretariat, hcb, fields, field, message
):
    client.force_login(secretariat)
    response = client.post(reverse("setup:body_create"), body_fields(**fields))
    assert response.status_code == 200
    form = response.context["form"]
    assert message in form.errors[field]
    assert form["name_en"].value() == "Technical working group on return"
    assert not CoordinationBody.objects.exclude(pk=hcb.pk).exists()


def test_a_body_cannot_report_to_itself_or_to_a_body_under_it(client, secretariat, hcb):
    working_group = factories.CoordinationBodyFactory(code="TWG", kind="working_group", parent=hcb)
    taskforce = factories.CoordinationBodyFactory(code="TF", kind="taskforce", parent=working_group)
    client.force_login(secretariat)
    url = reverse("setup:body_update", args=[hcb.pk])
    form = client.get(url).context["form"]
    assert hcb not in form.fields["parent"].queryset
    fields = body_fields(code="HCB", kind="high_level", name_en="Renamed", parent=taskforce.pk)
    response = client.post(url, fields)
    assert response.status_code == 200
    assert response.context["form"].errors["parent"] == [
        "A body cannot report to itself, nor to a body that reports to it."
    ]
    hcb.refresh_from_db()
    assert hcb.parent is None and hcb.name_en != "Renamed"
    # Moving a taskforce under another body is fine.
    other = factories.CoordinationBodyFactory(code="TWG2", kind="working_group", parent=hcb)
    fields = body_fields(code="TF", kind="taskforce", parent=other.pk)
    assert client.post(reverse("setup:body_update", args=[taskforce.pk]), fields).status_code == 302
    taskforce.refresh_from_db()
    assert taskforce.parent == other


# Seats: members, chair, alternates


def seat_fields(**overrides):
    return {
        "role": MembershipRole.MEMBER,
        "ministry": "",
        "full_name": "",
        "position": "Deputy minister",
        "email": "",
        "user": "",
        "alternate_for": "",
        "is_active": "on",
        **overrides,
    }


def test_seats_for_ministries_a_chair_and_an_alternate(client, secretariat, hcb, momd, steering):
    client.force_login(secretariat)
    url = reverse("setup:membership_create", args=[hcb.pk])
    assert (
        client.post(url, seat_fields(ministry=momd.pk, full_name="Ali Hassan")).status_code == 302
    )
    # A seat held in the chair's own right, named after their portal account.
    steering.first_name, steering.last_name = "Huda", "Karim"
    steering.save()
    chair_fields = seat_fields(role=MembershipRole.CHAIR, user=steering.pk)
    assert client.post(url, chair_fields).status_code == 302
    chair = Membership.objects.get(role=MembershipRole.CHAIR)
    assert chair.full_name == "Huda Karim" and chair.user == steering
    vice = seat_fields(
        role=MembershipRole.ALTERNATE, full_name="Vice chair", alternate_for=chair.pk
    )
    assert client.post(url, vice).status_code == 302
    page = client.get(reverse("setup:body_detail", args=[hcb.pk])).content.decode()
    assert "Ali Hassan" in page and "Vice chair" in page
    assert "<strong>role</strong>: – → Chair" in page
    # The chair and their alternate are one seat towards the quorum; MoMD another.
    assert hcb.quorum_reachable_by_members() == (2, 3)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"role": MembershipRole.CHAIR, "full_name": "Second chair"},
            "role",
            "This body already has a chair, First chair: change their seat first.",
        ),
        (
            {"role": MembershipRole.MEMBER, "full_name": "Someone", "alternate_for": "first"},
            "alternate_for",
            "Only an alternate stands in for another member.",
        ),
        (
            {"role": MembershipRole.ALTERNATE, "full_name": "Deputy", "alternate_for": "moi"},
            "alternate_for",
            "An alternate sits for the same ministry as the member they stand in for.",
        ),
        (
            {"role": MembershipRole.ALTERNATE, "full_name": "Deputy"},
            "alternate_for",
            "Choose the member this alternate stands in for.",
        ),
        ({"full_name": ""}, "full_name", "Give the member's name, or choose their portal account."),
        (
            {"full_name": "MoI member", "ministry": "moi"},
            "full_name",
            "This person already has a seat in this body for the same ministry.",
        ),
        (
            {"full_name": "Someone", "email": "not an address"},
            "email",
            "Enter a valid email address.",
        ),
    ],
)
def test_a_seat_with_bad_input_keeps_the_form_and_saves_nothing(
    client, secretariat, hcb, moi, momd, fields, field, message
):
    first = seat(hcb, role=MembershipRole.CHAIR, full_name="First chair")
    moi_seat = seat(hcb, moi, full_name="MoI member")
    fields = {
        **fields,
        **{
            name: {"first": first.pk, "moi": moi.pk}.get(value, value)
            for name, value in fields.items()
            if name in ("alternate_for", "ministry")
        },
    }
    if fields.get("alternate_for") == moi.pk:
        fields["alternate_for"], fields["ministry"] = moi_seat.pk, momd.pk
    client.force_login(secretariat)
    response = client.post(
        reverse("setup:membership_create", args=[hcb.pk]), seat_fields(position="Typed", **fields)
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert response.context["form"]["position"].value() == "Typed"
    assert Membership.objects.count() == 2


# The quorum rule


def test_a_share_of_the_member_ministries_is_rounded_up(hcb, ministries):
    hcb.quorum_rule, hcb.quorum_share = QuorumRule.SHARE, 50
    hcb.save()
    for ministry in ministries:
        seat(hcb, ministry)
    # An alternate, an observer and an inactive seat add no ministry.
    seat(hcb, ministries[0], role=MembershipRole.ALTERNATE)
    seat(hcb, factories.MinistryFactory(code="OBS"), role=MembershipRole.OBSERVER)
    seat(hcb, factories.MinistryFactory(code="OLD"), is_active=False)
    assert hcb.member_ministry_count() == 5
    assert hcb.quorum_needed() == 3  # half of 5, rounded up
    hcb.quorum_share = 60
    assert hcb.quorum_needed() == 3
    hcb.quorum_share = 100
    assert hcb.quorum_needed() == 5
    hcb.quorum_rule, hcb.quorum = QuorumRule.COUNT, 4
    assert hcb.quorum_needed() == 4


def test_attendance_counts_against_the_share_rule(hcb, ministries):
    hcb.quorum_rule, hcb.quorum_share = QuorumRule.SHARE, 50
    hcb.save()
    seats = [seat(hcb, ministry) for ministry in ministries]
    alternate = seat(hcb, ministries[0], role=MembershipRole.ALTERNATE, full_name="Alt")
    meeting = factories.MeetingFactory(body=hcb, invited_ministries=ministries)
    for present in (seats[0], alternate, seats[1]):
        Invitation.objects.create(
            meeting=meeting,
            membership=present,
            ministry=present.ministry,
            name=present.full_name,
            attended=True,
        )
    assert quorum(meeting) == (2, 3, False)
    Invitation.objects.create(
        meeting=meeting, membership=seats[2], ministry=ministries[2], name="x", attended=True
    )
    assert quorum(meeting) == (3, 3, True)


def test_the_body_page_warns_when_its_members_cannot_make_the_quorum(
    client, secretariat, hcb, momd, moi
):
    seat(hcb, momd)
    seat(hcb, moi)
    seat(hcb, moi, role=MembershipRole.ALTERNATE, full_name="MoI alternate")
    client.force_login(secretariat)
    url = reverse("setup:body_detail", args=[hcb.pk])
    assert (
        "The quorum cannot be reached: 3 members must be present, but the active seats count "
        "for only 2." in (client.get(url).content.decode())
    )
    hcb.quorum = 2
    hcb.save()
    assert "The quorum cannot be reached" not in client.get(url).content.decode()


def test_publishing_and_inviting_warn_when_those_invited_cannot_make_the_quorum(
    client, secretariat, hcb, ministries, administrator
):
    hcb.quorum_rule, hcb.quorum_share = QuorumRule.SHARE, 50
    hcb.save()
    for ministry in ministries:
        seat(hcb, ministry)
    meeting = factories.MeetingFactory(body=hcb, invited_ministries=ministries[:2])
    assert quorum_within_reach(meeting) == (2, 3, False)
    client.force_login(secretariat)
    warning = "Those invited cannot make the quorum: 2 of them count towards it"
    response = client.post(reverse("meetings:publish", args=[meeting.pk]), follow=True)
    assert any(text.startswith(warning) for text in messages_of(response))
    # A warning, not a refusal.
    meeting.refresh_from_db()
    assert meeting.agenda_state == AgendaState.PUBLISHED
    response = client.post(
        reverse("meetings:invite_person", args=[meeting.pk]),
        {"person": administrator.pk},
        follow=True,
    )
    assert any(text.startswith(warning) for text in messages_of(response))
    assert meeting.invitations.filter(user=administrator).exists()
    meeting.invited_ministries.add(ministries[2])
    assert quorum_within_reach(meeting) == (3, 3, True)
    response = client.post(reverse("meetings:publish", args=[meeting.pk]), follow=True)
    assert not any("cannot make the quorum" in text for text in messages_of(response))


# The list


def test_the_body_list_costs_the_same_whatever_its_length(client, secretariat, hcb, momd):
    client.force_login(secretariat)
    url = reverse("setup:body_list")
    seat(hcb, momd)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for number in range(30):
        body = factories.CoordinationBodyFactory(
            code=f"TF{number}",
            kind="taskforce",
            parent=hcb,
            quorum_rule=QuorumRule.SHARE,
            quorum_share=50,
        )
        seat(body, momd)
        seat(body, role=MembershipRole.CHAIR, full_name=f"Chair {number}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {"page": 2})
    assert len(many) == len(few)
    rows = list(response.context["page_obj"])
    assert rows and all(row.chair_name.startswith("Chair") for row in rows if row.code != "HCB")
    assert "50 % of the member ministries (1): 1 member present" in response.content.decode()
