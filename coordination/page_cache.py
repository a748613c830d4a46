"""Rendered pages kept until the records change.

The portal's pages are read far more often than its records change: the steering body opens
the same dashboard and register many times between two reports. A page's body (the part
without the layout, which holds the user's token and unread count) is rendered once and kept
under a key that holds a data version. Any change to a record of the portal, to a permission
or to a group membership raises the version, so every kept page is old at once; nothing has
to know which page shows which record.

The version is raised when the change is saved and again when its transaction commits: a
page rendered in between, from the data before the commit, is then not served afterwards.
Pages also expire after ``CACHE_SECONDS`` and at midnight (due and overdue flags follow the
calendar).
"""

import contextlib
import hashlib
import logging
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from redis import RedisError

logger = logging.getLogger(__name__)

CACHE_SECONDS = 600
VERSION_KEY = "data-version"
# Records, permissions (guardian's and auth's) and group memberships decide what pages show.
WATCHED_APPS = {"coordination", "strategy", "meetings", "guardian", "auth"}
# Written on every delivery or visit without changing what any kept page shows.
UNWATCHED_MODELS = {("coordination", "notification")}


class _CacheDown(Exception):
    pass


# After a failure the cache is left alone for a while: a Redis that accepts connections but
# never answers would otherwise cost its socket timeout on every save of a request.
RETRY_AFTER_SECONDS = 30
_down_until = 0.0


def _ask_cache(method: str, *args):
    global _down_until
    if time.monotonic() < _down_until:
        raise _CacheDown
    try:
        return getattr(cache, method)(*args)
    except RedisError as error:
        _down_until = time.monotonic() + RETRY_AFTER_SECONDS
        logger.warning(
            "Cache unavailable (%s): pages are computed afresh and kept pages may be up to "
            "%s s old; trying again in %s s",
            type(error).__name__,
            CACHE_SECONDS,
            RETRY_AFTER_SECONDS,
        )
        raise _CacheDown from error


def _first_version() -> int:
    # A version lost with Redis's memory starts again from the clock, above every version
    # counted before (far fewer changes than microseconds): no old page matches it.
    return time.time_ns() // 1000


def data_version() -> int | None:
    """None while the cache (Redis) is unreachable: pages are then computed for each
    request, and nothing is kept."""
    try:
        return _ask_cache("get_or_set", VERSION_KEY, _first_version, None)
    except _CacheDown:
        return None


def _raise_version() -> None:
    # Runs inside the save's transaction, which must not fail because Redis is down: pages
    # kept before the outage expire within CACHE_SECONDS.
    try:
        try:
            _ask_cache("incr", VERSION_KEY)
        except ValueError:  # not set yet (a fresh or cleared cache)
            _ask_cache("set", VERSION_KEY, _first_version(), None)
    except _CacheDown:
        pass


def kept(page_key: str | None, compute):
    """What ``compute()`` returns, kept under ``page_key`` (None: the cache is down)."""
    if page_key is None:
        return compute()
    try:
        value = _ask_cache("get", page_key)
    except _CacheDown:
        return compute()
    if value is None:
        value = compute()
        with contextlib.suppress(_CacheDown):
            _ask_cache("set", page_key, value, CACHE_SECONDS)
    return value


def data_changed(sender, update_fields=None, **kwargs) -> None:
    """Signal receiver for every save, delete and many-to-many change."""
    meta = sender._meta
    if meta.app_label not in WATCHED_APPS or (meta.app_label, meta.model_name) in (
        UNWATCHED_MODELS
    ):
        return
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a sign-in
    records_changed()


def records_changed() -> None:
    """Every kept page is old: called by the signals, and by writes that send none
    (QuerySet.update)."""
    _raise_version()
    transaction.on_commit(_raise_version)


def watch_changes() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(data_changed, dispatch_uid=f"page-cache-{signal}")


def key(request, *parts) -> str | None:
    """A key for what ``request`` shows, in the current language, today; None while the
    cache is down."""
    version = data_version()
    if version is None:
        return None
    raw = "|".join(
        str(part)
        for part in (
            version,
            translation.get_language(),
            timezone.localdate().isoformat(),
            request.get_full_path(),
            *parts,
        )
    )
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


class CachedBodyMixin:
    """Serve a view's GET from the page cache, per user.

    ``template_name`` renders the body (what the generic view computes); ``page_template``
    puts it in the layout with what ``page_context`` takes from the body's context (strings,
    such as a record's title for the page title). Bodies must hold no form that posts: a
    CSRF token belongs to one browser."""

    page_template = None

    def page_context(self, context) -> dict:
        return {}

    def get(self, request, *args, **kwargs):
        def render() -> dict:
            response = super(CachedBodyMixin, self).get(request, *args, **kwargs)
            return {
                "body": mark_safe(response.rendered_content),  # noqa: S308 - our template's
                **self.page_context(response.context_data),
            }

        page = kept(key(request, type(self).__name__, request.user.pk), render)
        return TemplateResponse(request, self.page_template, page)
