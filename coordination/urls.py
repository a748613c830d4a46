from django.contrib.auth import views as auth_views
from django.urls import include, path

from coordination import account_views, people_views, setup_views, views

app_name = "coordination"
urlpatterns = [
    path("", views.NotificationListView.as_view(), name="notification_list"),
    path("read/", views.NotificationsReadView.as_view(), name="notifications_read"),
    path("<int:pk>/open/", views.NotificationOpenView.as_view(), name="notification_open"),
]

# The secretariat's pages for people: accounts, roles and appointments to ministries.
people_patterns = (
    [
        path("", people_views.AccountListView.as_view(), name="account_list"),
        path("new/", people_views.AccountCreateView.as_view(), name="account_create"),
        path("import/", people_views.PeopleImportView.as_view(), name="people_import"),
        path(
            "import/template/",
            people_views.PeopleImportTemplateView.as_view(),
            name="people_import_template",
        ),
        path("<int:pk>/", people_views.AccountDetailView.as_view(), name="account_detail"),
        path("<int:pk>/edit/", people_views.AccountUpdateView.as_view(), name="account_update"),
        path("<int:pk>/active/", people_views.AccountActiveView.as_view(), name="account_active"),
        path(
            "<int:pk>/set-password-link/",
            people_views.AccountSetPasswordLinkView.as_view(),
            name="account_set_password_link",
        ),
        path(
            "<int:pk>/two-factor-reset/",
            people_views.AccountTwoFactorResetView.as_view(),
            name="account_two_factor_reset",
        ),
        path(
            "changes/<int:pk>/confirm/",
            people_views.AccountChangeConfirmView.as_view(),
            name="account_change_confirm",
        ),
        path(
            "changes/<int:pk>/cancel/",
            people_views.AccountChangeCancelView.as_view(),
            name="account_change_cancel",
        ),
    ],
    "people",
)

# The set-up pages of the secretariat and administrators: bodies and ministries here; other
# apps list theirs on the index (coordination.setup).
setup_patterns = (
    [
        path("", setup_views.SetupIndexView.as_view(), name="index"),
        path("bodies/", setup_views.BodyListView.as_view(), name="body_list"),
        path("bodies/new/", setup_views.BodyCreateView.as_view(), name="body_create"),
        path("bodies/<int:pk>/", setup_views.BodyDetailView.as_view(), name="body_detail"),
        path("bodies/<int:pk>/edit/", setup_views.BodyUpdateView.as_view(), name="body_update"),
        path(
            "bodies/<int:pk>/members/new/",
            setup_views.MembershipCreateView.as_view(),
            name="membership_create",
        ),
        path(
            "members/<int:pk>/edit/",
            setup_views.MembershipUpdateView.as_view(),
            name="membership_update",
        ),
        path("ministries/", setup_views.MinistryListView.as_view(), name="ministry_list"),
        path("ministries/new/", setup_views.MinistryCreateView.as_view(), name="ministry_create"),
        path(
            "ministries/<int:pk>/", setup_views.MinistryDetailView.as_view(), name="ministry_detail"
        ),
        path(
            "ministries/<int:pk>/edit/",
            setup_views.MinistryUpdateView.as_view(),
            name="ministry_update",
        ),
    ],
    "setup",
)

# The signed-in person's own account, under /accounts/ beside sign-in and password reset.
account_patterns = (
    [
        path("security/", account_views.SecurityView.as_view(), name="security"),
        path(
            "two-factor/setup/",
            account_views.TwoFactorEnrolView.as_view(),
            name="two_factor_enrol",
        ),
        path(
            "two-factor/verify/",
            account_views.TwoFactorVerifyView.as_view(),
            name="two_factor_verify",
        ),
        path(
            "two-factor/backup-codes/",
            account_views.BackupCodesView.as_view(),
            name="backup_codes",
        ),
        path(
            "two-factor/switch-off/",
            account_views.TwoFactorSwitchOffView.as_view(),
            name="two_factor_switch_off",
        ),
    ],
    "account",
)

# Sign-in, password reset and the language switch: Django's views, our templates.
auth_patterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        account_views.PasswordSetView.as_view(),
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
    path("about/", views.AboutView.as_view(), name="about"),
]
