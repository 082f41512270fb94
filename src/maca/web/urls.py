from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from maca.web import errors
from maca.web.accounts import views as accounts
from maca.web.common import timeout
from maca.web.trail import views as trail

admin.site.site_header = "maca administration"
admin.site.site_title = "maca administration"
admin.site.index_title = "Partnership, agencies, users and audit tools"

urlpatterns = [
    path("", accounts.home, name="home"),
    path("sign-in/", accounts.SignInView.as_view(), name="sign-in"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="sign-out"),
    path("accessibility/", accounts.accessibility, name="accessibility"),
    path("session/extend/", timeout.session_extend, name="session-extend"),
    path("trail/", trail.trail_list, name="trail"),
    path("", include("maca.web.audits.urls")),
    path("", include("maca.web.briefings.urls")),
    path("admin/", admin.site.urls),
]

handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
