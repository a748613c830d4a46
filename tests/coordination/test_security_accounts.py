"""Security findings about accounts (issue 12): nobody is given a ministry outside the People
pages; a privileged account's e-mail address or second factor changes only once a second
person confirms; a key being set up is shown to one session only; switching two-factor on or
resetting it ends the person's other sessions; new backup codes need a current code.

Mona acts for MoMD, Omar for MoI."""

import base64
import re
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.core import mail
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
    Role,
    User,
)
from tests import factories
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


@pytest.fixture
def steering(steering):
    """With the e-mail address every account has (the People pages require one)."""
    steering.email = "steering@imag.gov.iq"
    steering.save()
    return steering


# Item 3: appointments only through the People pages


def ministries_of(user) -> frozenset[int]:
    return access.ministry_ids(User.objects.get(pk=user.pk))


@pytest.mark.parametrize("role", ["administrator"])
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


@pytest.mark.parametrize("superuser", [False, True])
def test_the_admins_user_screen_does_not_put_anyone_in_a_ministrys_group(
    client, story, momd, moi, superuser
):
    from django.contrib.auth.models import Permission

    mona, omar = story["fp_momd"], story["fp_moi"]
    editor = (
        story["administrator"]
        if superuser
        else factories.UserFactory(username="deputy", role=Role.ADMINISTRATOR, is_staff=True)
    )
    # Even an administrator who was given the user screens without being superuser.
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


# Item 8a: a second person confirms a new e-mail address or a reset of a privileged account


