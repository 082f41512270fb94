"""Users of the partnership: the list with filters, add (with a one-time set-password link),
a user's page with its account actions, change, deactivate, reactivate, reset the password,
unlock after a lockout; and the sign-in lockouts of the partnership's users."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.defaultfilters import date
from django.urls import reverse
from django.utils import timezone

from maca.web.audits.models import Assignment, SingleAgencyReturn
from maca.web.common.views import permission_required, posted

from .. import services
from ..account_actions import actions_for
from ..fetchers import user_from
from ..forms import ReasonForm, UserFilterForm, UserForm
from ..lockouts import cool_off_minutes, lockout_of, lockouts_of
from ..pages import crumbs, page
from ..queries import users_visible_to
from ..set_password_link import link_days

SHOWN_LINK = "administration.set_password_link"  # the session key: the link is shown once
OPEN = [SingleAgencyReturn.Status.DRAFT, SingleAgencyReturn.Status.REOPENED]


def _name(user) -> str:
    return user.get_full_name() or user.username


def _user_crumbs(user):
    return crumbs("users", (_name(user), reverse("administration:user-detail", args=[user.pk])))


@permission_required("administration.administer")
def user_list(request):
    users = users_visible_to(request.user)
    filters = UserFilterForm(request.GET or None, partnership=request.user.partnership)
    shown = filters.filtered(users)
    listing = Paginator(shown, 50).get_page(request.GET.get("page"))
    locked = lockouts_of(u.username for u in listing)
    rows = [{"user": u, "lockout": locked.get(u.username)} for u in listing]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "administration/user_list.html",
        {
            "crumbs": crumbs(),
            "filters": filters,
            "rows": rows,
            "listing": listing,
            "total": users.count(),
            "query": query.urlencode(),
        },
    )


@permission_required("administration.administer")
def user_add(request):
    form = UserForm(posted(request), partnership=request.user.partnership, by=request.user)
    if request.method == "POST" and form.is_valid():
        made = services.add_user(request.user, request=request, **form.cleaned_data)
        return _show_link_once(request, made, f"{_name(made.user)} added")
    return render(
        request,
        "administration/form.html",
        {
            "form": form,
            "crumbs": crumbs("users"),
            "page": page(
                "Add a user",
                submit="Add the user",
                cancel=reverse("administration:user-list"),
                intro=[
                    "They get an email with a link to set their own password. You will see "
                    "the same link once, to pass on if the email does not arrive."
                ],
            ),
        },
    )


def _show_link_once(request, made, done: str):
    request.session[SHOWN_LINK] = {"user": made.user.pk, "link": made.link, "emailed": made.emailed}
    messages.success(request, done)
    return redirect("administration:user-link", pk=made.user.pk)


@permission_required("administration.manage_user", user_from)
def user_link(request, user):
    """The set-password link, shown once: it is taken from the session as it is shown."""
    shown = request.session.get(SHOWN_LINK)
    if shown and shown.get("user") == user.pk:
        del request.session[SHOWN_LINK]
    else:
        shown = None
    return render(
        request,
        "administration/user_link.html",
        {"crumbs": _user_crumbs(user), "target": user, "shown": shown, "days": link_days()},
    )


@permission_required("administration.manage_user", user_from)
def user_detail(request, user):
    lockout = lockout_of(user.username)
    return render(
        request,
        "administration/user_detail.html",
        {
            "crumbs": crumbs("users"),
            "target": user,
            "lockout": lockout,
            "actions": actions_for(request.user, user, lockout),
            "open_returns": _open_work(user),
        },
    )


def _open_work(user) -> dict:
    """What a user has to do in open audits: returns allocated to them not yet submitted, and
    returns they are the agency lead of."""
    allocated = Assignment.objects.filter(
        practitioner=user, single_agency_return__status__in=OPEN
    ).count()
    leading = Assignment.objects.filter(
        agency_lead=user,
        single_agency_return__status=SingleAgencyReturn.Status.SUBMITTED,
    ).count()
    return {"allocated": allocated, "to_sign_off": leading}


@permission_required("administration.manage_user", user_from)
def user_change(request, user):
    form = UserForm(
        posted(request), instance=user, partnership=request.user.partnership, by=request.user
    )
    if request.method == "POST" and form.is_valid():
        changed = services.change_user(user, request.user, request=request, **form.cleaned_data)
        messages.success(request, "Changes saved" if changed else "Nothing was changed")
        return redirect("administration:user-detail", pk=user.pk)
    intro = []
    if "role" not in form.fields:
        intro.append("You cannot change your own role: ask another partnership admin.")
    return render(
        request,
        "administration/form.html",
        {
            "form": form,
            "crumbs": _user_crumbs(user),
            "page": page(
                "Change details, agency or role",
                caption=_name(user),
                submit="Save changes",
                cancel=reverse("administration:user-detail", args=[user.pk]),
                intro=intro,
            ),
        },
    )


def _confirm(request, user, *, form, heading: str, submit: str, **words):
    return render(
        request,
        "administration/confirm.html",
        {
            "form": form,
            "crumbs": _user_crumbs(user),
            "page": page(
                heading,
                caption=f"{_name(user)} ({user.username})",
                submit=submit,
                cancel=reverse("administration:user-detail", args=[user.pk]),
                **words,
            ),
        },
    )


def _refused(request, user, refusal: services.Refused):
    messages.error(request, str(refusal))
    return redirect("administration:user-detail", pk=user.pk)


@permission_required("administration.deactivate_user", user_from)
def user_deactivate(request, user):
    form = ReasonForm(posted(request), required=True, label="Why are you deactivating it?")
    if request.method == "POST" and form.is_valid():
        try:
            services.deactivate_user(user, request.user, request=request, **form.cleaned_data)
        except services.Refused as refusal:
            return _refused(request, user, refusal)
        messages.success(request, f"{_name(user)}'s account is deactivated")
        return redirect("administration:user-detail", pk=user.pk)
    work = _open_work(user)
    consequences = [
        "They cannot sign in; if they are signed in now, they are signed out.",
        "Everything they did stays, with their name, and the audit trail keeps it all.",
        "You can reactivate the account later.",
    ]
    allocated, to_sign_off = work["allocated"], work["to_sign_off"]
    if allocated:
        consequences.append(
            f"{allocated} return{'s' if allocated != 1 else ''} allocated to them "
            f"{'are' if allocated != 1 else 'is'} not yet submitted: their agency lead will "
            "need to allocate them again."
        )
    if to_sign_off:
        consequences.append(
            f"{to_sign_off} submitted return{'s' if to_sign_off != 1 else ''} "
            f"{'wait' if to_sign_off != 1 else 'waits'} for their sign-off as agency lead."
        )
    return _confirm(
        request,
        user,
        form=form,
        heading="Deactivate this account?",
        submit="Deactivate the account",
        consequences=consequences,
        warning_button=True,
    )


@permission_required("administration.manage_user", user_from)
def user_reactivate(request, user):
    form = ReasonForm(posted(request), required=False, label="Why are you reactivating it?")
    if request.method == "POST" and form.is_valid():
        try:
            services.reactivate_user(user, request.user, request=request, **form.cleaned_data)
        except services.Refused as refusal:
            return _refused(request, user, refusal)
        messages.success(request, f"{_name(user)}'s account is active again")
        return redirect("administration:user-detail", pk=user.pk)
    return _confirm(
        request,
        user,
        form=form,
        heading="Reactivate this account?",
        submit="Reactivate the account",
        consequences=[
            "They can sign in again with their password, with their agency and role as before.",
            "If they have forgotten the password, reset it after reactivating.",
        ],
    )


@permission_required("administration.reset_password", user_from)
def user_reset_password(request, user):
    form = ReasonForm(
        posted(request),
        required=True,
        label="Why are you resetting it?",
        hint="For example: forgot their password; asked by phone, identity checked.",
    )
    if request.method == "POST" and form.is_valid():
        try:
            made = services.reset_password(user, request.user, request=request, **form.cleaned_data)
        except services.Refused as refusal:
            return _refused(request, user, refusal)
        return _show_link_once(request, made, f"{_name(user)}'s password is reset")
    return _confirm(
        request,
        user,
        form=form,
        heading="Reset this password?",
        submit="Reset the password",
        consequences=[
            "Their password stops working at once, and they are signed out.",
            f"They get an email{f' at {user.email}' if user.email else ''} with a link to "
            f"choose a new password. It works once, for {link_days()} days.",
            "You will see the same link once, to pass on if the email does not arrive.",
        ],
    )


@permission_required("administration.reset_two_factor", user_from)
def user_reset_two_factor(request, user):
    form = ReasonForm(
        posted(request),
        required=False,
        label="Note (for the audit trail)",
        hint="For example: lost their phone; asked by phone, identity checked.",
    )
    if request.method == "POST" and form.is_valid():
        ended = services.reset_two_factor_sign_in(
            user, request.user, request=request, **form.cleaned_data
        )
        messages.success(
            request,
            f"{_name(user)}'s two-factor sign-in is reset ({ended} session"
            f"{'' if ended == 1 else 's'} ended)",
        )
        return redirect("administration:user-detail", pk=user.pk)
    return _confirm(
        request,
        user,
        form=form,
        heading="Reset two-factor sign-in?",
        submit="Reset two-factor sign-in",
        consequences=[
            "Their authenticator app and recovery codes stop working, and they are signed out.",
            "At their next sign-in, after their password, they set up an authenticator app again.",
        ],
        warning="Check it is them asking (for example by phone) before you reset it.",
    )


@permission_required("administration.manage_user", user_from)
def user_unlock(request, user):
    lockout = lockout_of(user.username)
    form = ReasonForm(posted(request), required=False, label="Note (for the audit trail)")
    if request.method == "POST" and form.is_valid():
        cleared = services.unlock_user(user, request.user, request=request, **form.cleaned_data)
        if cleared:
            messages.success(request, f"{_name(user)} can sign in again")
        else:
            messages.success(request, f"{_name(user)} had no failed sign-ins to clear")
        return redirect("administration:user-detail", pk=user.pk)
    if lockout is None:
        intro = [f"{_name(user)} has no failed sign-ins at the moment: there is nothing to unlock."]
        consequences = []
    else:
        intro = [
            f"{lockout.failures} failed sign-in{'s' if lockout.failures != 1 else ''}, the last "
            f"at {date(timezone.localtime(lockout.last_failure), 'H:i, j F Y')}."
            + (" The account is locked." if lockout.locked else " The account is not locked yet.")
        ]
        consequences = [
            "Their failed sign-ins are cleared: they can sign in now with their password.",
            "If they have forgotten it, reset the password instead.",
        ]
    return _confirm(
        request,
        user,
        form=form,
        heading="Unlock sign-in?",
        submit="Unlock sign-in",
        intro=intro,
        consequences=consequences,
        warning="Check it is them who is locked out (for example by phone) before you unlock."
        if lockout is not None
        else "",
    )


@permission_required("administration.administer")
def lockout_list(request):
    users = {u.username: u for u in users_visible_to(request.user)}
    lockouts = sorted(
        lockouts_of(users).values(), key=lambda lockout: lockout.last_failure, reverse=True
    )
    return render(
        request,
        "administration/lockout_list.html",
        {
            "crumbs": crumbs(),
            "rows": [{"user": users[lock.username], "lockout": lock} for lock in lockouts],
            "minutes": cool_off_minutes(),
        },
    )
