"""Writes that touch access: accounts, and who acts for which ministry."""

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from coordination import notification_kinds
from coordination.access import ACT_FOR_MINISTRY, forget_ministry_ids
from coordination.models import Ministry, Role, User
from coordination.notifications import notify


@transaction.atomic
def ensure_ministry_group(ministry: Ministry) -> Group:
    """The ministry's group, created with its act-for permission on first use."""
    if ministry.group_id is None:
        group, _ = Group.objects.get_or_create(name=f"ministry:{ministry.code}")
        ministry.group = group
        ministry.save(update_fields=["group"])
    assign_perm(f"coordination.{ACT_FOR_MINISTRY}", ministry.group, ministry)
    return ministry.group


@transaction.atomic
def appoint_focal_point(*, user: User, ministry: Ministry) -> None:
    """Let ``user`` act for ``ministry`` from their next request on."""
    if user.role != Role.FOCAL_POINT:
        raise ValueError("Only focal points are appointed to ministries.")
    user.groups.add(ensure_ministry_group(ministry))
    forget_ministry_ids(user)


@transaction.atomic
def withdraw_focal_point(*, user: User, ministry: Ministry) -> None:
    if ministry.group_id is not None:
        user.groups.remove(ministry.group)
    forget_ministry_ids(user)


SECRETARIAT_GROUP = "Secretariat"
# Roles that work in Django's admin as well as in the portal.
STAFF_ROLES = {Role.SECRETARIAT, Role.ADMINISTRATOR}


def secretariat_group() -> Group:
    """The group that gives the secretariat Django's admin on the portal's records; not on
    user accounts: whoever may edit users may make themselves superuser."""
    group, created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    if created:
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label__in=["coordination", "strategy", "meetings"]
            ).exclude(content_type__model="user")
        )
    return group


def follow_role(user: User) -> None:
    """Staff status and the secretariat group follow the role, so that a person moved out
    of the secretariat loses the admin with it. Call before and after saving: the flag is a
    field, the group a relation of the saved user."""
    user.is_staff = user.is_superuser or user.role in STAFF_ROLES
    if user.pk is None:
        return
    if user.role == Role.SECRETARIAT:
        user.groups.add(secretariat_group())
    else:
        user.groups.remove(*Group.objects.filter(name=SECRETARIAT_GROUP))


def appointed_ministries(user: User) -> "set[Ministry]":
    """The ministries the user acts for through their groups, as appointed here."""
    return set(Ministry.objects.filter(group__user=user))


def set_password_path(user: User) -> str:
    """A link to choose a password, valid until it is used or PASSWORD_RESET_TIMEOUT ends."""
    return reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


@transaction.atomic
def save_account(*, account: User, ministries) -> User:
    """Save an account and the ministries it acts for (focal points only). A new account
    has no password: its owner chooses one through the link e-mailed to them."""
    created = account.pk is None
    if created:
        account.set_unusable_password()
    follow_role(account)
    account.save()
    follow_role(account)
    current = appointed_ministries(account)
    wanted = set(ministries) if account.role == Role.FOCAL_POINT else set()
    for ministry in wanted - current:
        appoint_focal_point(user=account, ministry=ministry)
    for ministry in current - wanted:
        withdraw_focal_point(user=account, ministry=ministry)
    if created:
        notify(
            recipients=[account],
            kind=notification_kinds.ACCOUNT_CREATED,
            params={"username": account.username},
            url=set_password_path(account),
        )
    return account


@transaction.atomic
def set_account_active(*, account: User, active: bool, by: User) -> None:
    """Deactivate or reactivate an account. A deactivated person is signed out at their
    next request and can no longer sign in; their records and history stay."""
    if account.pk == by.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    account.is_active = active
    account.save(update_fields=["is_active"])
