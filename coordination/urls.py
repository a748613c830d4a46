from django.urls import path

from coordination import views

app_name = "coordination"
urlpatterns = [
    path("", views.NotificationListView.as_view(), name="notification_list"),
    path("read/", views.NotificationsReadView.as_view(), name="notifications_read"),
]
