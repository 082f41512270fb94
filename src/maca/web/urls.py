from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic.base import RedirectView

from maca.web import errors
from maca.web.accounts import views as accounts
from maca.web.common import timeout
from maca.web.trail import views as trail

# The Django admin is for superusers (the people who run the installation); a partnership's
# business team uses the administration pages (maca.web.administration, ADR 0340).
admin.site.site_header = "maca: the installation's Django admin"
admin.site.site_title = "maca Django admin"
admin.site.index_title = "Partnerships, agencies, users, sign-in lockouts and audit tools"

urlpatterns = [
    path("", accounts.home, name="home"),
    path("sign-in/", accounts.sign_in, name="sign-in"),
    path("sign-out/", accounts.sign_out, name="sign-out"),
    path("sign-in/two-factor/", accounts.two_factor_verify, name="two-factor-verify"),
    path("sign-in/two-factor/set-up/", accounts.two_factor_set_up, name="two-factor-set-up"),
    path("sign-in/two-factor/recovery/", accounts.two_factor_recovery, name="two-factor-recovery"),
    path("sign-in/sso/<int:pk>/", accounts.sso_start, name="sso-start"),
    path("sign-in/sso/callback/", accounts.sso_callback, name="sso-callback"),
    path("account/", accounts.account, name="account"),
    path("account/password/", accounts.password_change, name="password-change"),
    path("account/recovery-codes/", accounts.recovery_codes_new, name="recovery-codes-new"),
    path("accessibility/", accounts.accessibility, name="accessibility"),
    path("session/extend/", timeout.session_extend, name="session-extend"),
    path("trail/", trail.trail_list, name="trail"),
    path("", include("maca.web.audits.urls")),
    path("", include("maca.web.briefings.urls")),
    path("", include("maca.web.administration.urls")),
    path("", include("maca.web.profiles.urls")),
    path("", include("maca.web.actions.urls")),
    path("", include("maca.web.chronology.urls")),
    # One way to sign in, with its bounds and lockout: the Django admin's own form is not used.
    path(
        "admin/login/",
        login_not_required(RedirectView.as_view(pattern_name="sign-in", query_string=True)),
    ),
    path("admin/", admin.site.urls),
]

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
