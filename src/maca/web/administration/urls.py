from django.urls import path

from .views import agencies, overview, partnership, set_password, themes, tools, users

app_name = "administration"

A = "administration/"
urlpatterns = [
    path(A, overview.index, name="index"),
    path(f"{A}users/", users.user_list, name="user-list"),
    path(f"{A}users/new/", users.user_add, name="user-add"),
    path(f"{A}users/<int:pk>/", users.user_detail, name="user-detail"),
    path(f"{A}users/<int:pk>/link/", users.user_link, name="user-link"),
    path(f"{A}users/<int:pk>/change/", users.user_change, name="user-change"),
    path(f"{A}users/<int:pk>/deactivate/", users.user_deactivate, name="user-deactivate"),
    path(f"{A}users/<int:pk>/reactivate/", users.user_reactivate, name="user-reactivate"),
    path(
        f"{A}users/<int:pk>/reset-password/",
        users.user_reset_password,
        name="user-reset-password",
    ),
    path(
        f"{A}users/<int:pk>/reset-two-factor/",
        users.user_reset_two_factor,
        name="user-reset-two-factor",
    ),
    path(f"{A}users/<int:pk>/unlock/", users.user_unlock, name="user-unlock"),
    path(f"{A}lockouts/", users.lockout_list, name="lockout-list"),
    path(f"{A}agencies/", agencies.agency_list, name="agency-list"),
    path(f"{A}agencies/new/", agencies.agency_add, name="agency-add"),
    path(f"{A}agencies/<int:pk>/", agencies.agency_change, name="agency-change"),
    path(f"{A}agencies/<int:pk>/deactivate/", agencies.agency_deactivate, name="agency-deactivate"),
    path(f"{A}agencies/<int:pk>/reactivate/", agencies.agency_reactivate, name="agency-reactivate"),
    path(f"{A}partnership/", partnership.partnership_details, name="partnership"),
    path(f"{A}themes/", themes.theme_list, name="theme-list"),
    path(f"{A}themes/new/", themes.theme_add, name="theme-add"),
    path(f"{A}themes/<int:pk>/", themes.theme_change, name="theme-change"),
    path(f"{A}themes/<int:pk>/retire/", themes.theme_retire, name="theme-retire"),
    path(f"{A}themes/<int:pk>/reinstate/", themes.theme_reinstate, name="theme-reinstate"),
    path(f"{A}themes/<int:pk>/move/", themes.theme_move, name="theme-move"),
    path(f"{A}tools/", tools.tool_list, name="tool-list"),
    path(f"{A}tool-versions/<int:pk>/", tools.version_detail, name="tool-version"),
    path(f"{A}tool-versions/<int:pk>/copy/", tools.version_copy, name="tool-version-copy"),
    path(f"{A}tool-versions/<int:pk>/offer/", tools.version_offer, name="tool-version-offer"),
    path(f"{A}tool-versions/<int:pk>/sections/new/", tools.section_add, name="tool-section-add"),
    path(
        f"{A}tool-versions/<int:pk>/sections/<str:key>/",
        tools.section_change,
        name="tool-section-change",
    ),
    path(
        f"{A}tool-versions/<int:pk>/sections/<str:key>/remove/",
        tools.section_remove,
        name="tool-section-remove",
    ),
    path(
        f"{A}tool-versions/<int:pk>/sections/<str:key>/questions/new/",
        tools.question_add,
        name="tool-question-add",
    ),
    path(
        f"{A}tool-versions/<int:pk>/questions/<str:key>/",
        tools.question_change,
        name="tool-question-change",
    ),
    path(
        f"{A}tool-versions/<int:pk>/questions/<str:key>/remove/",
        tools.question_remove,
        name="tool-question-remove",
    ),
    # The page a one-time set-password link opens: public (ADR 0340).
    path(
        "set-password/<uidb64>/<token>/",
        set_password.SetPasswordView.as_view(),
        name="set-password",
    ),
]
