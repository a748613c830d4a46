"""A new view cannot forget the access layer: every URL pattern of the project must lead to
a view built on AccessControlledView, or be one of the few pages open before sign-in."""

import pytest
from django.contrib.auth.views import LoginView, LogoutView, PasswordResetConfirmView
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from coordination.views import AccessControlledView

# Open before sign-in, on purpose; each is checked below to carry no records.
PUBLIC = {
    "login",
    "logout",
    "set_language",
    "health",
    "favicon",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}
# Open without a session, but through the access layer: the secret address stands for a user.
TOKEN_VIEWS = {"meetings:calendar_feed"}
# The signed-in person's own account (their second factor): no record but their own devices,
# so no decision for the access layer; each needs a session, checked below.
OWN_ACCOUNT = {
    "account:security",
    "account:two_factor_enrol",
    "account:two_factor_verify",
    "account:backup_codes",
    "account:two_factor_switch_off",
}


def walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # Django's admin checks staff status and model permissions itself.
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", entry.callback, entry.pattern


WALKED = list(walk(get_resolver().url_patterns))
PROJECT_VIEWS = [(name, callback) for name, callback, _ in WALKED]
CONVERTERS = {name: set(pattern.converters) for name, _, pattern in WALKED}


def test_the_walk_finds_the_project_pages():
    names = {name for name, _ in PROJECT_VIEWS}
    assert {
        "home",
        "strategy:action_list",
        "strategy:action_detail",
        "meetings:meeting_detail",
    } <= names


@pytest.mark.parametrize(("name", "callback"), PROJECT_VIEWS, ids=[n for n, _ in PROJECT_VIEWS])
def test_every_view_takes_its_decisions_from_the_access_layer(name, callback):
    view_class = getattr(callback, "view_class", None)
    if name in PUBLIC:
        assert (
            getattr(callback, "login_required", True) is False
            or view_class
            in (
                LoginView,
                LogoutView,
            )
            or view_class.__module__ == "django.contrib.auth.views"
            or issubclass(view_class, PasswordResetConfirmView)
        )
        return
    if name in OWN_ACCOUNT:
        assert getattr(callback, "login_required", True) is not False
        assert view_class.__module__ == "coordination.account_views"
        return
    assert view_class is not None and issubclass(view_class, AccessControlledView), (
        f"{name} does not derive from AccessControlledView"
    )


@pytest.mark.django_db
def test_the_health_page_says_nothing_about_records(client, story):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert set(response.json()) == {"database", "redis", "worker"}


@pytest.mark.django_db
def test_the_admin_lists_every_model_for_an_administrator(client, administrator, story):
    from django.contrib import admin

    client.force_login(administrator)
    for model in admin.site._registry:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_focal_points_never_reach_the_admin(client, story):
    client.force_login(story["fp_momd"])
    response = client.get(reverse("admin:strategy_priorityaction_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response.url


# Behaviour, not only ancestry: every page, opened by focal points with little or no scope,
# shows nothing of the records the access layer keeps from them.
def story_records(story):
    return [
        story[key]
        for key in (
            "action_momd",
            "action_moi",
            "action_shared",
            "meeting_momd",
            "meeting_moi",
            "decision_momd",
            "decision_moi",
        )
    ]


def visible_text(record):
    return getattr(record, "title", None) or getattr(record, "text", None) or record.narrative


def readable_text(response) -> str:
    """What a person would read in the response: HTML, or every cell of a spreadsheet."""
    if "spreadsheetml" in response.get("Content-Type", ""):
        import io

        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(response.content))
        return " ".join(
            str(cell.value)
            for sheet in book
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        )
    return response.content.decode()


# Arguments other than the record's own pk, for patterns that take them.
EXTRA_ARGUMENTS = {"kind": "agenda", "action_pk": None, "decision_pk": None}


def urls_for(name, callback, records):
    if name in TOKEN_VIEWS:
        return []
    pattern_model = getattr(getattr(callback, "view_class", None), "model", None)
    converters = CONVERTERS[name]
    if not converters:
        return [(reverse(name), None)]
    extra = {key: value for key, value in EXTRA_ARGUMENTS.items() if key in converters}
    for key, model_name in (("action_pk", "PriorityAction"), ("decision_pk", "Decision")):
        if key in extra:
            extra[key] = next(r.pk for r in records if type(r).__name__ == model_name)
    return [
        (reverse(name, kwargs={"pk": record.pk, **extra}), record)
        for record in records
        if type(record) is pattern_model
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["fp_moi", "fp_unassigned"])
def test_no_page_shows_a_record_the_access_layer_hides(
    client, story, role, report_momd, report_moi
):
    from coordination import access

    user = story[role]
    client.force_login(user)
    records = [*story_records(story), report_momd, report_moi]
    hidden = [r for r in records if not access.can(user, access.VIEW, r)]
    assert hidden
    checked = 0
    for name, callback in PROJECT_VIEWS:
        if name in PUBLIC:
            continue
        methods = getattr(callback.view_class, "http_method_names", ["get"])
        send = client.get if "get" in methods else client.post
        for url, record in urls_for(name, callback, records):
            response = send(url)
            if record is not None and record in hidden:
                assert response.status_code == 404, url
                continue
            page = readable_text(response)
            for secret in hidden:
                assert visible_text(secret) not in page, (url, secret)
            checked += 1
    assert checked >= 4
