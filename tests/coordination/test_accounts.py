"""The secretariat keeps people's accounts: opens them, appoints focal points to ministries,
deactivates them; every change lands in the audit trail."""

import re

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from coordination import access, notification_kinds
from coordination.models import Notification, Role, User
from tests import factories


def signs_in(client, username, password) -> bool:
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


def new_account(**overrides):
    return {
        "username": "salma",
        "first_name": "Salma",
        "last_name": "Kareem",
        "email": "salma@momd.gov.iq",
        "role": Role.FOCAL_POINT,
        "language": "ar",
        **overrides,
    }


def test_the_secretariat_opens_a_focal_point_account_which_chooses_its_password(
    client, story, momd, django_capture_on_commit_callbacks
):
    client.force_login(story["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("people:account_create"), {**new_account(), "ministries": [momd.pk]}
        )
    salma = User.objects.get(username="salma")
    assert response.status_code == 302
    assert response.url == reverse("people:account_detail", args=[salma.pk])
    assert not salma.has_usable_password()
    assert access.ministry_ids(salma) == {momd.pk}
    assert Notification.objects.filter(recipient=salma, kind=notification_kinds.ACCOUNT_CREATED)
    [email] = mail.outbox
    assert email.to == ["salma@momd.gov.iq"]
    link = re.search(r"https?://[^\s]+", email.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.logout()
    form = client.get("/" + path, follow=True, headers={"accept-language": "en"})
    assert form.status_code == 200
    assert 'lang="ar"' in form.content.decode()  # Salma's language, not the browser's
    chosen = "Tigris-and-Euphrates-2026"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": chosen, "new_password2": chosen}
    )
    assert done.status_code == 302
    assert signs_in(client, "salma", chosen)


def test_a_refused_account_keeps_what_was_typed_and_saves_nothing(client, story, momd):
    factories.UserFactory(username="other", email="salma@momd.gov.iq")
    client.force_login(story["secretariat"])
    response = client.post(
        reverse("people:account_create"),
        {**new_account(role=Role.STEERING), "ministries": [momd.pk]},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Another account already uses this e-mail address." in page
    assert "Only focal points act for ministries." in page
    assert 'value="Kareem"' in page
    assert not User.objects.filter(username="salma").exists()


def test_the_secretariat_cannot_make_or_touch_an_administrator(client, story):
    client.force_login(story["secretariat"])
    response = client.post(reverse("people:account_create"), new_account(role=Role.ADMINISTRATOR))
    assert response.status_code == 200
    assert not User.objects.filter(username="salma").exists()
    admin_page = reverse("people:account_update", args=[story["administrator"].pk])
    assert client.get(admin_page).status_code == 403
    deactivate = reverse("people:account_active", args=[story["administrator"].pk])
    assert client.post(deactivate, {"active": "0"}).status_code == 403
    story["administrator"].refresh_from_db()
    assert story["administrator"].is_active


@pytest.mark.parametrize("role", ["fp_momd", "steering", "fp_unassigned"])
def test_only_the_secretariat_and_administrators_reach_the_people_pages(client, story, role):
    client.force_login(story[role])
    other = story["fp_moi"]
    for url in (
        reverse("people:account_list"),
        reverse("people:account_create"),
        reverse("people:account_detail", args=[other.pk]),
        reverse("people:account_update", args=[other.pk]),
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("people:account_active", args=[other.pk]), {"active": "0"})
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.is_active


def test_a_deactivated_focal_point_is_signed_out_and_cannot_sign_in(client, story):
    mona = story["fp_momd"]
    mona.set_password("Tigris-2026-river")
    mona.save()
    assert signs_in(client, "mona", "Tigris-2026-river")
    secretariat = factories.UserFactory(username="sec2", role=Role.SECRETARIAT)
    staff = client.__class__()
    staff.force_login(secretariat)
    response = staff.post(reverse("people:account_active", args=[mona.pk]), {"active": "0"})
    assert response.status_code == 302
    assert client.get(reverse("strategy:action_list")).status_code == 302  # to sign-in
    assert not signs_in(client, "mona", "Tigris-2026-river")
    entry = LogEntry.objects.get_for_object(mona).get(
        action=LogEntry.Action.UPDATE, changes__has_key="is_active"
    )
    assert entry.actor == secretariat


def test_nobody_deactivates_their_own_account(client, story):
    secretariat = story["secretariat"]
    client.force_login(secretariat)
    response = client.post(
        reverse("people:account_active", args=[secretariat.pk]), {"active": "0"}, follow=True
    )
    assert "You cannot deactivate your own account." in response.content.decode()
    secretariat.refresh_from_db()
    assert secretariat.is_active


def test_moving_a_focal_point_to_another_ministry_moves_what_they_see(client, story, moi):
    from coordination.services import secretariat_group

    secretariat_group()  # exists, as in every real portal
    mona = story["fp_momd"]
    client.force_login(story["secretariat"])
    response = client.post(
        reverse("people:account_update", args=[mona.pk]),
        {
            "username": mona.username,
            "first_name": "Mona",
            "last_name": mona.last_name,
            "email": "mona@moi.gov.iq",
            "role": Role.FOCAL_POINT,
            "language": "en",
            "ministries": [moi.pk],
        },
    )
    assert response.status_code == 302
    mona = User.objects.get(pk=mona.pk)
    assert access.ministry_ids(mona) == {moi.pk}
    assert access.can(mona, access.VIEW, story["action_moi"])
    assert not access.can(mona, access.VIEW, story["action_momd"])
    page = client.get(reverse("people:account_detail", args=[mona.pk])).content.decode()
    assert "mona@moi.gov.iq" in page
    # The audit trail names the ministries, not Python's words for the change.
    assert f"added: {moi.name} ({moi.code})" in page
    assert "removed: Ministry of Migration and Displacement (MoMD)" in page
    # She never was in the secretariat: saving her writes no such removal.
    assert "Secretariat" not in "".join(
        str(e.changes) for e in LogEntry.objects.get_for_object(mona)
    )
    assert "None" not in page and "operation" not in page
    entries = LogEntry.objects.get_for_object(mona)
    assert entries.filter(changes__has_key="groups", actor=story["secretariat"]).exists()
    assert entries.filter(changes__has_key="email", actor=story["secretariat"]).exists()


def test_nobody_changes_their_own_role(client, story):
    secretariat = story["secretariat"]
    client.force_login(secretariat)
    response = client.post(
        reverse("people:account_update", args=[secretariat.pk]),
        {
            "username": secretariat.username,
            "email": "sec@imag.gov.iq",
            "role": Role.STEERING,
            "language": "en",
        },
    )
    assert response.status_code == 200
    assert "You cannot change your own role." in response.content.decode()
    secretariat.refresh_from_db()
    assert secretariat.role == Role.SECRETARIAT


def test_the_people_list_filters_and_costs_the_same_whatever_its_length(
    client, story, momd, django_assert_max_num_queries
):
    client.force_login(story["secretariat"])
    url = reverse("people:account_list")
    codes = lambda **query: {  # noqa: E731
        account.username for account in client.get(url, query).context["page_obj"]
    }
    assert codes(ministry=momd.pk) == {"mona"}
    assert codes(role=Role.STEERING) == {"steering"}
    assert codes(q="nadi") == {"nadia"}
    with django_assert_max_num_queries(12):
        client.get(url)
    for number in range(40):
        factories.UserFactory(username=f"fp{number}", role=Role.FOCAL_POINT)
    with django_assert_max_num_queries(12):
        client.get(url, {"page": 2})


def test_the_secretariat_resets_a_lost_second_factor_but_not_an_administrators(client, story):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from coordination import two_factor
    from tests.two_factor import authenticator

    # A focal point's is reset at once; a privileged account's waits for a second person
    # (tests/coordination/test_security_accounts.py).
    focal_point, administrator = story["fp_moi"], story["administrator"]
    authenticator(focal_point), authenticator(administrator)
    client.force_login(story["secretariat"])
    page = client.get(reverse("people:account_detail", args=[focal_point.pk])).content.decode()
    assert "Reset two-factor authentication" in page
    response = client.post(reverse("people:account_two_factor_reset", args=[focal_point.pk]))
    assert response.status_code == 302
    assert not two_factor.is_enrolled(focal_point)
    entries = LogEntry.objects.get_for_object(focal_point).filter(changes__has_key="two_factor")
    assert [(e.actor, e.changes_dict["two_factor"][1]) for e in entries if e.actor] == [
        (story["secretariat"], "reset")
    ]
    page = client.get(reverse("people:account_detail", args=[focal_point.pk])).content.decode()
    assert "Two-factor authentication</strong>: – → reset" in page
    refused = client.post(reverse("people:account_two_factor_reset", args=[administrator.pk]))
    assert refused.status_code == 403
    assert TOTPDevice.objects.filter(user=administrator).exists()


def test_staff_status_and_the_secretariat_group_follow_the_role(client, story):
    from coordination.services import SECRETARIAT_GROUP

    client.force_login(story["administrator"])
    fields = {**new_account(username="sami", email="sami@imag.gov.iq"), "language": "en"}
    client.post(reverse("people:account_create"), {**fields, "role": Role.ADMINISTRATOR})
    sami = User.objects.get(username="sami")
    assert sami.is_staff and not sami.groups.filter(name=SECRETARIAT_GROUP).exists()
    # A privileged account's role is the administrators' to change (see the takeover test).
    response = client.post(
        reverse("people:account_update", args=[sami.pk]), {**fields, "role": Role.SECRETARIAT}
    )
    assert response.status_code == 302
    sami.refresh_from_db()
    # The secretariat works on the set-up pages, not in Django's admin.
    assert not sami.is_staff and sami.groups.filter(name=SECRETARIAT_GROUP).exists()
    client.post(
        reverse("people:account_update", args=[sami.pk]), {**fields, "role": Role.FOCAL_POINT}
    )
    sami.refresh_from_db()
    assert not sami.is_staff and not sami.groups.filter(name=SECRETARIAT_GROUP).exists()
    client.force_login(sami)
    assert client.get(reverse("admin:meetings_meeting_changelist")).status_code == 302


def test_nobody_resets_their_own_second_factor(client, story):
    from coordination import two_factor

    secretariat = story["secretariat"]
    client.force_login(secretariat)
    response = client.post(reverse("people:account_two_factor_reset", args=[secretariat.pk]))
    assert response.status_code == 403
    assert two_factor.is_enrolled(secretariat)


def test_the_secretariat_cannot_demote_a_privileged_account_to_skip_the_second_person(
    client, story
):
    """Demoted to focal point, a steering member's e-mail would change at once and their
    second factor reset without a second person, and a password reset would follow."""
    steering = story["steering"]
    client.force_login(story["secretariat"])
    fields = {
        "username": steering.username,
        "first_name": "Salah",
        "last_name": "Steer",
        "email": steering.email or "steering@imag.gov.iq",
        "language": "en",
    }
    response = client.post(
        reverse("people:account_update", args=[steering.pk]),
        {**fields, "role": Role.FOCAL_POINT},
    )
    assert response.status_code == 200 and "role" in response.context["form"].errors
    steering.refresh_from_db()
    assert steering.role == Role.STEERING
    from coordination.forms import AccountForm
    from coordination.services import save_account

    crafted = AccountForm(
        instance=steering, user=story["administrator"], data={**fields, "role": Role.FOCAL_POINT}
    )
    assert crafted.is_valid(), crafted.errors
    with pytest.raises(PermissionDenied):
        save_account(account=crafted.instance, ministries=[], by=story["secretariat"])
    steering.refresh_from_db()
    assert steering.role == Role.STEERING
