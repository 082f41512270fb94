"""The partnership's agencies: which have an agency lead and which have users (the gaps to
close before an audit), add, change, deactivate and reactivate."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse

from maca.web.accounts.models import Agency, User
from maca.web.accounts.readiness import gaps
from maca.web.accounts.roles import Role
from maca.web.common.views import permission_required, posted

from .. import services
from ..fetchers import agency_from
from ..forms import AgencyForm, ReasonForm
from ..pages import crumbs, page
from ..queries import agencies_visible_to


@permission_required("administration.administer")
def agency_list(request):
    leads = User.objects.filter(role=Role.AGENCY_LEAD, is_active=True).order_by("last_name")
    agencies = list(
        agencies_visible_to(request.user)
        .prefetch_related(Prefetch("users", queryset=leads, to_attr="leads"))
        .order_by("-active", "name")
    )
    return render(
        request,
        "administration/agency_list.html",
        {
            "crumbs": crumbs(),
            "agencies": agencies,
            "gaps": gaps(agencies),
            "business_team": Agency.Kind.BUSINESS_TEAM,
        },
    )


@permission_required("administration.administer")
def agency_add(request):
    form = AgencyForm(posted(request), partnership=request.user.partnership)
    if request.method == "POST" and form.is_valid():
        agency = services.add_agency(request.user, request=request, **form.cleaned_data)
        messages.success(request, f"{agency.name} added: now add its agency lead and users")
        return redirect("administration:agency-list")
    return render(
        request,
        "administration/form.html",
        {
            "form": form,
            "crumbs": crumbs("agencies"),
            "page": page(
                "Add an agency",
                submit="Add the agency",
                cancel=reverse("administration:agency-list"),
            ),
        },
    )


@permission_required("administration.manage_agency", agency_from)
def agency_change(request, agency):
    form = AgencyForm(posted(request), instance=agency, partnership=request.user.partnership)
    if request.method == "POST" and form.is_valid():
        changed = services.change_agency(agency, request.user, request=request, **form.cleaned_data)
        messages.success(request, "Changes saved" if changed else "Nothing was changed")
        return redirect("administration:agency-list")
    return render(
        request,
        "administration/agency_form.html",
        {
            "form": form,
            "crumbs": crumbs("agencies"),
            "agency": agency,
            "page": page(
                "Change the agency",
                caption=agency.name,
                submit="Save changes",
                cancel=reverse("administration:agency-list"),
            ),
        },
    )


def _confirm(request, agency, form, heading, submit, **words):
    return render(
        request,
        "administration/confirm.html",
        {
            "form": form,
            "crumbs": crumbs("agencies"),
            "page": page(
                heading,
                caption=agency.name,
                submit=submit,
                cancel=reverse("administration:agency-change", args=[agency.pk]),
                **words,
            ),
        },
    )


@permission_required("administration.manage_agency", agency_from)
def agency_deactivate(request, agency):
    form = ReasonForm(posted(request), required=True, label="Why are you deactivating it?")
    if request.method == "POST" and form.is_valid():
        try:
            services.deactivate_agency(agency, request.user, request=request, **form.cleaned_data)
        except services.Refused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, f"{agency.name} is deactivated")
        return redirect("administration:agency-list")
    users = services.active_users_of(agency).count()
    if users:
        return _confirm(
            request,
            agency,
            None,
            "This agency has active users",
            "",
            intro=[
                f"{agency.name} has {users} active user{'s' if users != 1 else ''}. Deactivate "
                "them, or move them to another agency, before you deactivate the agency."
            ],
        )
    return _confirm(
        request,
        agency,
        form,
        "Deactivate this agency?",
        "Deactivate the agency",
        consequences=[
            "It is no longer offered when assigning agencies to cases or adding users.",
            "Its returns, chronology entries and history stay as they are.",
            "You can reactivate it later.",
        ],
        warning_button=True,
    )


@permission_required("administration.manage_agency", agency_from)
def agency_reactivate(request, agency):
    form = ReasonForm(posted(request), required=False, label="Why are you reactivating it?")
    if request.method == "POST" and form.is_valid():
        try:
            services.reactivate_agency(agency, request.user, request=request, **form.cleaned_data)
        except services.Refused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, f"{agency.name} is active again")
        return redirect("administration:agency-list")
    return _confirm(
        request,
        agency,
        form,
        "Reactivate this agency?",
        "Reactivate the agency",
        consequences=["It is offered again when assigning agencies and adding users."],
    )
