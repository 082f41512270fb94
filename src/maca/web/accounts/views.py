from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.decorators import method_decorator

from maca.web.common.navigation import home_work

from .forms import SignInForm


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "registration/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


def home(request):
    """What the person has to do next (each app's work list, ``common.navigation.HOME_WORK``)."""
    return render(request, "accounts/home.html", {"work": home_work(request.user)})


@login_not_required
def accessibility(request):
    return render(request, "accessibility.html")
