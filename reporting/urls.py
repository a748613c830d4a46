from django.urls import include, path

from reporting import views

dashboard_patterns = (
    [
        path("", views.SteeringDashboardView.as_view(), name="steering"),
        path("ministry/", views.MinistryDashboardView.as_view(), name="ministry"),
    ],
    "dashboard",
)

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path(
        "reports/quarterly/",
        views.QuarterlyReportRequestView.as_view(),
        name="quarterly_report_request",
    ),
    path(
        "reports/quarterly/<int:pk>/", views.QuarterlyReportView.as_view(), name="quarterly_report"
    ),
    path("dashboard/", include(dashboard_patterns)),
]
