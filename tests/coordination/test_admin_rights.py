"""The admin: the secretariat manages records but never user accounts' powers."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from coordination.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_secretariat_group_has_no_power_over_user_accounts():
    call_command("seed_demo", "--password", "pw-2026-demo", stdout=io.StringIO())
    codenames = set(
        Group.objects.get(name="Secretariat").permissions.values_list("codename", flat=True)
    )
    assert "change_priorityaction" in codenames
    assert not {"add_user", "change_user", "delete_user"} & codenames


def test_a_staff_member_who_may_edit_users_cannot_make_anyone_superuser(client, secretariat):
    from django.contrib.auth.models import Permission

    secretariat.user_permissions.add(
        Permission.objects.get(codename="change_user"), Permission.objects.get(codename="view_user")
    )
    client.force_login(secretariat)
    url = reverse("admin:coordination_user_change", args=[secretariat.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.content.decode()
    client.post(
        url,
        {
            "username": "secretariat",
            "role": "secretariat",
            "is_superuser": "on",
            "is_staff": "on",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    secretariat.refresh_from_db()
    assert not secretariat.is_superuser


def test_an_administrator_can_grant_staff(client, administrator, steering):
    client.force_login(administrator)
    url = reverse("admin:coordination_user_change", args=[steering.pk])
    assert 'name="is_superuser"' in client.get(url).content.decode()
    assert User.objects.filter(is_superuser=True).count() == 1
