from django.urls import path

from . import views

app_name = "actions"

urlpatterns = [
    path("actions/", views.tracker, name="tracker"),
    path("audits/<int:pk>/actions/", views.plan, name="plan"),
    path("audits/<int:pk>/actions/add/<int:theme>/", views.action_add, name="action-add"),
    path(
        "findings/<int:pk>/actions/add/<int:theme>/",
        views.action_add_for_finding,
        name="action-add-for-finding",
    ),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action-edit"),
    path("actions/<int:pk>/status/", views.action_status, name="action-status"),
    path("actions/<int:pk>/impact/", views.action_impact, name="action-impact"),
    path("resources/", views.resource_list, name="resource-list"),
    path("resources/add/", views.resource_add, name="resource-add"),
    path("resources/<int:pk>/edit/", views.resource_edit, name="resource-edit"),
    path("briefings/<int:pk>/discussions/add/", views.discussion_add, name="discussion-add"),
    path("audits/<int:pk>/reach/", views.reach, name="reach"),
    path("audits/<int:pk>/reaudit/", views.reaudit_start, name="reaudit-start"),
    path("audits/<int:pk>/comparison/", views.comparison, name="comparison"),
    path("audits/<int:pk>/board-report.<str:kind>", views.board_report, name="board-report"),
]
