"""The admin: the secretariat manages records but never user accounts' powers."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from coordination.models import Role, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_secretariat_group_has_no_power_over_user_accounts():
    call_command("seed_demo", "--password", "pw-2026-demo", stdout=io.StringIO())
    codenames = set(
        Group.objects.get(name="Secretariat").permissions.values_list("codename", flat=True)
    )
    assert "change_priorityaction" in codenames
    assert not {"add_user", "change_user", "delete_user"} & codenames


def test_an_administrator_who_may_edit_users_cannot_make_anyone_superuser(client):
    from django.contrib.auth.models import Permission

    deputy = UserFactory(username="deputy", role=Role.ADMINISTRATOR, is_staff=True)
    deputy.user_permissions.add(
        Permission.objects.get(codename="change_user"), Permission.objects.get(codename="view_user")
    )
    client.force_login(deputy)
    url = reverse("admin:coordination_user_change", args=[deputy.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="is_superuser"' not in page.content.decode()
    client.post(
        url,
        {
            "username": "deputy",
            "role": "administrator",
            "is_superuser": "on",
            "is_staff": "on",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    deputy.refresh_from_db()
    assert not deputy.is_superuser


def test_the_admin_is_for_administrators_only(client, secretariat, administrator):
    """The secretariat works on the set-up pages; staff status alone opens nothing either."""
    client.force_login(secretariat)
    refused = client.get(reverse("admin:index"))
    assert refused.status_code == 302
    assert refused.url.startswith(reverse("admin:login"))
    assert client.get(reverse("admin:coordination_ministry_changelist")).status_code == 302
    assert 'href="/admin/"' not in client.get(reverse("home")).content.decode()
    secretariat.is_staff = True
    secretariat.save(update_fields=["is_staff"])
    assert client.get(reverse("admin:index")).status_code == 302
    client.force_login(administrator)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:coordination_ministry_changelist")).status_code == 200
    assert 'href="/admin/"' in client.get(reverse("home")).content.decode()


def test_the_secretariat_is_not_made_staff(client, administrator):
    client.force_login(administrator)
    fields = {
        "username": "sara",
        "email": "sara@imag.gov.iq",
        "first_name": "Sara",
        "last_name": "Ali",
        "language": "en",
    }
    client.post(reverse("people:account_create"), {**fields, "role": Role.SECRETARIAT})
    assert not User.objects.get(username="sara").is_staff
    client.post(
        reverse("people:account_create"),
        {**fields, "username": "adam", "email": "adam@imag.gov.iq", "role": Role.ADMINISTRATOR},
    )
    assert User.objects.get(username="adam").is_staff


def test_an_administrator_can_grant_staff(client, administrator, steering):
    client.force_login(administrator)
    url = reverse("admin:coordination_user_change", args=[steering.pk])
    assert 'name="is_superuser"' in client.get(url).content.decode()
    assert User.objects.filter(is_superuser=True).count() == 1


def test_the_migration_takes_staff_status_from_the_secretariat_only(secretariat, administrator):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "coordination.migrations.0010_secretariat_without_staff_status"
    )
    User.objects.filter(pk=secretariat.pk).update(is_staff=True)
    migration.secretariat_without_staff_status(apps, None)
    secretariat.refresh_from_db()
    administrator.refresh_from_db()
    assert not secretariat.is_staff and administrator.is_staff
