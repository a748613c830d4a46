from django.urls import path

from strategy import views

app_name = "strategy"
urlpatterns = [
    path("", views.ActionListView.as_view(), name="action_list"),
    path("new/", views.ActionCreateView.as_view(), name="action_create"),
    path("<int:pk>/", views.ActionDetailView.as_view(), name="action_detail"),
    path("<int:pk>/edit/", views.ActionUpdateView.as_view(), name="action_update"),
]
