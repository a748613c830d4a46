"""Security findings about accounts (issue 12): nobody is given a ministry outside the People
pages; a privileged account's e-mail address or second factor changes only once a second
person confirms; a key being set up is shown to one session only; switching two-factor on or
resetting it ends the person's other sessions; new backup codes need a current code.

Mona acts for MoMD, Omar for MoI."""

import base64
from datetime import timedelta

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from guardian.admin import GuardedModelAdminMixin
from guardian.models import GroupObjectPermission, UserObjectPermission

from coordination import access, two_factor
from coordination.models import (
    Ministry,
    MinistryGroupObjectPermission,
    MinistryUserObjectPermission,
    User,
)
from tests.conftest import Client
from tests.two_factor import authenticator, current_code

pytestmark = pytest.mark.django_db

HOME = reverse("home")
LOGIN = reverse("login")
ENROL = reverse("account:two_factor_enrol")
SECURITY = reverse("account:security")
BACKUP_CODES = reverse("account:backup_codes")


def key_bytes(secret: str) -> bytes:
    return base64.b32decode(secret.replace(" ", ""))


@pytest.fixture
def secretariat(secretariat):
    """The secretariat as the People pages make it: with the admin's rights on records."""
    from coordination.services import follow_role

    follow_role(secretariat)
    return secretariat


# Item 3: appointments only through the People pages


def ministries_of(user) -> frozenset[int]:
    return access.ministry_ids(User.objects.get(pk=user.pk))


@pytest.mark.parametrize("role", ["secretariat", "administrator"])
def test_the_admin_has_no_screen_that_lets_someone_act_for_a_ministry(
    client, story, momd, moi, role
):
    mona = story["fp_momd"]
    client.force_login(story[role])
    screen = f"/admin/coordination/ministry/{moi.pk}/permissions/"
    # Django's admin reads the address as an old-style link to a ministry "<id>/permissions",
    # which does not exist: back to the admin's index.
    page = client.get(screen, follow=True)
    assert page.redirect_chain[-1][0] == reverse("admin:index")
    assert "Object permissions" not in page.content.decode()
    grant = {"permissions": ["act_for_ministry"]}
    by_user = client.post(f"{screen}user-manage/{mona.pk}/", grant, follow=True)
    assert by_user.redirect_chain[-1][0] == reverse("admin:index")
    by_group = client.post(f"{screen}group-manage/{momd.group_id}/", grant, follow=True)
    assert by_group.redirect_chain[-1][0] == reverse("admin:index")
    assert ministries_of(mona) == {momd.pk}
    with pytest.raises(NoReverseMatch):
        reverse("admin:coordination_ministry_permissions", args=[moi.pk])


def test_the_admin_edits_no_grant_of_a_ministry():
    guarded = [m for m, a in admin.site._registry.items() if isinstance(a, GuardedModelAdminMixin)]
    assert Ministry not in guarded
    grants = {
        MinistryUserObjectPermission,
        MinistryGroupObjectPermission,
        UserObjectPermission,
        GroupObjectPermission,
    }
    assert not grants & set(admin.site._registry)


