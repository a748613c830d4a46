from django.urls import path

from strategy.views import actions, exchanges, exports, reports, review, setup

app_name = "strategy"
urlpatterns = [
    path("", actions.ActionListView.as_view(), name="action_list"),
    path("export/", exports.ActionExportView.as_view(), name="action_export"),
    path("new/", actions.ActionCreateView.as_view(), name="action_create"),
    path("<int:pk>/", actions.ActionDetailView.as_view(), name="action_detail"),
    path("<int:pk>/edit/", actions.ActionUpdateView.as_view(), name="action_update"),
    path(
        "<int:pk>/ask-to-report/",
        exchanges.ActionReportRequestView.as_view(),
        name="action_report_request",
    ),
    path(
        "reports/ask/",
        exchanges.MinistryReportRequestView.as_view(),
        name="ministry_report_request",
    ),
    path("<int:pk>/indicators/", setup.ActionIndicatorsView.as_view(), name="action_indicators"),
    path("<int:pk>/indicators/new/", setup.IndicatorCreateView.as_view(), name="indicator_create"),
    path("indicators/<int:pk>/edit/", setup.IndicatorUpdateView.as_view(), name="indicator_update"),
    path("setup/strategies/", setup.StrategySetupListView.as_view(), name="strategy_setup"),
    path("setup/strategies/new/", setup.StrategyCreateView.as_view(), name="strategy_create"),
    path("setup/strategies/<int:pk>/", setup.StrategyUpdateView.as_view(), name="strategy_update"),
    path(
        "setup/strategies/<int:pk>/pillars/new/",
        setup.PillarCreateView.as_view(),
        name="pillar_create",
    ),
    path("setup/pillars/<int:pk>/", setup.PillarUpdateView.as_view(), name="pillar_update"),
    path("<int:pk>/reports/new/", reports.ReportCreateView.as_view(), name="report_create"),
    path("reports/queue/", review.ValidationQueueView.as_view(), name="validation_queue"),
    path(
        "reports/queue/export/",
        exports.ValidationQueueExportView.as_view(),
        name="validation_queue_export",
    ),
    path("reports/<int:pk>/", reports.ReportDetailView.as_view(), name="report_detail"),
    path("reports/<int:pk>/edit/", reports.ReportUpdateView.as_view(), name="report_update"),
    path("reports/<int:pk>/submit/", reports.ReportSubmitView.as_view(), name="report_submit"),
    path(
        "reports/<int:pk>/withdraw/", reports.ReportWithdrawView.as_view(), name="report_withdraw"
    ),
    path(
        "reports/<int:pk>/comments/", exchanges.ReportCommentView.as_view(), name="report_comment"
    ),
    path("reports/<int:pk>/review/", review.ReportReviewView.as_view(), name="report_review"),
    path("evidence/<int:pk>/", reports.EvidenceDownloadView.as_view(), name="evidence_download"),
    path("evidence/<int:pk>/remove/", reports.EvidenceRemoveView.as_view(), name="evidence_remove"),
]
