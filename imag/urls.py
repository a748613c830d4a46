from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from coordination import views as coordination_views
from coordination.urls import account_patterns
from imag import views

dashboard_patterns = (
    [
        path("", views.SteeringDashboardView.as_view(), name="steering"),
        path("ministry/", views.MinistryDashboardView.as_view(), name="ministry"),
    ],
    "dashboard",
)

people_patterns = (
    [
        path("", coordination_views.AccountListView.as_view(), name="account_list"),
        path("new/", coordination_views.AccountCreateView.as_view(), name="account_create"),
        path("<int:pk>/", coordination_views.AccountDetailView.as_view(), name="account_detail"),
        path(
            "<int:pk>/edit/",
            coordination_views.AccountUpdateView.as_view(),
            name="account_update",
        ),
        path(
            "<int:pk>/active/",
            coordination_views.AccountActiveView.as_view(),
            name="account_active",
        ),
        path(
            "<int:pk>/two-factor-reset/",
            coordination_views.AccountTwoFactorResetView.as_view(),
            name="account_two_factor_reset",
        ),
    ],
    "people",
)

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("about/", views.AboutView.as_view(), name="about"),
    path(
        "reports/quarterly/",
        views.QuarterlyReportRequestView.as_view(),
        name="quarterly_report_request",
    ),
    path(
        "reports/quarterly/<int:pk>/", views.QuarterlyReportView.as_view(), name="quarterly_report"
    ),
    path("dashboard/", include(dashboard_patterns)),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Password reset by e-mail: Django's views, our templates.
    path("accounts/password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        views.PasswordSetView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/", include(account_patterns)),
    # The login page offers the language switcher too.
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("health/", views.health, name="health"),
    path("actions/", include("strategy.urls")),
    path("meetings/", include("meetings.urls")),
    path("notifications/", include("coordination.urls")),
    path("people/", include(people_patterns)),
    path("admin/", admin.site.urls),
]
