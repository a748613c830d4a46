"""One story for every test.

MoMD and MoI are two ministries; MoFA a third. Focal point Mona acts for MoMD, Omar for MoI.
The secretariat manages everything, the steering body reads everything, and Nadia is a focal
point not yet appointed to any ministry: she must see nothing.

Records: ``action_momd`` is led by MoMD; ``action_moi`` is led by MoI and supported by MoFA;
``action_shared`` is led by MoI and supported by MoMD. ``meeting_momd`` invites MoMD only,
``meeting_moi`` MoI only; each has a decision for its ministry.
"""

import contextlib

import django.test
import pytest

from coordination import two_factor
from coordination.models import Role
from coordination.services import appoint_focal_point
from tests import factories, shared_data
from tests.two_factor import verify_session


class Client(django.test.Client):
    """Django's test client, whose force_login leaves a person as the portal's sign-in does:
    one who owes a second factor (every privileged role, and anyone who set one up) has a
    real confirmed authenticator and has verified it in this session. ``second_factor=False``
    stops after the password, for the tests of that step."""

    def force_login(self, user, backend=None, *, second_factor=True):
        super().force_login(user, backend)
        if second_factor and (two_factor.is_required(user) or two_factor.is_enrolled(user)):
            session = self.session
            verify_session(session, user)
            session[two_factor.ENROLLED_SESSION_KEY] = True
            session.save()


@pytest.fixture
def client():
    return Client()


# A helper module that asserts still explains its failures like a test module.
pytest.register_assert_rewrite("tests.portal_contents")


FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_fast_hashing_plain_storage(settings, request):
    # Assertions read English source strings; browser tests choose their language.
    if not request.node.get_closest_marker("browser"):
        settings.LANGUAGE_CODE = "en"
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS
    # Cached dashboard figures must not outlive the test whose data they count.
    from django.core.cache import cache

    cache.clear()


@contextlib.contextmanager
def tasks_in_process():
    from imag.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        yield
    finally:
        app.conf.task_always_eager = eager


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    """Tasks run in the test's process, even where CI sets REDIS_URL; only the service
    tests send them through Redis to a real worker."""
    if request.node.get_closest_marker("services"):
        yield
        return
    with tasks_in_process():
        yield


@contextlib.contextmanager
def _as_in_every_test():
    """What the two fixtures above set up, for the records that consecutive tests share
    (tests/shared_data.py): those are made before a test's fixtures."""
    from django.test import override_settings

    with (
        override_settings(LANGUAGE_CODE="en", PASSWORD_HASHERS=FAST_PASSWORD_HASHERS),
        tasks_in_process(),
    ):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """pytest-django's test databases, where consecutive tests share records."""
    with shared_data.keeper(request.config, django_db_blocker, _as_in_every_test):
        yield


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    shared_data.prepare(item)


@pytest.fixture
def shared_records(db, request):
    """The records of the test's ``@shared_data.fixture``s."""
    yield from shared_data.records(request)


@pytest.fixture(scope="session", autouse=True)
def _plain_http():
    """Tests run with production settings, over plain HTTP. Session-wide because the live
    server builds its middleware once, before any function-scoped fixture."""
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="session", autouse=True)
def _a_redis_cache_per_worker(worker_id):
    """pytest-xdist's workers divide a Redis cache between them (tests/worker_cache.py)."""
    from django.conf import settings
    from django.test import override_settings

    cache = settings.CACHES["default"]
    if worker_id == "master" or not cache["BACKEND"].endswith(".RedisCache"):
        yield
        return
    own = {
        **cache,
        "BACKEND": "tests.worker_cache.WorkerRedisCache",
        "KEY_PREFIX": f"{cache.get('KEY_PREFIX', '')}-{worker_id}",
    }
    with override_settings(CACHES={**settings.CACHES, "default": own}):
        yield


@shared_data.fixture
def momd():
    return factories.MinistryFactory(
        code="MoMD",
        name_en="Ministry of Migration and Displacement",
        name_ar="وزارة الهجرة والمهجرين",
    )


