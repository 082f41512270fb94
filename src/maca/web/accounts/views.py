"""Sign-in (password, then the second factor; or single sign-on), the account pages, and the
accessibility statement. Views parse, call a service and render or redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator

from maca.web.common.navigation import home_work
from maca.web.common.views import posted
from maca.web.errors import answers_too_large

from . import services, sso, two_factor
from .forms import (
    ChangePasswordForm,
    CodeForm,
    NewRecoveryCodesForm,
    RecoveryCodeForm,
    SignInForm,
)
from .models import SingleSignOn, User
from .two_factor import two_factor_not_required


def _sign_in_too_large(request):
    """A body too large to read (a 15 MB username) gets the sign-in page with its error."""
    form = SignInForm.too_large(request)
    return render(request, SignInView.template_name, {"form": form, "next": ""}, status=413)


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "registration/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        # The password is the first factor: on to the second (set-up the first time).
        user = self.request.user
        assert isinstance(user, User)  # signed in by the form just now
        return two_factor.second_factor_url(user, self.get_redirect_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["single_sign_on"] = SingleSignOn.objects.filter(enabled=True).select_related(
            "partnership"
        )
        return context


sign_out = two_factor_not_required(auth_views.LogoutView.as_view())


sign_in = answers_too_large(_sign_in_too_large)(SignInView.as_view())


def home(request):
    """What the person has to do next (each app's work list, ``common.navigation.HOME_WORK``)."""
    return render(request, "accounts/home.html", {"work": home_work(request.user)})


@login_not_required
def accessibility(request):
    return render(request, "accessibility.html")


# -- The second factor --------------------------------------------------------------------------


@two_factor_not_required
def two_factor_set_up(request):
    if two_factor.has_authenticator(request.user):
        return redirect(two_factor.second_factor_url(request.user, request.GET.get("next", "")))
    device = two_factor.start_set_up(request.user)
    form = CodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_set_up(request, device, form.cleaned_data["code"])
        if codes is not None:
            return _show_recovery_codes(request, codes, first_time=True)
        form.add_error("code", "That code is not right. Enter the code your app shows now")
    uri = two_factor.provisioning_uri(request.user, device.secret)
    return render(
        request,
        "accounts/two_factor_set_up.html",
        {
            "form": form,
            "qr_svg": two_factor.qr_svg(uri),
            "secret": two_factor.grouped(device.secret),
            "next": two_factor.next_url(request),
        },
    )


def _show_recovery_codes(request, codes: list[str], *, first_time: bool):
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "first_time": first_time, "next": two_factor.next_url(request)},
    )


@two_factor_not_required
def two_factor_verify(request):
    if not two_factor.has_authenticator(request.user):
        return redirect(two_factor.second_factor_url(request.user, request.GET.get("next", "")))
    if two_factor.is_verified(request):
        return redirect(two_factor.next_url(request))
    form = CodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        wait = two_factor.wait_before_next_try(request.user)
        if wait:
            form.add_error(
                "code", f"Too many wrong codes in a row: wait {wait} seconds, then try again"
            )
        elif two_factor.verify_code(request, form.cleaned_data["code"]):
            return redirect(two_factor.next_url(request))
        else:
            form.add_error(
                "code",
                "That code is not right, or was used already. Wait for the next code and enter it",
            )
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
    )


@two_factor_not_required
def two_factor_recovery(request):
    form = RecoveryCodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if two_factor.use_recovery_code(request, form.cleaned_data["code"]):
            left = two_factor.recovery_codes_left(request.user)
            messages.success(
                request,
                f"Signed in with a recovery code. {left} left: make new ones from Your account "
                "if you are running out.",
            )
            return redirect(two_factor.next_url(request))
        form.add_error("code", "That recovery code is not right, or was used already")
    return render(
        request,
        "accounts/two_factor_recovery.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
    )


# -- Your account -------------------------------------------------------------------------------


def account(request):
    return render(
        request,
        "accounts/account.html",
        {"recovery_codes_left": two_factor.recovery_codes_left(request.user)},
    )


def recovery_codes_new(request):
    form = NewRecoveryCodesForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["make"] != "yes":
            return redirect("account")
        return _show_recovery_codes(
            request, two_factor.regenerate_recovery_codes(request), first_time=False
        )
    return render(request, "accounts/recovery_codes_new.html", {"form": form})


def password_change(request):
    form = ChangePasswordForm(request.user, posted(request))
    if request.method == "POST" and form.is_valid():
        ended = services.change_password(request, form)
        messages.success(
            request,
            "Your password has been changed"
            + (f"; your {ended} other sessions have been signed out" if ended else ""),
        )
        return redirect("account")
    return render(request, "accounts/password_change.html", {"form": form})


# -- Single sign-on -----------------------------------------------------------------------------


@login_not_required
def sso_start(request, pk):
    configuration = get_object_or_404(SingleSignOn, pk=pk, enabled=True)
    try:
        url = sso.start(
            request,
            configuration,
            request.build_absolute_uri(reverse("sso-callback")),
            request.GET.get("next", ""),
        )
    except sso.SignOnRefused as refused:
        return _refused(request, refused)
    return redirect(url)


@login_not_required
def sso_callback(request):
    try:
        signed_on = sso.finish(request, request.GET)
    except sso.SignOnRefused as refused:
        return _refused(request, refused)
    if signed_on.provider_mfa:
        return redirect(two_factor.next_url(request))
    return redirect(two_factor.second_factor_url(signed_on.user, signed_on.next_path))


def _refused(request, refused: sso.SignOnRefused):
    return render(request, "accounts/sso_refused.html", {"message": refused.message}, status=403)
