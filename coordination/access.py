"""The one place that decides who may see or change which record.

Roles: the secretariat and administrators manage every record, the steering body reads every
record, a ministry focal point reads (and, where a model allows it, changes) only the records
that belong to a ministry they act for. Who acts for which ministry is a django-guardian object
permission on the Ministry, granted to that ministry's group; records belong to ministries
through their own foreign keys, so changing an action's lead ministry moves its access at once.

Every model with records declares an ``AccessPolicy`` and uses ``RestrictedQuerySet``; views,
forms, exports and tasks ask ``Model.objects.restrict(user, action)`` or ``can(...)`` and never
filter by ministry themselves.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from functools import reduce

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models
from django.db.models import BooleanField, F, Func, Q, Subquery
from django.db.models.expressions import RawSQL
from django.http import Http404
from guardian.utils import get_user_obj_perms_model

VIEW = "view"
ADD = "add"
CHANGE = "change"
DELETE = "delete"
ACTIONS = frozenset({VIEW, ADD, CHANGE, DELETE})

ACT_FOR_MINISTRY = "act_for_ministry"
_MINISTRY_IDS_CACHE = "_imag_ministry_ids"
# Records get_visible_or_404 found visible, kept (like the ministry ids) on the user object
# of the request: the related lists of a record's page need not prove it visible again.
_SEEN_CACHE = "_imag_seen_visible"
# The filters scope_filter built for this user object (this request), by what they depend on.
_SCOPE_CACHE = "_imag_scope_filters"
# The ids of every record of a model the user may see, fetched through restrict() in this
# request (see remember_visible_ids).
_VISIBLE_IDS_CACHE = "_imag_visible_ids"

NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class AccessPolicy:
    """How the records of one model belong to ministries.

    ``ministry_fields``: foreign keys or many-to-many fields to Ministry; a record belongs to
    every ministry it names there. ``parent``: a foreign key to a record whose visibility this
    one shares (an indicator is visible with its action). ``shared_reference``: reference data
    every signed-in user may read (ministries, pillars). ``focal_point_actions``: what a focal
    point may do with the records of their own ministries. ``person_grants``: the genuine
    exceptions, such as one meeting opened to an observer, are guardian permissions on that
    one record (the model's direct-foreign-key ``UserObjectPermission``), for the same actions.
    ``only_with_visible``: a foreign key whose record must be visible too (a ministry's report
    on an action is out of its reach once the action has moved to another ministry).
    ``recipient_field``: a personal record (a notification) that only the user it names may
    see or change, whatever their role. ``person_field``: a record that names a user (an
    invitation) whom it concerns: that user may also see and change it, whatever their role.
    ``readable_with``: (foreign key, conditions): the record may also be read by whoever sees
    the related record, once the conditions hold (a validated report is read by every
    ministry on its action; drafts stay with the ministry that writes them). Such readers see
    the record as it is, not its history (earlier versions, review comments, events).
    ``history_of``: a foreign key to the record whose history this one is (a report's review
    events): visible to whoever reads that record's history, never through its
    ``readable_with``.
    ``released_when``: conditions before which focal points see nothing of the record (a
    draft agenda or draft minutes stay with the secretariat until published or circulated).
    ``accounts``: user accounts (see ``_account_scope``), which belong to no ministry.
    """

    ministry_fields: tuple[str, ...] = ()
    parent: str = ""
    shared_reference: bool = False
    focal_point_actions: frozenset[str] = field(default_factory=lambda: frozenset({VIEW}))
    person_grants: bool = False
    only_with_visible: str = ""
    recipient_field: str = ""
    person_field: str = ""
    readable_with: tuple = ()
    history_of: str = ""
    released_when: dict = field(default_factory=dict)
    accounts: bool = False

    def __post_init__(self):
        if not (
            self.ministry_fields
            or self.parent
            or self.history_of
            or self.shared_reference
            or self.recipient_field
            or self.accounts
        ):
            raise ValueError("An access policy needs ministry_fields, a parent or shared_reference")
        if not self.focal_point_actions <= ACTIONS:
            raise ValueError(f"Unknown actions: {self.focal_point_actions - ACTIONS}")


def _role(user) -> str:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ""
    if user.is_superuser:
        return "administrator"
    return user.role


def administers(user) -> bool:
    return _role(user) == "administrator"


def manages_everything(user) -> bool:
    """Secretariat and administrators may do anything with any record."""
    return _role(user) in {"administrator", "secretariat"}


def reads_everything(user) -> bool:
    """The steering body, like the secretariat, reads across ministries."""
    return _role(user) in {"administrator", "secretariat", "steering"}


def ministry_ids(user) -> frozenset[int]:
    """Ids of the ministries the user acts for: one query, then kept on the user object."""
    if _role(user) != "focal_point":
        return frozenset()
    cached = getattr(user, _MINISTRY_IDS_CACHE, None)
    if cached is None:
        with connection.cursor() as cursor:
            cursor.execute(_ministry_ids_sql(), [user.pk, ACT_FOR_MINISTRY] * 2)
            cached = frozenset(row[0] for row in cursor.fetchall())
        setattr(user, _MINISTRY_IDS_CACHE, cached)
    return cached


# The ids of the permissions of a codename (one per model that has it, in practice one);
# django.contrib.auth's table, named as it is (the access layer is imported while models load).
_PERMISSION_BY_CODENAME = "SELECT id FROM auth_permission WHERE codename = %s"


def _ministry_ids_sql() -> str:
    """The active ministries a user's grants name, through their groups or directly: one
    statement written out (the ORM's UNION of two four-table joins took PostgreSQL ~1.7 ms
    to plan, this ~0.3 ms, and Django ~1 ms to build). Every page of a focal point asks it."""
    from coordination.models import (
        Ministry,
        MinistryGroupObjectPermission,
        MinistryUserObjectPermission,
        User,
    )

    def table(model):
        return connection.ops.quote_name(model._meta.db_table)

    # Only table names are written in; the user and the codename are parameters.
    permission = _PERMISSION_BY_CODENAME
    return (
        f"SELECT id FROM {table(Ministry)} WHERE is_active AND id IN ("  # noqa: S608
        f"SELECT grant_.content_object_id FROM {table(MinistryGroupObjectPermission)} grant_"
        f" JOIN {connection.ops.quote_name(User.groups.through._meta.db_table)} member"
        " ON member.group_id = grant_.group_id"
        f" WHERE member.user_id = %s AND grant_.permission_id IN ({permission})"
        f" UNION ALL SELECT content_object_id FROM {table(MinistryUserObjectPermission)}"
        f" WHERE user_id = %s AND permission_id IN ({permission}))"
    )


EVERY_MINISTRY = "every ministry"


def reading_scope(user) -> str | list[int]:
    """What the user reads across ministries, to be kept with something made from it (a
    generated report): every ministry, or the ids of theirs."""
    return EVERY_MINISTRY if reads_everything(user) else sorted(ministry_ids(user))


def still_reads(user, scope) -> bool:
    """Whether the user may still read everything a ``reading_scope`` covered: access that
    was withdrawn since also withdraws what was made with it. Unknown scope: only those who
    read everything."""
    if reads_everything(user):
        return True
    if scope is None or scope == EVERY_MINISTRY:
        return False
    return set(scope) <= ministry_ids(user)


def users_acting_for(ministry):
    """The active focal points who act for ``ministry``: the same grants as ministry_ids,
    read from the ministry's side (for notifications and reminders)."""
    from coordination.models import User

    if not ministry.is_active:
        return User.objects.none()
    grant = {"permission__codename": ACT_FOR_MINISTRY, "content_object": ministry}
    return User.objects.filter(
        Q(groups__ministrygroupobjectpermission__in=_group_grants(grant))
        | Q(ministryuserobjectpermission__in=_user_grants(grant)),
        role="focal_point",
        is_active=True,
    ).distinct()


def _group_grants(grant):
    from coordination.models import MinistryGroupObjectPermission

    return MinistryGroupObjectPermission.objects.filter(**grant)


def _user_grants(grant):
    from coordination.models import MinistryUserObjectPermission

    return MinistryUserObjectPermission.objects.filter(**grant)


def forget_ministry_ids(user) -> None:
    """Drop the cached ministry ids (and what was found visible with them) after a user's
    ministries changed."""
    for name in (_MINISTRY_IDS_CACHE, _SEEN_CACHE, _SCOPE_CACHE, _VISIBLE_IDS_CACHE):
        if hasattr(user, name):
            delattr(user, name)


def _remember_visible(user, obj) -> None:
    seen = getattr(user, _SEEN_CACHE, None)
    if seen is None:
        seen = set()
        setattr(user, _SEEN_CACHE, seen)
    seen.add((obj._meta.label, obj.pk))


def _seen_visible(user, obj) -> bool:
    return (obj._meta.label, obj.pk) in getattr(user, _SEEN_CACHE, ())


def remember_visible_ids(user, model, ids) -> None:
    """``ids``: those of every record of ``model`` that ``model.objects.restrict(user)``
    gave in this request (all of them, unfiltered: a page that reads them anyway, such as a
    focal point's dashboard). For the rest of the request, "the related record is visible"
    is "its id is one of these" rather than the user's whole scope again as a subquery of
    every related list (a report's action, say)."""
    remembered = getattr(user, _VISIBLE_IDS_CACHE, None)
    if remembered is None:
        remembered = {}
        setattr(user, _VISIBLE_IDS_CACHE, remembered)
    remembered[model._meta.label] = sorted(ids)
    # Filters built before were built without them.
    if hasattr(user, _SCOPE_CACHE):
        delattr(user, _SCOPE_CACHE)


def _known_visible(model, user, within: dict) -> dict:
    """Of ``within`` (field name: record), the records this request already found visible
    to the user: a condition "the related record is visible" is then simply "it is this one"."""
    known = {}
    for name, obj in within.items():
        related = model._meta.get_field(name).related_model
        if isinstance(obj, related) and obj.pk is not None and _seen_visible(user, obj):
            known[name] = obj.pk
    return known


def _visible_related_q(model, field_name: str, user, known: dict, *, history=False) -> Q:
    """The records of ``model`` whose ``field_name`` is a record the user may see (or, with
    ``history``, whose history the user may read)."""
    related = model._meta.get_field(field_name).related_model
    if history:
        # Seeing a record is not reading its history (``readable_with``): a record found
        # visible is asked about, alone, rather than trusted.
        readable = related.objects.with_history_readable_by(user)
        if field_name in known:
            readable = readable.filter(pk=known[field_name])
        return Q(**{f"{field_name}__in": readable.values("pk")})
    if field_name in known:
        return Q(**{field_name: known[field_name]})
    remembered = getattr(user, _VISIBLE_IDS_CACHE, {}).get(related._meta.label)
    if remembered is not None:
        return Q(AmongIds(field_name, remembered))
    return Q(**{f"{field_name}__in": related.objects.restrict(user, VIEW).values("pk")})


def _ministry_q(model, field_name: str, ids: list[int]) -> Q:
    model_field = model._meta.get_field(field_name)
    if model_field.many_to_many:
        # The records named in the through table for these ministries, looked up by id
        # (see AmongSubqueries): an action's page, a ministry's list and its counts alike.
        # Written out, as the person grants are: the ORM's subquery cost every restricted
        # list of actions, decisions and meetings ~1,000 Python calls to build and compile.
        through = model_field.remote_field.through._meta
        quote = connection.ops.quote_name
        record = quote(through.get_field(model_field.m2m_field_name()).column)
        ministry = quote(through.get_field(model_field.m2m_reverse_field_name()).column)
        named = (
            f"SELECT {record} FROM {quote(through.db_table)}"  # noqa: S608 - names; ids are parameters
            f" WHERE {ministry} IN ({', '.join(['%s'] * len(ids))})"
        )
        return Q(AmongSubqueries("pk", RawSQL(named, tuple(ids))))  # noqa: S611
    return Q(**{f"{field_name}__in": ids})


def scope_filter(
    model, user, action: str = VIEW, *, history: bool = False, known: dict | None = None
) -> Q:
    """A filter that keeps exactly the records of ``model`` the user may ``action``; with
    ``history``, those whose history the user may read too (not only their present state).
    ``known`` (field name: id of a record the user may see, see ``_known_visible``) is for
    a query narrowed to those records: their visibility is not computed again."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    # Built once per request for each model and question: a page restricts the same models
    # several times (a dashboard's lists, a record's panels), and building the nested
    # conditions cost more than running them. The filter holds querysets that Django clones
    # whenever it uses them. What it depends on is in the key, so a change of role or
    # ministries on the same user object is never answered from before.
    role = _role(user)
    key = (
        model._meta.label,
        action,
        history,
        tuple(sorted((known or {}).items())),
        role,
        ministry_ids(user) if role == "focal_point" else None,
    )
    built = getattr(user, _SCOPE_CACHE, None)
    if built is None:
        built = {}
        setattr(user, _SCOPE_CACHE, built)
    if key not in built:
        built[key] = _scope_filter(model, user, action, history=history, known=known)
    return built[key]


def _scope_filter(model, user, action: str, *, history: bool, known: dict | None) -> Q:
    policy: AccessPolicy = model.access_policy
    if policy.accounts:
        return _account_scope(user, action)
    if policy.recipient_field:
        if not _role(user) or action not in (VIEW, CHANGE):
            return NOTHING
        return Q(**{policy.recipient_field: user})
    condition = _scope_by_role(model, policy, user, action, history=history, known=known or {})
    if policy.person_field and _role(user) and action in (VIEW, CHANGE) and condition != Q():
        own = Q(**{policy.person_field: user})
        condition = own if condition == NOTHING else condition | own
    return condition


def _account_scope(user, action: str) -> Q:
    """Administrators manage every account. The secretariat sees every account and manages
    all but administrators' (it appoints focal points and resets their second factor).
    Everyone else sees only their own. Accounts are deactivated, never deleted: the audit
    trail and the reports name them."""
    role = _role(user)
    if not role or action == DELETE:
        return NOTHING
    if administers(user):
        return Q()
    if role == "secretariat":
        if action == VIEW:
            return Q()
        return Q(is_superuser=False) & ~Q(role="administrator")
    return Q(pk=user.pk) if action == VIEW else NOTHING


def _scope_by_role(
    model, policy: AccessPolicy, user, action: str, history: bool = False, known: dict = None
) -> Q:
    known = known or {}
    if manages_everything(user):
        return Q()
    if reads_everything(user):
        return Q() if action == VIEW else NOTHING
    if _role(user) != "focal_point":
        return NOTHING
    if policy.shared_reference and action == VIEW:
        return Q()
    if action not in policy.focal_point_actions:
        return NOTHING
    conditions = []
    ids = sorted(ministry_ids(user))
    if ids:
        conditions += [_ministry_q(model, name, ids) for name in policy.ministry_fields]
    if policy.parent:
        conditions.append(_visible_related_q(model, policy.parent, user, known))
    if policy.history_of:
        conditions.append(_visible_related_q(model, policy.history_of, user, known, history=True))
    if policy.person_grants:
        conditions.append(_granted_to_person_q(model, user, action))
    if not conditions:
        return NOTHING
    condition = reduce(operator.or_, conditions)
    if policy.only_with_visible:
        condition &= _visible_related_q(model, policy.only_with_visible, user, known)
    if policy.readable_with and action == VIEW and not history:
        field_name, conditions_met = policy.readable_with
        condition |= _visible_related_q(model, field_name, user, known) & Q(**conditions_met)
    if policy.released_when:
        condition &= Q(**policy.released_when)
    return condition


def _granted_to_person_q(model, user, action: str) -> Q:
    grants_model = get_user_obj_perms_model(model)
    if grants_model.objects.is_generic():
        # Generic rows outlive their record and a reused id would inherit them.
        raise ImproperlyConfigured(
            f"{model.__name__} needs a direct-foreign-key UserObjectPermission model"
        )
    # Written out: the ORM's subquery (a join to the permissions by codename) cost every
    # focal point's list, count and page of a model with person grants ~0.5 ms to build.
    grants = (
        f"SELECT content_object_id FROM {connection.ops.quote_name(grants_model._meta.db_table)}"  # noqa: S608
        f" WHERE user_id = %s AND permission_id IN ({_PERMISSION_BY_CODENAME})"
    )
    codename = f"{action}_{model._meta.model_name}"
    return Q(AmongSubqueries("pk", RawSQL(grants, (user.pk, codename))))  # noqa: S611 - parameters


class AmongSubqueries(Func):
    """``field`` among the values of any of the subqueries (querysets of one column, or raw
    SQL): on PostgreSQL ``field = ANY(ARRAY(...) || ...)``, an index condition (a bitmap scan
    of the few records named), where ``IN (subquery)`` and ``EXISTS`` in an ``OR`` make the
    planner read the whole table and test each row."""

    output_field = BooleanField()

    def __init__(self, field: str, *subqueries):
        super().__init__(
            F(field),
            *(Subquery(sub) if isinstance(sub, models.QuerySet) else sub for sub in subqueries),
        )

    def as_sql(self, compiler, connection, **extra):
        column, column_params = compiler.compile(self.source_expressions[0])
        # Each compiled subquery is "(SELECT ...)".
        subqueries = [compiler.compile(sub) for sub in self.source_expressions[1:]]
        if connection.vendor == "postgresql":
            arrays = " || ".join(f"ARRAY{sql}" for sql, _params in subqueries)
            params = [param for _sql, sub_params in subqueries for param in sub_params]
            return f"{column} = ANY({arrays})", [*column_params, *params]
        sql = " OR ".join(f"{column} IN {sql}" for sql, _params in subqueries)
        params = [p for _sql, sub in subqueries for p in (*column_params, *sub)]
        return f"({sql})", params


class AmongIds(Func):
    """``field = ANY(ids)``: on PostgreSQL one array parameter, where ``field__in=ids``
    makes Django prepare every id (hundreds per query on a ministry's dashboard). The array
    goes as one text value: a list parameter is written out as ``ARRAY[1, 2, ...]``, hundreds
    of constants for PostgreSQL to parse and fold (~1 ms a query for a ministry's actions)."""

    output_field = BooleanField()

    def __init__(self, field: str, ids):
        super().__init__(F(field))
        self.ids = list(ids)
        # Written once: the copies Django makes of the expression share it.
        self.array = "{" + ",".join(map(str, map(int, self.ids))) + "}"

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            db_type = self.source_expressions[0].output_field.db_type(connection)
            return f"{column} = ANY(%s::{db_type}[])", [*params, self.array]
        if not self.ids:
            return "1 = 0", params
        return f"{column} IN ({', '.join(['%s'] * len(self.ids))})", [*params, *self.ids]


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user, action: str = VIEW, *, within: dict | None = None):
        """Only the records the user may ``action``; everything else is simply not there.
        ``within`` (field name: record) narrows them to those of a record, such as the
        reports of an action on the action's page: ``restrict(user, within={"action":
        action})``. Each record is still checked as without it; only a record this request
        found visible with get_visible_or_404 is not proven visible a second time."""
        return self._restricted(user, action, within=within)

    def with_history_readable_by(self, user, *, within: dict | None = None):
        """The records whose whole history the user may read: those ``restrict(user)``
        shows, less those shown only as they now are (``readable_with``)."""
        return self._restricted(user, VIEW, within=within, history=True)

    def _restricted(self, user, action, *, within=None, history=False):
        within = within or {}
        queryset = self.filter(**within) if within else self._chain()
        scope = (user, action, history)
        marks = getattr(self.query, _RESTRICTED_FOR, ())
        if not self.query.combinator and any(_same_scope(mark, scope) for mark in marks):
            # Restricted so already, for this very user object (this request): a view's
            # queryset that get_visible_or_404 restricts again needs its scope only once.
            return queryset
        known = _known_visible(self.model, user, within) if within else {}
        condition = scope_filter(self.model, user, action, history=history, known=known)
        if condition == NOTHING:
            return self.none()
        if condition:
            queryset = queryset.filter(condition)
        setattr(queryset.query, _RESTRICTED_FOR, (*marks, scope))
        return queryset

    def __or__(self, other):
        # The records of another queryset join these: no longer restricted.
        return _unmarked(super().__or__(other), self, other)

    def __xor__(self, other):
        return _unmarked(super().__xor__(other), self, other)


# On a Query (which keeps it through filter(), select_related() and the like, all of which
# only narrow or decorate): the (user object, action, history) it was restricted for.
_RESTRICTED_FOR = "_imag_restricted_for"


def _same_scope(mark, scope) -> bool:
    user, action, history = mark
    return user is scope[0] and (action, history) == scope[1:]


def _unmarked(combined, *operands):
    if all(combined is not operand for operand in operands) and hasattr(
        combined.query, _RESTRICTED_FOR
    ):
        delattr(combined.query, _RESTRICTED_FOR)
    return combined


def can(user, action: str, obj) -> bool:
    """May the user ``action`` this record? Answers without a query for the broad roles."""
    condition = scope_filter(type(obj), user, action)
    if condition == NOTHING:
        return False
    if not condition:
        return True
    return type(obj)._default_manager.filter(condition, pk=obj.pk).exists()


def can_add(user, model) -> bool:
    """May the user create records of ``model`` at all (the new record's scope is checked
    again once it is saved)."""
    if manages_everything(user):
        return True
    return (
        _role(user) == "focal_point"
        and ADD in model.access_policy.focal_point_actions
        and bool(ministry_ids(user))
    )


def get_visible_or_404(queryset_or_model, user, **lookup):
    """The record if the user may see it; 404 for a record that does not exist and for one
    of another ministry alike, so that guessing ids reveals nothing."""
    queryset = (
        queryset_or_model._default_manager.all()
        if isinstance(queryset_or_model, type)
        else queryset_or_model
    )
    try:
        obj = queryset.restrict(user, VIEW).get(**lookup)
    except queryset.model.DoesNotExist as error:
        raise Http404 from error
    _remember_visible(user, obj)
    return obj
