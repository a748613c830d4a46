from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from coordination.urls import auth_patterns, people_patterns, setup_patterns

urlpatterns = [
    path("", include("reporting.urls")),
    *auth_patterns,
    path("", include("ops.urls")),
    path("actions/plan/", include("actionplan.urls")),
    path("actions/", include("strategy.urls")),
    path("meetings/", include("meetings.urls")),
    path("notifications/", include("coordination.urls")),
    path("people/", include(people_patterns)),
    path("setup/", include(setup_patterns)),
    path("search/", include("search.urls")),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico whatever the page links to (the admin's pages link none).
    # Resolved on request: the static file's name carries its hash once collected.
    path(
        "favicon.ico",
        login_not_required(RedirectView.as_view(url=lazy(static, str)("favicon/favicon.ico"))),
        name="favicon",
    ),
]
