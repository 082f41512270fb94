from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.decorators import method_decorator

from maca.web.common.navigation import home_work
from maca.web.errors import answers_too_large

from .forms import SignInForm


def _sign_in_too_large(request):
    """A body too large to read (a 15 MB username) gets the sign-in page with its error."""
    form = SignInForm.too_large(request)
    return render(request, SignInView.template_name, {"form": form, "next": ""}, status=413)


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "registration/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


sign_in = answers_too_large(_sign_in_too_large)(SignInView.as_view())


def home(request):
    """What the person has to do next (each app's work list, ``common.navigation.HOME_WORK``)."""
    return render(request, "accounts/home.html", {"work": home_work(request.user)})


@login_not_required
def accessibility(request):
    return render(request, "accessibility.html")
