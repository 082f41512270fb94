from django.urls import path

from . import views

app_name = "profiles"

urlpatterns = [
    path("audits/<int:pk>/profile/", views.profile_page, name="profile"),
    path("audits/<int:pk>/profile/upload/", views.profile_upload, name="upload"),
    path("audits/<int:pk>/profile/profile.xlsx", views.profile_xlsx, name="xlsx"),
    path("audits/<int:pk>/profile/exclusions/", views.exclusions_list, name="exclusions"),
]
