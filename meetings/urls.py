from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting_list"),
    path("new/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("<int:pk>/edit/", views.MeetingUpdateView.as_view(), name="meeting_update"),
    path("<int:pk>/publish/", views.PublishView.as_view(), name="publish"),
    path("<int:pk>/postpone/", views.PostponeView.as_view(), name="postpone"),
    path("<int:pk>/cancel/", views.CancelView.as_view(), name="cancel"),
    path("<int:pk>/invite/", views.InvitePersonView.as_view(), name="invite_person"),
    path("<int:pk>/agenda/", views.AgendaBuilderView.as_view(), name="agenda"),
    path("<int:pk>/agenda/add/", views.AgendaItemAddView.as_view(), name="agenda_add"),
    path(
        "<int:pk>/agenda/suggested/<int:action_pk>/",
        views.AddSuggestionView.as_view(),
        name="agenda_add_suggested",
    ),
    path(
        "<int:pk>/agenda/decision/<int:decision_pk>/",
        views.AddDecisionSuggestionView.as_view(),
        name="agenda_add_decision",
    ),
    path("<int:pk>/attendance/", views.AttendanceView.as_view(), name="attendance"),
    path("<int:pk>/minutes/", views.MinutesView.as_view(), name="minutes"),
    path(
        "<int:pk>/minutes/circulate/",
        views.CirculateMinutesView.as_view(),
        name="minutes_circulate",
    ),
    path("<int:pk>/minutes/approve/", views.ApproveMinutesView.as_view(), name="minutes_approve"),
    path("<int:pk>/minutes/comment/", views.CommentOnMinutesView.as_view(), name="minutes_comment"),
    path("<int:pk>/papers/<str:kind>/", views.PaperRequestView.as_view(), name="paper_request"),
    path(
        "agenda-items/<int:pk>/edit/",
        views.AgendaItemUpdateView.as_view(),
        name="agenda_item_update",
    ),
    path("agenda-items/<int:pk>/move/", views.AgendaItemMoveView.as_view(), name="agenda_move"),
    path(
        "agenda-items/<int:pk>/remove/", views.AgendaItemRemoveView.as_view(), name="agenda_remove"
    ),
    path(
        "agenda-items/<int:pk>/decision/",
        views.DecisionCreateView.as_view(),
        name="decision_create",
    ),
    path("documents/<int:pk>/", views.BriefingDocumentView.as_view(), name="briefing_document"),
    path("invitations/<int:pk>/respond/", views.RespondView.as_view(), name="respond"),
    path("decisions/", views.DecisionRegisterView.as_view(), name="decision_register"),
    path("decisions/export/", views.DecisionExportView.as_view(), name="decision_export"),
    path("follow-ups/<int:pk>/", views.FollowUpView.as_view(), name="follow_up"),
    path(
        "follow-up-evidence/<int:pk>/",
        views.FollowUpEvidenceView.as_view(),
        name="follow_up_evidence",
    ),
    path("papers/<int:pk>/", views.PaperView.as_view(), name="paper"),
    path("calendar/", views.CalendarPageView.as_view(), name="calendar"),
    path("calendar/<uuid:token>.ics", views.CalendarFeedView.as_view(), name="calendar_feed"),
]
