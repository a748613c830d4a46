from django.urls import path

from meetings.views import agenda, attendance, calendar, decisions, meetings, minutes, papers

app_name = "meetings"
urlpatterns = [
    path("", meetings.MeetingListView.as_view(), name="meeting_list"),
    path("new/", meetings.MeetingCreateView.as_view(), name="meeting_create"),
    path("<int:pk>/", meetings.MeetingDetailView.as_view(), name="meeting_detail"),
    path("<int:pk>/edit/", meetings.MeetingUpdateView.as_view(), name="meeting_update"),
    path("<int:pk>/publish/", meetings.PublishView.as_view(), name="publish"),
    path("<int:pk>/postpone/", meetings.PostponeView.as_view(), name="postpone"),
    path("<int:pk>/cancel/", meetings.CancelView.as_view(), name="cancel"),
    path("<int:pk>/invite/", meetings.InvitePersonView.as_view(), name="invite_person"),
    path("<int:pk>/agenda/", agenda.AgendaBuilderView.as_view(), name="agenda"),
    path("<int:pk>/agenda/add/", agenda.AgendaItemAddView.as_view(), name="agenda_add"),
    path(
        "<int:pk>/agenda/suggested/<int:action_pk>/",
        agenda.AddSuggestionView.as_view(),
        name="agenda_add_suggested",
    ),
    path(
        "<int:pk>/agenda/decision/<int:decision_pk>/",
        agenda.AddDecisionSuggestionView.as_view(),
        name="agenda_add_decision",
    ),
    path("<int:pk>/attendance/", attendance.AttendanceView.as_view(), name="attendance"),
    path("<int:pk>/minutes/", minutes.MinutesView.as_view(), name="minutes"),
    path(
        "<int:pk>/minutes/circulate/",
        minutes.CirculateMinutesView.as_view(),
        name="minutes_circulate",
    ),
    path("<int:pk>/minutes/approve/", minutes.ApproveMinutesView.as_view(), name="minutes_approve"),
    path(
        "<int:pk>/minutes/comment/", minutes.CommentOnMinutesView.as_view(), name="minutes_comment"
    ),
    path("<int:pk>/papers/<str:kind>/", papers.PaperRequestView.as_view(), name="paper_request"),
    path(
        "agenda-items/<int:pk>/edit/",
        agenda.AgendaItemUpdateView.as_view(),
        name="agenda_item_update",
    ),
    path("agenda-items/<int:pk>/move/", agenda.AgendaItemMoveView.as_view(), name="agenda_move"),
    path(
        "agenda-items/<int:pk>/remove/", agenda.AgendaItemRemoveView.as_view(), name="agenda_remove"
    ),
    path(
        "agenda-items/<int:pk>/decision/",
        decisions.DecisionCreateView.as_view(),
        name="decision_create",
    ),
    path("documents/<int:pk>/", agenda.BriefingDocumentView.as_view(), name="briefing_document"),
    path("invitations/<int:pk>/respond/", meetings.RespondView.as_view(), name="respond"),
    path("decisions/", decisions.DecisionRegisterView.as_view(), name="decision_register"),
    path("decisions/export/", decisions.DecisionExportView.as_view(), name="decision_export"),
    path("decisions/<int:pk>/", decisions.DecisionDetailView.as_view(), name="decision_detail"),
    path(
        "decisions/<int:pk>/edit/", decisions.DecisionUpdateView.as_view(), name="decision_update"
    ),
    path("follow-ups/<int:pk>/", decisions.FollowUpView.as_view(), name="follow_up"),
    path(
        "follow-up-evidence/<int:pk>/",
        decisions.FollowUpEvidenceView.as_view(),
        name="follow_up_evidence",
    ),
    path("papers/<int:pk>/", papers.PaperView.as_view(), name="paper"),
    path("calendar/", calendar.CalendarPageView.as_view(), name="calendar"),
    path("calendar/<uuid:token>.ics", calendar.CalendarFeedView.as_view(), name="calendar_feed"),
]
