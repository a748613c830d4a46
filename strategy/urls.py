from django.urls import path

from strategy import views

app_name = "strategy"
urlpatterns = [
    path("", views.ActionListView.as_view(), name="action_list"),
    path("new/", views.ActionCreateView.as_view(), name="action_create"),
    path("<int:pk>/", views.ActionDetailView.as_view(), name="action_detail"),
    path("<int:pk>/edit/", views.ActionUpdateView.as_view(), name="action_update"),
    path("<int:pk>/reports/new/", views.ReportCreateView.as_view(), name="report_create"),
    path("reports/queue/", views.ValidationQueueView.as_view(), name="validation_queue"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("reports/<int:pk>/edit/", views.ReportUpdateView.as_view(), name="report_update"),
    path("reports/<int:pk>/review/", views.ReportReviewView.as_view(), name="report_review"),
    path("evidence/<int:pk>/", views.EvidenceDownloadView.as_view(), name="evidence_download"),
]
