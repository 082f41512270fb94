from django.urls import path

from . import views

app_name = "briefings"

urlpatterns = [
    path("audits/<int:pk>/briefing/", views.briefing_edit, name="edit"),
    path("audits/<int:pk>/briefing/scope/", views.scope_upload, name="scope-upload"),
    path("audits/<int:pk>/briefing/preview/", views.briefing_preview, name="preview"),
    path(
        "audits/<int:pk>/briefing/preview/briefing.html",
        views.briefing_preview_html,
        name="preview-html",
    ),
    path("audits/<int:pk>/briefing/publish/", views.briefing_publish, name="publish"),
    path("audits/<int:pk>/briefing/passages/", views.briefing_passages, name="passages"),
    path("audits/<int:pk>/briefing/passages/change/", views.passage_fix, name="fix"),
    path("briefings/", views.published_list, name="published-list"),
    path("briefings/<int:pk>/", views.published_detail, name="published"),
    path("briefings/<int:pk>/withdraw/", views.published_withdraw, name="withdraw"),
    path("briefings/<int:pk>/<str:name>", views.published_download, name="download"),
]
