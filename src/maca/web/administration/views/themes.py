"""The partnership's own learning themes (ADR 0341): add, rename, retire, reinstate, order.
Another partnership's themes are its own: nothing here can change them."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from maca.web.common.views import permission_required, posted

from .. import services
from ..fetchers import theme_from
from ..forms import ConfirmForm, ThemeForm
from ..pages import crumbs, page
from ..queries import themes_visible_to


@permission_required("administration.administer")
def theme_list(request):
    themes = list(themes_visible_to(request.user))
    return render(
        request,
        "administration/theme_list.html",
        {"crumbs": crumbs(), "themes": themes, "last": len(themes) - 1},
    )


@permission_required("administration.administer")
def theme_add(request):
    form = ThemeForm(posted(request), partnership=request.user.partnership)
    if request.method == "POST" and form.is_valid():
        theme = services.add_theme(request.user, request=request, **form.cleaned_data)
        messages.success(request, f"{theme.name} added at the end of the list")
        return redirect("administration:theme-list")
    return render(
        request,
        "administration/form.html",
        {
            "form": form,
            "crumbs": crumbs("themes"),
            "page": page(
                "Add a theme",
                submit="Add the theme",
                cancel=reverse("administration:theme-list"),
                intro=["Your partnership's findings and returns can then be tagged with it."],
            ),
        },
    )


@permission_required("administration.manage_theme", theme_from)
def theme_change(request, theme):
    form = ThemeForm(posted(request), instance=theme, partnership=request.user.partnership)
    if request.method == "POST" and form.is_valid():
        renamed = services.rename_theme(theme, request.user, request=request, **form.cleaned_data)
        messages.success(request, f"Renamed to {theme.name}" if renamed else "Nothing was changed")
        return redirect("administration:theme-list")
    used = theme.findings.count()
    return render(
        request,
        "administration/form.html",
        {
            "form": form,
            "crumbs": crumbs("themes"),
            "page": page(
                "Rename the theme",
                caption=theme.name,
                submit="Rename the theme",
                cancel=reverse("administration:theme-list"),
                intro=[
                    f"The new name shows on the {used} finding{'s' if used != 1 else ''} and the "
                    "returns of your partnership tagged with it, including published summaries "
                    "read again. Other partnerships have their own themes."
                ],
            ),
        },
    )


def _confirm(request, theme, heading, submit, consequences, change, done):
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            change(theme, request.user, request=request)
        except services.Refused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, f"{theme.name} {done}")
        return redirect("administration:theme-list")
    return render(
        request,
        "administration/confirm.html",
        {
            "form": form,
            "crumbs": crumbs("themes"),
            "page": page(
                heading,
                caption=theme.name,
                submit=submit,
                cancel=reverse("administration:theme-list"),
                consequences=consequences,
            ),
        },
    )


@permission_required("administration.manage_theme", theme_from)
def theme_retire(request, theme):
    return _confirm(
        request,
        theme,
        "Retire this theme?",
        "Retire the theme",
        [
            "It is no longer offered when tagging findings and returns.",
            "Findings and returns already tagged with it keep it, and summaries still count it.",
            "You can reinstate it later.",
        ],
        services.retire_theme,
        "is retired",
    )


@permission_required("administration.manage_theme", theme_from)
def theme_reinstate(request, theme):
    return _confirm(
        request,
        theme,
        "Reinstate this theme?",
        "Reinstate the theme",
        ["It is offered again when tagging findings and returns."],
        services.reinstate_theme,
        "is offered again",
    )


@require_POST
@permission_required("administration.manage_theme", theme_from)
def theme_move(request, theme):
    up = request.POST.get("direction") == "up"
    if services.move_theme(theme, request.user, up=up, request=request):
        messages.success(request, f"{theme.name} moved {'up' if up else 'down'}")
    return redirect("administration:theme-list")
