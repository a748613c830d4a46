from django.urls import path

from coordination import account_views, views

app_name = "coordination"
urlpatterns = [
    path("", views.NotificationListView.as_view(), name="notification_list"),
    path("read/", views.NotificationsReadView.as_view(), name="notifications_read"),
]

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
