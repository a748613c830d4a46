from django.contrib import admin
from django.urls import include, path

from coordination.urls import auth_patterns, people_patterns

urlpatterns = [
    path("", include("reporting.urls")),
    *auth_patterns,
    path("", include("ops.urls")),
    path("actions/", include("strategy.urls")),
    path("meetings/", include("meetings.urls")),
    path("notifications/", include("coordination.urls")),
    path("people/", include(people_patterns)),
    path("admin/", admin.site.urls),
]
