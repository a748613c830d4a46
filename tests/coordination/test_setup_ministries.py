"""The set-up pages of ministries: the secretariat adds a ministry (with the group the access
layer needs), renames it, and makes it inactive; an inactive ministry keeps its records and
their history but is no longer offered for new ones."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coordination import access
from coordination.models import Ministry, Role
from coordination.services import appoint_focal_point
from tests import factories

pytestmark = pytest.mark.django_db


def ministry_fields(**overrides):
    return {
        "code": "MoT",
        "name_ar": "وزارة النقل",
        "name_en": "Ministry of Transport",
        "name_ckb": "وەزارەتی گواستنەوە",
        "kind": "federal",
        "is_active": "on",
        **overrides,
    }


def test_a_new_ministry_gets_the_group_its_focal_points_act_through(client, secretariat):
    client.force_login(secretariat)
    response = client.post(reverse("setup:ministry_create"), ministry_fields())
    ministry = Ministry.objects.get(code="MoT")
    assert response.status_code == 302
    assert response.url == reverse("setup:ministry_detail", args=[ministry.pk])
    assert ministry.group.name == "ministry:MoT" and ministry.name_ckb == "وەزارەتی گواستنەوە"
    focal_point = factories.UserFactory(username="tariq", role=Role.FOCAL_POINT)
    appoint_focal_point(user=focal_point, ministry=ministry)
    assert access.ministry_ids(focal_point) == {ministry.pk}
    page = client.get(response.url).content.decode()
    assert "<strong>code</strong>: – → MoT" in page and "tariq" in page


def test_a_new_code_renames_the_group_and_keeps_the_people(client, secretariat, fp_momd, momd):
    client.force_login(secretariat)
    url = reverse("setup:ministry_update", args=[momd.pk])
    assert client.post(url, ministry_fields(code="MoMD2", name_en="Renamed")).status_code == 302
    momd.refresh_from_db()
    assert momd.group.name == "ministry:MoMD2" and not Group.objects.filter(name="ministry:MoMD")
    access.forget_ministry_ids(fp_momd)
    assert access.ministry_ids(fp_momd) == {momd.pk}


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"code": "moi"}, "code", "Another ministry already has this code."),
        ({"name_ar": ""}, "name_ar", "This field is required."),
        (
            {"kind": "planet"},
            "kind",
            "Select a valid choice. planet is not one of the available choices.",
        ),
    ],
)
def test_a_ministry_with_bad_input_keeps_the_form_and_saves_nothing(
    client, secretariat, moi, fields, field, message
):
    client.force_login(secretariat)
    before = set(Group.objects.values_list("name", flat=True))
    response = client.post(reverse("setup:ministry_create"), ministry_fields(**fields))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert response.context["form"]["name_en"].value() == "Ministry of Transport"
    assert list(Ministry.objects.values_list("code", flat=True)) == ["MoI"]
    assert set(Group.objects.values_list("name", flat=True)) == before


def test_an_inactive_ministry_keeps_its_history_and_is_not_offered_for_new_records(
    client, story, momd, administrator
):
    action = story["action_momd"]
    client.force_login(story["secretariat"])
    url = reverse("setup:ministry_update", args=[momd.pk])
    fields = ministry_fields(
        code="MoMD", name_ar=momd.name_ar, name_en=momd.name_en, name_ckb="", is_active=""
    )
    assert client.post(url, fields).status_code == 302
    momd.refresh_from_db()
    assert not momd.is_active and Ministry.objects.filter(pk=momd.pk).exists()
    # Its records stay, and still name it.
    action.refresh_from_db()
    assert action.lead_ministry == momd
    assert (
        momd.code
        in client.get(reverse("strategy:action_detail", args=[action.pk])).content.decode()
    )
    page = client.get(reverse("setup:ministry_detail", args=[momd.pk])).content.decode()
    assert "<strong>active</strong>: yes → no" in page
    assert "This ministry is inactive" in page
    # Its focal point no longer acts for it.
    assert access.ministry_ids(story["fp_momd"]) == frozenset()
    # New records do not offer it.
    form = client.get(reverse("people:account_create")).context["form"]
    assert momd not in form.fields["ministries"].queryset
    body = story["meeting_momd"].body
    form = client.get(reverse("setup:membership_create", args=[body.pk])).context["form"]
    assert momd not in form.fields["ministry"].queryset
    # A seat it already holds keeps it.
    seat = body.memberships.create(ministry=momd, full_name="Former delegate")
    form = client.get(reverse("setup:membership_update", args=[seat.pk])).context["form"]
    assert momd in form.fields["ministry"].queryset
    # Listed, marked inactive; never deleted (there is no such page).
    listing = client.get(reverse("setup:ministry_list")).content.decode()
    assert "Inactive" in listing and momd.code in listing


def test_focal_points_and_the_steering_body_cannot_post_to_set_up_pages(client, story, momd):
    for role in ("fp_momd", "steering"):
        client.force_login(story[role])
        url = reverse("setup:ministry_update", args=[momd.pk])
        assert client.post(url, ministry_fields(code="MoMD", name_en="Taken")).status_code == 403
        assert client.post(reverse("setup:ministry_create"), ministry_fields()).status_code == 403
    momd.refresh_from_db()
    assert momd.name_en != "Taken" and not Ministry.objects.filter(code="MoT").exists()


def test_the_set_up_menu_and_index_are_the_managers(client, story):
    client.force_login(story["secretariat"])
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("setup:index")}"' in home
    index = client.get(reverse("setup:index")).content.decode()
    assert reverse("setup:body_list") in index and reverse("setup:ministry_list") in index
    client.force_login(story["steering"])
    assert reverse("setup:index") not in client.get(reverse("home")).content.decode()


def test_the_ministry_list_costs_the_same_whatever_its_length(client, story):
    client.force_login(story["secretariat"])
    url = reverse("setup:ministry_list")
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for number in range(40):
        ministry = factories.MinistryFactory(code=f"X{number:02d}")
        appoint_focal_point(
            user=factories.UserFactory(username=f"fp-x{number}", role=Role.FOCAL_POINT),
            ministry=ministry,
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {"page": 2})
    assert len(many) == len(few)
    assert [row.focal_points for row in response.context["page_obj"]][:3] == [1, 1, 1]
