"""Security findings about accounts (issue 12): nobody is given a ministry outside the People
pages; a privileged account's e-mail address or second factor changes only once a second
person confirms; a key being set up is shown to one session only; switching two-factor on or
resetting it ends the person's other sessions; new backup codes need a current code.

Mona acts for MoMD, Omar for MoI."""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from guardian.admin import GuardedModelAdminMixin
from guardian.models import GroupObjectPermission, UserObjectPermission

from coordination import access
from coordination.models import (
    Ministry,
    MinistryGroupObjectPermission,
    MinistryUserObjectPermission,
    User,
)

pytestmark = pytest.mark.django_db


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
