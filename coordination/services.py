"""Writes that touch access: accounts, and who acts for which ministry."""

from auditlog.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm

from coordination import access, audit, notification_kinds, two_factor
from coordination.access import ACT_FOR_MINISTRY, forget_ministry_ids
from coordination.models import (
    AccountChange,
    AccountChangeKind,
    AccountChangeState,
    Ministry,
    Role,
    User,
)
from coordination.notifications import notify


def ministry_group_name(ministry: Ministry) -> str:
    """The name of the ministry's group, by its code: the audit trail of a person's groups
    names the ministry by it (coordination.audit)."""
    return f"{audit.MINISTRY_GROUP_PREFIX}{ministry.code}"


@transaction.atomic
def ensure_ministry_group(ministry: Ministry) -> Group:
    """The ministry's group, created with its act-for permission on first use."""
    if ministry.group_id is None:
        group, _ = Group.objects.get_or_create(name=ministry_group_name(ministry))
        ministry.group = group
        ministry.save(update_fields=["group"])
    assign_perm(f"coordination.{ACT_FOR_MINISTRY}", ministry.group, ministry)
    return ministry.group


@transaction.atomic
def save_ministry(ministry: Ministry) -> Ministry:
    """Save a ministry with what the access layer needs: its group, which makes the people
    appointed to it act for it, named after its code (renamed with it). A ministry is never
    deleted: deactivated, it keeps its records and history, its focal points no longer act
    for it, and forms no longer offer it."""
    ministry.save()
    group = ensure_ministry_group(ministry)
    if group.name != ministry_group_name(ministry):
        group.name = ministry_group_name(ministry)
        group.save(update_fields=["name"])
    return ministry


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
# Only administrators work in Django's admin (coordination.admin_site); the secretariat
# keeps bodies, ministries and people on the portal's own set-up pages.
STAFF_ROLES = {Role.ADMINISTRATOR}


def secretariat_group() -> Group:
    """The secretariat's group: its model permissions (never on user accounts: whoever may
    edit users may make themselves superuser) count only with staff status, which only
    administrators have; a member moved to administrator keeps nothing of it."""
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
    of the administrators loses the admin with it. Call before and after saving: the flag is a
    field, the group a relation of the saved user."""
    user.is_staff = user.is_superuser or user.role in STAFF_ROLES
    if user.pk is None:
        return
    # Only real changes: a no-op add or remove would still be written to the audit trail.
    member = user.groups.filter(name=SECRETARIAT_GROUP).exists()
    if user.role == Role.SECRETARIAT and not member:
        user.groups.add(secretariat_group())
    elif user.role != Role.SECRETARIAT and member:
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


def _send_set_password_link(account: User, kind: str) -> None:
    """Notify the account's owner with a link to choose a password: e-mailed once the
    caller's transaction commits (coordination.notifications)."""
    notify(
        recipients=[account],
        kind=kind,
        params={"username": account.username},
        url=set_password_path(account),
    )


# A second link within this time is refused: a double click, or an impatient second try
# while the first e-mail is on its way.
SET_PASSWORD_LINK_INTERVAL = timezone.timedelta(minutes=1)
SET_PASSWORD_LINK_KINDS = (
    notification_kinds.ACCOUNT_CREATED,
    notification_kinds.SET_PASSWORD_LINK,
)


@transaction.atomic
def send_set_password_link_again(*, account: User, by: User) -> None:
    """E-mail an account's owner a new link to choose their password (the first one expired
    or was lost), recorded in the account's audit trail."""
    if not access.can(by, access.CHANGE, account):
        raise PermissionDenied("Only who may change the account sends the link.")
    # Two clicks at once: the second waits here, then finds the first one's notification.
    User.objects.select_for_update().filter(pk=account.pk).first()
    if not account.is_active:
        raise ValidationError(_("The account is deactivated: reactivate it first."))
    if not account.email:
        raise ValidationError(_("The account has no e-mail address to send the link to."))
    recent = account.notifications.filter(
        kind__in=SET_PASSWORD_LINK_KINDS,
        created_at__gte=timezone.now() - SET_PASSWORD_LINK_INTERVAL,
    )
    if recent.exists():
        raise ValidationError(
            _(
                "A link was sent less than a minute ago. Wait a minute, and ask the person "
                "to look in their junk mail first."
            )
        )
    _send_set_password_link(account, notification_kinds.SET_PASSWORD_LINK)
    LogEntry.objects.log_create(
        account,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        changes={audit.SET_PASSWORD_LINK_FIELD: ["", audit.SET_PASSWORD_LINK_SENT]},
        actor=by,
    )


@transaction.atomic
def save_account(*, account: User, ministries, by: User) -> User:
    """Save an account and the ministries it acts for (focal points only). A new account
    has no password: its owner chooses one through the link e-mailed to them. A new e-mail
    address for a privileged account waits for a second person (``ask_for_change``); the
    rest is saved at once."""
    created = account.pk is None
    new_email = None
    if created:
        account.set_unusable_password()
    else:
        stored = User.objects.get(pk=account.pk)
        if account.email != stored.email and needs_second_person(stored):
            new_email, account.email = account.email, stored.email
        # Demoted, the account's next e-mail change or reset would need no second person:
        # only an administrator changes a privileged account's role.
        if (
            account.role != stored.role
            and needs_second_person(stored)
            and not access.administers(by)
        ):
            raise PermissionDenied("Only an administrator changes this account's role.")
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
        _send_set_password_link(account, notification_kinds.ACCOUNT_CREATED)
    if new_email is not None:
        ask_for_change(account=account, kind=AccountChangeKind.EMAIL, new_email=new_email, by=by)
    return account


