"""The page a one-time set-password link opens (ADR 0340): the user chooses their password,
then signs in with it. Public (the user is not signed in); the link is Django's
password-reset token, checked by Django's view, which also takes it out of the address."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.utils.decorators import method_decorator

from .. import services
from ..forms import SetPasswordByLinkForm
from ..set_password_link import link_days


@method_decorator(login_not_required, name="dispatch")
class SetPasswordView(auth_views.PasswordResetConfirmView):
    template_name = "administration/set_password.html"
    form_class = SetPasswordByLinkForm

    def get_user(self, uidb64):
        """A deactivated account's link does not work."""
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "days": link_days()}

    def form_valid(self, form):
        services.set_password_from_link(
            self.user, form.cleaned_data["new_password1"], request=self.request
        )
        self.request.session.pop(auth_views.INTERNAL_RESET_SESSION_TOKEN, None)
        messages.success(self.request, "Your password is set: sign in with it")
        return redirect("sign-in")