@shared_data.fixture
def moi():
    return factories.MinistryFactory(
        code="MoI", name_en="Ministry of Interior", name_ar="وزارة الداخلية"
    )


@shared_data.fixture
def mofa():
    return factories.MinistryFactory(
        code="MoFA", name_en="Ministry of Foreign Affairs", name_ar="وزارة الخارجية"
    )


@shared_data.fixture
def secretariat():
    return factories.UserFactory(username="secretariat", role=Role.SECRETARIAT)


@shared_data.fixture
def steering():
    return factories.UserFactory(username="steering", role=Role.STEERING)


@shared_data.fixture
def administrator():
    return factories.UserFactory(
        username="admin", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True
    )


@shared_data.fixture
def fp_momd(momd):
    user = factories.UserFactory(username="mona", role=Role.FOCAL_POINT)
    appoint_focal_point(user=user, ministry=momd)
    return user


@shared_data.fixture
def fp_moi(moi):
    user = factories.UserFactory(username="omar", role=Role.FOCAL_POINT)
    appoint_focal_point(user=user, ministry=moi)
    return user


@shared_data.fixture
def fp_unassigned():
    return factories.UserFactory(username="nadia", role=Role.FOCAL_POINT)


@shared_data.fixture
def action_momd(momd):
    return factories.PriorityActionFactory(code="4.1", lead_ministry=momd)


@shared_data.fixture
def action_moi(moi, mofa):
    return factories.PriorityActionFactory(
        code="3.1", lead_ministry=moi, supporting_ministries=[mofa]
    )


@shared_data.fixture
def action_shared(moi, momd):
    return factories.PriorityActionFactory(
        code="3.2", lead_ministry=moi, supporting_ministries=[momd]
    )


@shared_data.fixture
def meeting_momd(momd):
    return factories.MeetingFactory(title_en="MoMD plenary", invited_ministries=[momd])


@shared_data.fixture
def meeting_moi(moi):
    return factories.MeetingFactory(title_en="MoI plenary", invited_ministries=[moi])


@shared_data.fixture
def decision_momd(meeting_momd, momd):
    return factories.DecisionFactory(
        meeting=meeting_momd, responsible_ministries=[momd], text_en="Open MoMD returnee desks"
    )


@shared_data.fixture
def decision_moi(meeting_moi, moi):
    return factories.DecisionFactory(
        meeting=meeting_moi, responsible_ministries=[moi], text_en="Staff MoI border posts"
    )


@shared_data.fixture
def report_momd(action_momd, momd):
    return factories.ProgressUpdateFactory(
        action=action_momd, ministry=momd, narrative="MoMD opened two desks"
    )


@shared_data.fixture
def report_moi(action_moi, moi):
    return factories.ProgressUpdateFactory(
        action=action_moi, ministry=moi, narrative="MoI trained border staff"
    )


@pytest.fixture
def story(
    fp_momd,
    fp_moi,
    fp_unassigned,
    secretariat,
    steering,
    administrator,
    action_momd,
    action_moi,
    action_shared,
    meeting_momd,
    meeting_moi,
    decision_momd,
    decision_moi,
):
    """Everything above at once, for tests that walk every role."""
    return {
        "fp_momd": fp_momd,
        "fp_moi": fp_moi,
        "fp_unassigned": fp_unassigned,
        "secretariat": secretariat,
        "steering": steering,
        "administrator": administrator,
        "action_momd": action_momd,
        "action_moi": action_moi,
        "action_shared": action_shared,
        "meeting_momd": meeting_momd,
        "meeting_moi": meeting_moi,
        "decision_momd": decision_momd,
        "decision_moi": decision_moi,
    }


@pytest.fixture
def cache_down(settings, monkeypatch):
    """Redis as the cache, on a port nobody listens on: it refuses like a Redis that is down
    (tests/services/test_faults.py also freezes a real one). The outage is forgotten after
    the test, as if Redis were back."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }
