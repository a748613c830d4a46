import math
import uuid
from collections import defaultdict

from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group, UserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from coordination import notification_kinds
from coordination.access import AccessPolicy, RestrictedQuerySet


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    SECRETARIAT = "secretariat", _("Secretariat")
    STEERING = "steering", _("Steering body member")
    FOCAL_POINT = "focal_point", _("Ministry focal point")


class AccountManager(UserManager.from_queryset(RestrictedQuerySet)):
    """Django's user manager, with ``restrict`` like every other model's."""


class User(AbstractUser):
    """A person who signs in. Their role decides how far they see; a focal point's
    ministries come from guardian permissions on Ministry (see coordination.access)."""

    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.FOCAL_POINT
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="ar",
        help_text=_("The language the portal speaks to this person, in pages and e-mails."),
    )

    access_policy = AccessPolicy(accounts=True)
    objects = AccountManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")


def named_with_code(name, code) -> str:
    """A ministry or body as a reader knows it: its name in the reader's language with its
    code after it, "وزارة الهجرة والمهجرين (MoMD)"; the code alone where it has no name."""
    return f"{name} ({code})" if name else str(code)


class MinistryKind(models.TextChoices):
    FEDERAL = "federal", _("Federal ministry")
    KURDISTAN_REGION = "krg", _("Kurdistan Region ministry")
    AGENCY = "agency", _("Agency")


