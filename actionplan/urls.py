from django.urls import path

from actionplan import views

app_name = "actionplan"

urlpatterns = [
    path("", views.PlanView.as_view(), name="plan"),
    path("template.xlsx", views.PlanTemplateView.as_view(), name="template"),
    path("export.xlsx", views.PlanExportView.as_view(), name="export"),
    path("imports/<int:pk>/", views.PlanImportView.as_view(), name="import"),
    path("imports/<int:pk>/run/", views.PlanImportRunView.as_view(), name="run"),
]
