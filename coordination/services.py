"""Writes that touch access: who acts for which ministry."""

from django.contrib.auth.models import Group
from django.db import transaction
from guardian.shortcuts import assign_perm

from coordination.access import ACT_FOR_MINISTRY, forget_ministry_ids
from coordination.models import Ministry, Role, User


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