@pytest.mark.parametrize("role", ["secretariat", "administrator"])
def test_the_admins_user_screen_does_not_put_anyone_in_a_ministrys_group(
    client, story, momd, moi, role
):
    from django.contrib.auth.models import Permission

    mona, omar = story["fp_momd"], story["fp_moi"]
    editor = story[role]
    # Even a staff member who was given the user screens (the secretariat is not, by default).
    editor.user_permissions.add(
        Permission.objects.get(codename="change_user"), Permission.objects.get(codename="view_user")
    )
    client.force_login(editor)
    url = reverse("admin:coordination_user_change", args=[mona.pk])
    client.post(
        url,
        {
            "username": mona.username,
            "email": mona.email,
            "role": mona.role,
            "is_active": "on",
            "groups": [momd.group_id, moi.group_id],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    assert ministries_of(mona) == {momd.pk}
    assert ministries_of(omar) == {moi.pk}
    assert 'name="groups"' not in client.get(url).content.decode()


# Item 8b: a key being set up, other sessions, backup codes


def shown_key(client) -> str:
    return client.get(ENROL).context["secret"]


def test_a_key_being_set_up_is_shown_to_the_session_that_made_it_only(client, story):
    user = story["secretariat"]
    client.force_login(user, second_factor=False)
    first = shown_key(client)
    assert shown_key(client) == first  # a reload after scanning still matches the app
    other = Client()
    other.force_login(user, second_factor=False)
    second = shown_key(other)
    assert second != first
    # The first key no longer switches anything on; that session is shown a new one.
    client.post(ENROL, {"code": current_code(TOTPDevice.objects.get(), key=key_bytes(first))})
    assert not two_factor.is_enrolled(user)
    assert shown_key(client) not in (first, second)


def test_each_sign_in_makes_a_new_key(client, story):
    user = story["steering"]
    client.force_login(user, second_factor=False)
    first = shown_key(client)
    client.force_login(user, second_factor=False)
    assert shown_key(client) != first


def test_a_key_older_than_ten_minutes_is_replaced(client, story):
    user = story["steering"]
    client.force_login(user, second_factor=False)
    first = shown_key(client)
    TOTPDevice.objects.filter(user=user).update(created_at=timezone.now() - timedelta(minutes=9))
    assert shown_key(client) == first
    TOTPDevice.objects.filter(user=user).update(created_at=timezone.now() - timedelta(minutes=11))
    assert shown_key(client) != first
    assert TOTPDevice.objects.filter(user=user).count() == 1


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_switching_two_factor_on_ends_the_persons_other_sessions(client, story):
    user, colleague = story["secretariat"], story["steering"]
    elsewhere, colleagues = Client(), Client()
    elsewhere.force_login(user, second_factor=False)
    colleagues.force_login(colleague)
    client.force_login(user, second_factor=False)
    client.get(ENROL)
    response = client.post(ENROL, {"code": current_code(TOTPDevice.objects.get(user=user))})
    assert response.status_code == 302 and two_factor.is_enrolled(user)
    assert elsewhere.get(HOME).url == f"{LOGIN}?next=/"
    assert not is_signed_in(elsewhere)
    assert client.get(HOME).status_code == 200
    assert colleagues.get(HOME).status_code == 200


def test_a_reset_signs_the_person_out_everywhere(client, story):
    mona = story["fp_momd"]
    authenticator(mona)
    client.force_login(mona, second_factor=False)  # the password only, as a thief would
    verified = Client()
    verified.force_login(mona)
    two_factor.reset_two_factor(user=mona, by=story["secretariat"])
    for session in (client, verified):
        assert session.get(ENROL).url == f"{LOGIN}?next={ENROL}"
        assert not is_signed_in(session)


def test_new_backup_codes_need_a_current_code(client, story):
    user = story["steering"]
    device = authenticator(user)
    old = {
        StaticToken.objects.create(device=backup, token=code).token
        for backup in [StaticDevice.objects.create(user=user, name="backup", confirmed=True)]
        for code in ("alpha234", "bravo567")
    }
    client.force_login(user)
    page = client.get(SECURITY).content.decode()
    assert 'name="backup_codes-code"' in page
    for refused in ({}, {"backup_codes-code": "123456"}, {"backup_codes-code": "alpha234"}):
        response = client.post(BACKUP_CODES, refused)
        assert response.status_code == 200
        assert 'aria-invalid="true"' in response.content.decode()
        assert set(StaticToken.objects.values_list("token", flat=True)) == old
        TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    response = client.post(BACKUP_CODES, {"backup_codes-code": current_code(device)})
    assert response.url == BACKUP_CODES
    assert not set(StaticToken.objects.values_list("token", flat=True)) & old


def test_a_code_from_an_expired_key_is_told_apart_from_a_wrong_one(client, story):
    user = story["steering"]
    client.force_login(user, second_factor=False)
    first = shown_key(client)
    device = TOTPDevice.objects.get(user=user)
    TOTPDevice.objects.filter(user=user).update(created_at=timezone.now() - timedelta(minutes=11))
    response = client.post(ENROL, {"code": current_code(device, key=key_bytes(first))}, follow=True)
    assert "The key you scanned has expired." in response.content.decode()
    assert response.context["secret"] != first
    assert not two_factor.is_enrolled(user)
