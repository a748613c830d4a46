"""Records that consecutive tests share, as Django's setUpTestData shares a class's records.

A parametrized test that asks every page for every role needs the same records a hundred
times, and making them (users, grants, the audit trail of each save) costs more than the test.
A fixture declared with ``@shared_data.fixture`` is made by its test, inside the test's
transaction, like any fixture. When the next test has exactly the same fixtures (the next
parameter of the same test, most often), the records the previous one made are made once more
in the same order, in a transaction around the tests' own ones, and kept there while the tests
that follow have the same fixtures. Each of these tests gets deep copies of the kept objects,
and what it writes is rolled back with its own transaction, so a test can change what it was
given. As soon as a test with other fixtures comes, the outer transaction is rolled back: no
test ever sees a record it did not ask for. Tests that run in transactions of their own
(``transaction=True``, the live server) make their records themselves, as before.

Kept records are made before the test's other fixtures: a shared fixture takes only other
shared fixtures, and must not depend on what the others set up (settings, MEDIA_ROOT), except
what every test runs under (given to ``keeper``).
"""

import contextlib
import copy
import inspect
from collections.abc import Callable, Iterator

import pytest
from django.db import transaction
from pytest_django.fixtures import validate_django_db

_MAKERS: dict[str, Callable] = {}
_KEEPER = pytest.StashKey["Keeper"]()


def fixture(make: Callable) -> Callable:
    """A fixture made by ``make``, whose parameters name other ``@shared_data.fixture``s."""
    name = make.__name__
    _MAKERS[name] = make

    @pytest.fixture(name=name)
    def record(shared_records: "Records"):
        return shared_records[name]

    record.__doc__ = make.__doc__
    return record


class Records(dict):
    """A test's shared records by fixture name, each made on first use, in the order made."""

    def __missing__(self, name: str):
        make = _MAKERS[name]
        needed = {parameter: self[parameter] for parameter in inspect.signature(make).parameters}
        self[name] = made = make(**needed)
        return made


def _key(item: pytest.Item) -> tuple[str, ...] | None:
    """What decides which records a test makes: its fixtures. None for a test that cannot
    share records (no shared fixtures, or transactions of its own, as pytest-django decides)."""
    names = getattr(item, "fixturenames", ())
    if "shared_records" not in names:
        return None
    marker = item.get_closest_marker("django_db")
    transactional, reset_sequences, *_ = validate_django_db(marker) if marker else (False, False)
    own_transactions = {"transactional_db", "live_server", "django_db_reset_sequences"}
    if transactional or reset_sequences or own_transactions & set(names):
        return None
    return tuple(names)


class Keeper:
    """The records kept for the tests that follow, in a transaction around theirs."""

    def __init__(
        self, django_db_blocker, environment: Callable[[], contextlib.AbstractContextManager]
    ):
        self.blocker = django_db_blocker
        self.environment = environment
        # (fixtures, names of the records) of the last test that had shared records.
        self.last: tuple[tuple[str, ...], tuple[str, ...]] | None = None
        self.kept: Records | None = None
        self.kept_for: tuple[str, ...] | None = None
        self.outer: transaction.Atomic | None = None
        self.prepared_for: pytest.Item | None = None

    def prepare(self, item: pytest.Item) -> None:
        key = _key(item)
        names = self.last[1] if key is not None and self.last and self.last[0] == key else None
        self.prepared_for = None
        if self.kept is not None and self.kept_for == key and tuple(self.kept) == names:
            self.prepared_for = item
            return
        self.release()
        if names:
            self._keep(key, names)
            self.prepared_for = item

    def _keep(self, key: tuple[str, ...], names: tuple[str, ...]) -> None:
        with self.blocker.unblock(), self.environment():
            self.outer = transaction.atomic()
            self.outer.__enter__()
            try:
                self.kept = Records()
                for name in names:
                    self.kept[name]  # noqa: B018 (made by Records.__missing__)
            except BaseException:
                self.release()
                raise
        self.kept_for = key

    def records_for(self, item: pytest.Item) -> Records:
        if item is self.prepared_for:
            return Records(copy.deepcopy(dict(self.kept)))
        return Records()

    def learn(self, item: pytest.Item, records: Records) -> None:
        key = _key(item)
        self.last = (key, tuple(records)) if key is not None else None

    def release(self) -> None:
        if self.outer is not None:
            with self.blocker.unblock():
                transaction.set_rollback(True)
                self.outer.__exit__(None, None, None)
        self.outer = self.kept = self.kept_for = None


@contextlib.contextmanager
def keeper(config: pytest.Config, django_db_blocker, environment) -> Iterator[None]:
    """Keeps records while the test databases exist (around pytest-django's django_db_setup).
    ``environment()`` is what every test makes its records under (see tests/conftest.py):
    kept records are made before the test's own fixtures set it up."""
    config.stash[_KEEPER] = keeper = Keeper(django_db_blocker, environment)
    try:
        yield
    finally:
        keeper.release()
        del config.stash[_KEEPER]


def prepare(item: pytest.Item) -> None:
    """Before the test's fixtures: keep, make or drop the kept records."""
    if keeper := item.config.stash.get(_KEEPER, None):
        keeper.prepare(item)


def records(request: pytest.FixtureRequest) -> Iterator[Records]:
    """The test's records (the ``shared_records`` fixture)."""
    keeper = request.config.stash.get(_KEEPER, None)
    records = keeper.records_for(request.node) if keeper else Records()
    yield records
    if keeper:
        keeper.learn(request.node, records)