class Ministry(models.Model):
    """A ministry or agency that takes part in the coordination body. Its group holds the
    people who act for it, through the ``act_for_ministry`` object permission."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=10, choices=MinistryKind.choices, default=MinistryKind.FEDERAL
    )
    group = models.OneToOneField(
        Group,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="ministry",
        verbose_name=_("group"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    access_policy = AccessPolicy(shared_reference=True)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("ministry")
        verbose_name_plural = _("ministries")
        permissions = [("act_for_ministry", _("Act for this ministry"))]

    def __str__(self):
        return self.named

    @property
    def named(self) -> str:
        """Its name with its code after it (see named_with_code)."""
        return named_with_code(self.name, self.code)


class MinistryUserObjectPermission(UserObjectPermissionBase):
    """A person granted to act for one ministry directly (an exception; groups are the rule)."""

    content_object = models.ForeignKey(Ministry, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("ministry permission of a user")
        verbose_name_plural = _("ministry permissions of users")


class MinistryGroupObjectPermission(GroupObjectPermissionBase):
    """The permission that makes a ministry's group members act for that ministry."""

    content_object = models.ForeignKey(Ministry, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("ministry permission of a group")
        verbose_name_plural = _("ministry permissions of groups")


class BodyKind(models.TextChoices):
    HIGH_LEVEL = "high_level", _("High-level coordination body")
    WORKING_GROUP = "working_group", _("Technical working group")
    TASKFORCE = "taskforce", _("Thematic taskforce")


class QuorumRule(models.TextChoices):
    COUNT = "count", _("A number of members present")
    SHARE = "share", _("A share of the member ministries")


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")
    ALTERNATE = "alternate", _("Alternate")
    SECRETARIAT = "secretariat", _("Secretariat")
    OBSERVER = "observer", _("Observer")


# The seats that count towards a quorum: observers and the secretariat do not.
QUORUM_ROLES = (MembershipRole.CHAIR, MembershipRole.MEMBER, MembershipRole.ALTERNATE)


def quorum_units(seats) -> int:
    """How many count towards a quorum among ``seats``, (ministry id, membership id, id of
    the seat an alternate stands in for) of seats in QUORUM_ROLES: a ministry counts once,
    whether its member, its alternate or both are there; a seat without a ministry (the
    chair) counts for itself, and its alternate counts as that seat."""
    return len(
        {
            ministry_id or f"seat-{alternate_for_id or membership_id}"
            for ministry_id, membership_id, alternate_for_id in seats
        }
    )


class CoordinationBody(models.Model):
    """The High-level Inter-ministerial Coordination Body, or a working group or taskforce
    under it. Its quorum is a number of members present, or a share of its member
    ministries (``quorum_needed``)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=250)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("reports to"),
    )
    quorum_rule = models.CharField(
        _("quorum rule"), max_length=10, choices=QuorumRule.choices, default=QuorumRule.COUNT
    )
    quorum = models.PositiveSmallIntegerField(
        _("quorum"), default=0, help_text=_("Members present needed for a valid meeting.")
    )
    quorum_share = models.PositiveSmallIntegerField(
        _("quorum share in per cent"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The share of the member ministries that must be present, in per cent."),
    )

    access_policy = AccessPolicy(shared_reference=True)
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("coordination body")
        verbose_name_plural = _("coordination bodies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quorum_rule="count")
                | models.Q(quorum_share__gte=1, quorum_share__lte=100),
                name="quorum_share_between_1_and_100",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def named(self) -> str:
        """Its name with its code after it (see named_with_code)."""
        return named_with_code(self.name, self.code)

    def quorum_needed(self, member_ministries: int | None = None) -> int:
        """How many must be present (counted as ``quorum_units`` counts them) for a valid
        meeting. A share is of the ministries with an active seat that counts
        (``member_ministries``, counted here unless given), rounded up: 50 % of 5 is 3."""
        if self.quorum_rule != QuorumRule.SHARE:
            return self.quorum
        if member_ministries is None:
            member_ministries = self.member_ministry_count()
        return math.ceil(member_ministries * (self.quorum_share or 0) / 100)

    def counting_seats(self):
        """The active seats that count towards the quorum."""
        return self.memberships.filter(is_active=True, role__in=QUORUM_ROLES)

    def member_ministry_count(self) -> int:
        return (
            self.counting_seats()
            .filter(ministry__isnull=False)
            .order_by()
            .values("ministry")
            .distinct()
            .count()
        )

    def quorum_reachable_by_members(self) -> tuple[int, int]:
        """(how many of its active members count towards the quorum, the quorum)."""
        seats = list(
            self.counting_seats().order_by().values_list("ministry_id", "pk", "alternate_for_id")
        )
        ministries = len({ministry_id for ministry_id, _pk, _for in seats if ministry_id})
        return quorum_units(seats), self.quorum_needed(ministries)

    def would_loop_under(self, parent) -> bool:
        """Whether putting this body under ``parent`` would make it report to itself."""
        seen = set()
        while parent is not None and parent.pk not in seen:
            if self.pk is not None and parent.pk == self.pk:
                return True
            seen.add(parent.pk)
            parent = parent.parent
        return parent is not None


class Membership(models.Model):
    """A seat in a coordination body: a ministry's (held by a named person, who need not
    have a portal account: a deputy minister may be represented by staff) or a person's own
    (the chair). An alternate stands in for a member: for a ministry's seat the ministry
    counts once towards the quorum, for a seat without a ministry ``alternate_for`` says
    whose."""

    body = models.ForeignKey(
        CoordinationBody,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("body"),
    )
    ministry = models.ForeignKey(
        Ministry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("ministry"),
    )
    user = models.ForeignKey(
        "coordination.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("portal account"),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    alternate_for = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="alternates",
        verbose_name=_("alternate for"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    access_policy = AccessPolicy(ministry_fields=("ministry",))
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["body", "role", "full_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "full_name", "ministry"], name="unique_membership_per_body"
            )
        ]

    def __str__(self):
        return f"{self.full_name} ({self.get_role_display()})"


class Notification(models.Model):
    """A message to one user, shown in the portal and e-mailed. Written in the same
    transaction as the change it reports, so it doubles as the e-mail outbox: a periodic task
    sends whatever is still unsent, and a failing mail server or broker loses nothing."""

    recipient = models.ForeignKey(
        "coordination.User",
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=32)
    params = models.JSONField(_("details"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    email_to = models.EmailField(
        _("e-mail to"),
        blank=True,
        help_text=_("Empty: the recipient's address when the e-mail is sent."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_sent_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)

    access_policy = AccessPolicy(recipient_field="recipient")
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email_sent_at", "created_at"]),
        ]

    def __str__(self):
        return self.text

    @property
    def kind_label(self) -> str:
        return str(notification_kinds.kind(self.kind).label)

    @property
    def text(self) -> str:
        # A detail missing from an older notification reads as empty, not as an error. A
        # text with plural forms (ngettext_lazy naming its number, such as "days") picks
        # its form from the details: it is formatted before it is made a string.
        return str(notification_kinds.kind(self.kind).text % defaultdict(str, self.params))


class AccountChangeKind(models.TextChoices):
    EMAIL = "email", _("New e-mail address")
    TWO_FACTOR_RESET = "two_factor_reset", _("Two-factor authentication reset")


class AccountChangeState(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    APPLIED = "applied", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")


class AccountChangeQuerySet(RestrictedQuerySet):
    def pending(self):
        return self.filter(state=AccountChangeState.PENDING)


class AccountChange(models.Model):
    """A change to a privileged account (its e-mail address, its second factor) that waits
    for a second person: another member of the secretariat or an administrator, neither the
    one who asked nor the account's owner, confirms it before it is applied. So nobody takes
    over a colleague's account alone (coordination.services)."""

    account = models.ForeignKey(
        "coordination.User",
        on_delete=models.CASCADE,
        related_name="account_changes",
        verbose_name=_("account"),
    )
    kind = models.CharField(_("change"), max_length=20, choices=AccountChangeKind.choices)
    new_email = models.EmailField(_("new e-mail address"), blank=True)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=AccountChangeState.choices,
        default=AccountChangeState.PENDING,
    )
    requested_by = models.ForeignKey(
        "coordination.User",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("asked by"),
    )
    requested_at = models.DateTimeField(_("asked"), auto_now_add=True)
    decided_by = models.ForeignKey(
        "coordination.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed or cancelled by"),
    )
    decided_at = models.DateTimeField(_("confirmed or cancelled"), null=True, blank=True)

    access_policy = AccessPolicy(parent="account")
    objects = AccountChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("account change")
        verbose_name_plural = _("account changes")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "kind"],
                condition=models.Q(state="pending"),
                name="one_pending_account_change_per_kind",
            )
        ]

    def __str__(self):
        return f"{self.account} – {self.get_kind_display()} ({self.get_state_display()})"


def document_path(document, filename: str) -> str:
    # The stored name is random and never derived from the uploaded one.
    return f"documents/{uuid.uuid4().hex}"


class UploadedDocument(models.Model):
    """A file someone uploaded, checked by content (coordination.uploads) and served only
    through a view that asks the access layer first."""

    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name