@pytest.fixture
def sec2(db):
    """A second member of the secretariat."""
    return factories.UserFactory(
        username="sec2",
        first_name="Sara",
        last_name="Aziz",
        email="sara@imag.gov.iq",
        role=Role.SECRETARIAT,
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def edit(client, account, **changes):
    fields = {
        "username": account.username,
        "first_name": account.first_name,
        "last_name": account.last_name,
        "email": account.email,
        "role": account.role,
        "language": "en",
        **changes,
    }
    return client.post(reverse("people:account_update", args=[account.pk]), fields)


def person_page(client, account) -> str:
    return client.get(reverse("people:account_detail", args=[account.pk])).content.decode()


def decide(client, account, decision: str):
    """Press Confirm or Cancel on the person's page, as it shows them."""
    page = person_page(client, account)
    found = re.search(rf'action="(/people/changes/\d+/{decision}/)"', page)
    assert found, f"no {decision} button"
    return client.post(found.group(1), follow=True)


def email_of(account) -> str:
    return User.objects.get(pk=account.pk).email


def test_a_privileged_accounts_new_email_waits_for_a_second_person_and_the_old_one_is_told(
    client, story, sec2, django_capture_on_commit_callbacks
):
    steering, secretariat = story["steering"], story["secretariat"]
    old = steering.email
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = edit(client, steering, email="taken@over.example", first_name="Renamed")
    assert response.status_code == 302
    assert email_of(steering) == old
    assert User.objects.get(pk=steering.pk).first_name == "Renamed"  # the rest is saved
    [asked] = mail.outbox
    assert asked.to == [old] and "taken@over.example" in asked.body
    page = person_page(client, steering)
    assert "New e-mail address: taken@over.example" in page
    assert "New e-mail address, awaiting confirmation</strong>: " in page
    # The one who asked does not confirm, and is offered no button to.
    assert 'action="/people/changes/' in page and "/confirm/" not in page
    change = steering.account_changes.get()
    assert client.post(reverse("people:account_change_confirm", args=[change.pk])).status_code
    assert email_of(steering) == old

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = decide(signed_in(sec2), steering, "confirm")
    assert "The change is confirmed and made" in confirmed.content.decode()
    assert email_of(steering) == "taken@over.example"
    told = mail.outbox[-1]
    assert told.to == [old]
    assert "taken@over.example" in told.body and "Sara Aziz" in told.body
    changed = LogEntry.objects.get_for_object(steering).filter(changes__has_key="email")
    assert {entry.actor for entry in changed if entry.actor} == {sec2}
    assert f"email address</strong>: {old} → taken@over.example" in person_page(client, steering)


def test_nobody_confirms_a_change_they_asked_for_or_one_to_their_own_account(client, story, sec2):
    secretariat = story["secretariat"]
    client.force_login(secretariat)
    edit(client, sec2, email="sara@elsewhere.example")
    change = sec2.account_changes.get()
    confirm = reverse("people:account_change_confirm", args=[change.pk])
    assert client.post(confirm).status_code == 403  # the one who asked
    owner = signed_in(sec2)
    assert "/confirm/" not in person_page(owner, sec2)
    assert owner.post(confirm).status_code == 403  # the owner
    assert signed_in(story["steering"]).post(confirm).status_code == 403
    assert email_of(sec2) != "sara@elsewhere.example"
    # The owner may withdraw it, though.
    response = decide(owner, sec2, "cancel")
    assert "The change is cancelled." in response.content.decode()
    assert "New e-mail address, cancelled</strong>" in person_page(owner, sec2)
    response = signed_in(story["administrator"]).post(confirm, follow=True)
    assert "This change no longer awaits confirmation." in response.content.decode()
    assert email_of(sec2) != "sara@elsewhere.example"


def test_only_an_administrator_confirms_a_change_to_an_administrators_account(client, story):
    administrator = story["administrator"]
    other = factories.UserFactory(username="admin2", role=Role.ADMINISTRATOR, is_superuser=True)
    client.force_login(other)
    edit(client, administrator, email="new-admin@imag.gov.iq")
    change = administrator.account_changes.get()
    confirm = reverse("people:account_change_confirm", args=[change.pk])
    assert signed_in(story["secretariat"]).post(confirm).status_code == 403
    third = factories.UserFactory(username="admin3", role=Role.ADMINISTRATOR, is_superuser=True)
    assert signed_in(third).post(confirm).status_code == 302
    assert email_of(administrator) == "new-admin@imag.gov.iq"


def test_a_second_new_email_waits_until_the_first_is_decided(client, story):
    steering = story["steering"]
    client.force_login(story["secretariat"])
    edit(client, steering, email="first@imag.gov.iq")
    refused = edit(client, steering, email="second@imag.gov.iq")
    assert refused.status_code == 200
    assert "already awaits confirmation" in refused.content.decode()
    assert steering.account_changes.count() == 1


def test_a_privileged_accounts_reset_waits_for_a_second_person_then_signs_them_out(
    client, story, sec2, django_capture_on_commit_callbacks
):
    steering = story["steering"]
    authenticator(steering)
    owner = signed_in(steering)
    client.force_login(story["secretariat"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("people:account_two_factor_reset", args=[steering.pk]), follow=True
        )
    assert "The reset awaits confirmation" in response.content.decode()
    assert two_factor.is_enrolled(steering)
    assert owner.get(HOME).status_code == 200
    [asked] = mail.outbox
    assert asked.to == [steering.email] and "reset the two-factor" in asked.body
    assert "Two-factor authentication</strong>: – → reset asked, awaiting confirmation" in (
        person_page(client, steering)
    )
    again = client.post(reverse("people:account_two_factor_reset", args=[steering.pk]), follow=True)
    assert "already awaits confirmation" in again.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        decide(signed_in(sec2), steering, "confirm")
    assert not two_factor.is_enrolled(steering)
    assert owner.get(HOME).url == f"{LOGIN}?next=/"
    assert "was reset" in mail.outbox[-1].body and mail.outbox[-1].to == [steering.email]
    entries = LogEntry.objects.get_for_object(steering).filter(changes__has_key="two_factor")
    assert {(e.actor, e.changes_dict["two_factor"][1]) for e in entries} == {
        (story["secretariat"], "reset asked"),
        (sec2, "reset"),
    }


def test_a_focal_points_email_still_changes_at_once(client, story):
    mona = story["fp_momd"]
    client.force_login(story["secretariat"])
    edit(
        client,
        mona,
        email="mona@new.gov.iq",
        ministries=[story["fp_momd"].groups.get().ministry.pk],
    )
    assert email_of(mona) == "mona@new.gov.iq"
    assert not mona.account_changes.exists()


def test_passwords_are_stored_with_argon2_and_an_older_hash_is_upgraded_at_sign_in(
    client, settings
):
    from django.contrib.auth.hashers import make_password

    from imag import settings as portal_settings

    # The portal's own hashers, where an autouse fixture sets the tests' fast one.
    settings.PASSWORD_HASHERS = portal_settings.PASSWORD_HASHERS
    person = factories.UserFactory(role=Role.FOCAL_POINT)
    person.password = make_password("a long passphrase 2026", hasher="pbkdf2_sha256")
    person.save()
    response = client.post(
        LOGIN, {"username": person.username, "password": "a long passphrase 2026"}
    )
    assert response.status_code == 302
    person.refresh_from_db()
    # One lane over 64 MiB, two passes (coordination/hashers.py).
    assert person.password.startswith("argon2$argon2id$v=19$m=65536,t=2,p=1$")
    assert person.check_password("a long passphrase 2026")