@transaction.atomic
def set_account_active(*, account: User, active: bool, by: User) -> None:
    """Deactivate or reactivate an account. A deactivated person is signed out at their
    next request and can no longer sign in; their records and history stay."""
    if account.pk == by.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    account.is_active = active
    account.save(update_fields=["is_active"])


# Changes that would let one person take over a privileged account: its e-mail address
# (which receives the password reset link) and its second factor.


def needs_second_person(account: User) -> bool:
    """A privileged account, one that must use a second factor too (the secretariat, the
    steering body, administrators, staff): a new e-mail address or a reset of its second
    factor waits for a second person. Focal points' accounts change at once."""
    return two_factor.is_required(account)


def pending_change(account: User, kind: str) -> AccountChange | None:
    return account.account_changes.pending().filter(kind=kind).first()


def _name(user: User) -> str:
    return user.get_full_name() or user.username


# What the owner is told when a change is asked, and when it is made.
_NOTICES = {
    AccountChangeKind.EMAIL: (
        notification_kinds.EMAIL_CHANGE_ASKED,
        notification_kinds.EMAIL_CHANGED,
    ),
    AccountChangeKind.TWO_FACTOR_RESET: (
        notification_kinds.TWO_FACTOR_RESET_ASKED,
        notification_kinds.TWO_FACTOR_RESET,
    ),
}


@transaction.atomic
def ask_for_change(*, account: User, kind: str, by: User, new_email: str = "") -> AccountChange:
    """Record a change to a privileged account that waits for a second person, in the
    account's audit trail, and tell its owner at their current address."""
    if not access.can(by, access.CHANGE, account):
        raise PermissionDenied("Only who may change the account asks to change it.")
    # Two people asking at once: the second waits here, then finds the first one's change.
    User.objects.select_for_update().filter(pk=account.pk).first()
    if pending_change(account, kind) is not None:
        raise ValidationError(
            _("The same change already awaits confirmation: confirm or cancel it first.")
        )
    change = AccountChange.objects.create(
        account=account, kind=kind, new_email=new_email, requested_by=by
    )
    _audit_change(change, "asked", by=by)
    asked, _made = _NOTICES[kind]
    notify(
        recipients=[account],
        kind=asked,
        params={"asked_by": _name(by), "new_email": new_email},
        email_to=account.email,
    )
    return change


def may_confirm(by: User, change: AccountChange) -> bool:
    """A second person who may change the account: neither the one who asked nor the
    account's owner (so the secretariat confirms for the secretariat and the steering body,
    administrators for administrators)."""
    return by.pk not in {change.requested_by_id, change.account_id} and access.can(
        by, access.CHANGE, change.account
    )


def _still_pending(change: AccountChange) -> AccountChange:
    change = AccountChange.objects.select_for_update().select_related("account").get(pk=change.pk)
    if change.state != AccountChangeState.PENDING:
        raise ValidationError(_("This change no longer awaits confirmation."))
    return change


def _decided(change: AccountChange, state: str, *, by: User) -> None:
    change.state = state
    change.decided_by = by
    change.decided_at = timezone.now()
    change.save(update_fields=["state", "decided_by", "decided_at"])


@transaction.atomic
def confirm_change(*, change: AccountChange, by: User) -> None:
    """Apply a change that waited for a second person, and tell the owner at the address
    the account had until now."""
    change = _still_pending(change)
    if not may_confirm(by, change):
        raise PermissionDenied("The one who asked, or the owner, does not confirm.")
    account = change.account
    old_email = account.email
    if change.kind == AccountChangeKind.EMAIL:
        if User.objects.filter(email__iexact=change.new_email).exclude(pk=account.pk).exists():
            raise ValidationError(_("Another account already uses this e-mail address."))
        account.email = change.new_email
        account.save(update_fields=["email"])
    else:
        two_factor.reset_two_factor(user=account, by=by)
    _decided(change, AccountChangeState.APPLIED, by=by)
    _asked, made = _NOTICES[change.kind]
    notify(
        recipients=[account],
        kind=made,
        params={
            "asked_by": _name(change.requested_by),
            "confirmed_by": _name(by),
            "new_email": change.new_email,
        },
        email_to=old_email,
    )


@transaction.atomic
def cancel_change(*, change: AccountChange, by: User) -> None:
    """Withdraw a change that waits for confirmation: whoever may change the account may,
    the owner included."""
    change = _still_pending(change)
    if not access.can(by, access.CHANGE, change.account):
        raise PermissionDenied("Only who may change the account cancels a change to it.")
    _decided(change, AccountChangeState.CANCELLED, by=by)
    _audit_change(change, "cancelled", by=by)


def _audit_change(change: AccountChange, event: str, *, by: User) -> None:
    """In the account's audit trail, under the names coordination.audit reads out
    (EMAIL_CHANGE_FIELDS, TWO_FACTOR_CHANGES)."""
    account = change.account
    if change.kind == AccountChangeKind.EMAIL:
        changes = {f"email {event}": [account.email, change.new_email]}
    else:
        changes = {audit.TWO_FACTOR_FIELD: ["", f"reset {event}"]}
    LogEntry.objects.log_create(
        account, force_log=True, action=LogEntry.Action.UPDATE, changes=changes, actor=by
    )


@transaction.atomic
def reset_second_factor(*, account: User, by: User) -> AccountChange | None:
    """Reset the second factor of a person who lost theirs: at once for a focal point; for
    a privileged account, once a second person confirms (the change is returned)."""
    if not two_factor.may_reset(by, account):
        raise PermissionDenied("Only the secretariat or an administrator resets this.")
    if needs_second_person(account):
        return ask_for_change(account=account, kind=AccountChangeKind.TWO_FACTOR_RESET, by=by)
    two_factor.reset_two_factor(user=account, by=by)
    return None
