"""What the administration pages change, in one place: every change with its audit trail entry
in one transaction (docs/architecture.md). Views parse the form, call one of these, redirect.

The trail names users by username and agencies, themes and versions by name; a reason the admin
gives is part of the entry's summary (the trail is read by the partnership's admins only).
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from axes.utils import reset as reset_lockouts
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from maca.web.accounts.models import Agency, Partnership, User
from maca.web.accounts.two_factor import reset_two_factor
from maca.web.audits.models import Theme, ToolVersion
from maca.web.trail import log_event
from maca.web.trail.models import Action

from .set_password_link import email_link, set_password_link


class Refused(Exception):
    """A change that cannot be made as asked, with the reason in words for the page."""


@dataclass(frozen=True)
class LinkMade:
    """A set-password link, to show the admin once, and whether the email went."""

    user: User
    link: str
    emailed: bool


def _because(summary: str, reason: str) -> str:
    reason = " ".join(reason.split())
    return f"{summary}: {reason}" if reason else summary


def _changed(obj, fields: dict) -> list[str]:
    """Set the fields that differ; their verbose names, for the trail (names, not values).
    ``obj`` is read afresh by the caller: a model form has already put its values on the
    instance it was given."""
    changed = []
    for name, value in fields.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(str(obj._meta.get_field(name).verbose_name))
    return changed


# Users ----------------------------------------------------------------------------------------

DEACTIVATION_FIELDS = ["is_active", "deactivated_at", "deactivated_by", "deactivation_reason"]


@transaction.atomic
def add_user(by: User, *, request=None, **fields) -> LinkMade:
    """A user of the admin's partnership, with no password until they set one by the link."""
    user = User(partnership=by.partnership, **fields)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    log_event(
        by,
        Action.CREATE,
        obj=user,
        request=request,
        summary=f"Added the user ({user.role_label}, {user.agency}); sent a set-password link",
    )
    link = set_password_link(user)
    return LinkMade(user, link, email_link(user, link, new_account=True))


@transaction.atomic
def change_user(user: User, by: User, *, request=None, **fields) -> list[str]:
    """Change a user's details, agency or role; what changed, by name (nothing: no entry)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    old_role, old_agency = user.role_label, str(user.agency)
    changed = _changed(user, fields)
    if not changed:
        return []
    user.full_clean()
    user.save()
    summary = f"Changed {', '.join(changed)}"
    if user.role_label != old_role:
        summary += f"; role {old_role} → {user.role_label}"
    if str(user.agency) != old_agency:
        summary += f"; agency {old_agency} → {user.agency}"
    log_event(by, Action.CHANGE, obj=user, request=request, summary=summary)
    return changed


@transaction.atomic
def deactivate_user(user: User, by: User, *, reason: str, request=None) -> None:
    """Switch an account off: it cannot sign in, its sessions end at their next request, and
    its history stays. The reason is kept on the account and in the trail."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        raise Refused(f"{user.username} is already deactivated")
    user.is_active = False
    user.deactivated_at, user.deactivated_by, user.deactivation_reason = timezone.now(), by, reason
    user.save(update_fields=DEACTIVATION_FIELDS)
    log_event(by, Action.CHANGE, obj=user, request=request, summary=_because("Deactivated", reason))


@transaction.atomic
def reactivate_user(user: User, by: User, *, reason: str = "", request=None) -> None:
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active:
        raise Refused(f"{user.username} is already active")
    user.is_active = True
    user.deactivated_at, user.deactivated_by, user.deactivation_reason = None, None, ""
    user.save(update_fields=DEACTIVATION_FIELDS)
    log_event(by, Action.CHANGE, obj=user, request=request, summary=_because("Reactivated", reason))


@transaction.atomic
def reset_password(user: User, by: User, *, reason: str, request=None) -> LinkMade:
    """The old password stops working at once (and the user's sessions end); the user sets a
    new one by a one-time link, emailed to them and shown to the admin once."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        raise Refused(f"{user.username} is deactivated: reactivate the account first")
    user.set_unusable_password()
    user.save(update_fields=["password"])
    log_event(
        by,
        Action.CHANGE,
        obj=user,
        request=request,
        summary=_because("Reset the password (set-password link sent)", reason),
    )
    link = set_password_link(user)
    return LinkMade(user, link, email_link(user, link, new_account=False))


@transaction.atomic
def unlock_user(user: User, by: User, *, reason: str = "", request=None) -> int:
    """Clear the user's failed sign-ins (django-axes), so a locked account can sign in now."""
    cleared = reset_lockouts(username=user.username)
    log_event(
        by,
        Action.CHANGE,
        obj=user,
        request=request,
        summary=_because(f"Unlocked sign-in ({cleared} lockout records cleared)", reason),
    )
    return cleared


@transaction.atomic
def reset_two_factor_sign_in(user: User, by: User, *, reason: str = "", request=None) -> int:
    """The user's authenticator and recovery codes go and their sessions end: they set up
    two-factor sign-in again at their next sign-in (issue 14's reset, from the user's page)."""
    return reset_two_factor(user, by, request, reason=reason)


@transaction.atomic
def set_password_from_link(user: User, password: str, *, request=None) -> None:
    """The user's own choice of password, by a one-time link (checked by the caller). Their
    failed sign-ins are cleared too: a locked-out user who was sent a link can sign in."""
    user.set_password(password)
    user.save(update_fields=["password"])
    reset_lockouts(username=user.username)
    log_event(
        user, Action.CHANGE, obj=user, request=request, summary="Set their password by a link"
    )


# Agencies and the partnership -----------------------------------------------------------------


@transaction.atomic
def add_agency(by: User, *, request=None, **fields) -> Agency:
    agency = Agency(partnership=by.partnership, **fields)
    agency.full_clean()
    agency.save()
    log_event(by, Action.CREATE, obj=agency, request=request, summary="Added the agency")
    return agency


@transaction.atomic
def change_agency(agency: Agency, by: User, *, request=None, **fields) -> list[str]:
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    old_name = agency.name
    changed = _changed(agency, fields)
    if not changed:
        return []
    agency.full_clean()
    agency.save()
    summary = f"Changed {', '.join(changed)}"
    if agency.name != old_name:
        summary += f" (was {old_name})"
    log_event(by, Action.CHANGE, obj=agency, request=request, summary=summary)
    return changed


def active_users_of(agency: Agency):
    return agency.users.filter(is_active=True)


@transaction.atomic
def deactivate_agency(agency: Agency, by: User, *, reason: str, request=None) -> None:
    """An agency no longer taking part: offered for no new assignment or user; its returns and
    history stay. Its users are deactivated first, one by one, each with their own record."""
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    if not agency.active:
        raise Refused(f"{agency.name} is already deactivated")
    users = active_users_of(agency).count()
    if users:
        raise Refused(
            f"{agency.name} has {users} active user{'s' if users != 1 else ''}: "
            "deactivate them or move them to another agency first"
        )
    agency.active = False
    agency.save(update_fields=["active"])
    log_event(
        by, Action.CHANGE, obj=agency, request=request, summary=_because("Deactivated", reason)
    )


@transaction.atomic
def reactivate_agency(agency: Agency, by: User, *, reason: str = "", request=None) -> None:
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    if agency.active:
        raise Refused(f"{agency.name} is already active")
    agency.active = True
    agency.save(update_fields=["active"])
    log_event(
        by, Action.CHANGE, obj=agency, request=request, summary=_because("Reactivated", reason)
    )


@transaction.atomic
def change_partnership(partnership: Partnership, by: User, *, request=None, **fields) -> list[str]:
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    changed = _changed(partnership, fields)
    if not changed:
        return []
    partnership.full_clean()
    partnership.save()
    log_event(
        by,
        Action.CHANGE,
        obj=partnership,
        request=request,
        partnership=partnership,
        summary=f"Changed the partnership's {', '.join(changed)}",
    )
    return changed


# Themes ---------------------------------------------------------------------------------------


def _next_theme_order(partnership) -> int:
    last = Theme.objects.filter(partnership=partnership).order_by("-order").first()
    return (last.order if last else 0) + 10


@transaction.atomic
def add_theme(by: User, *, name: str, request=None) -> Theme:
    theme = Theme(partnership=by.partnership, name=name, order=_next_theme_order(by.partnership))
    theme.full_clean()
    theme.save()
    log_event(by, Action.CREATE, obj=theme, request=request, summary=f"Added the theme {name}")
    return theme


@transaction.atomic
def rename_theme(theme: Theme, by: User, *, name: str, request=None) -> bool:
    """A new name for the theme, on every finding and return of this partnership that has it
    (another partnership's themes are its own and do not change)."""
    theme = Theme.objects.select_for_update().get(pk=theme.pk)
    old = theme.name
    if name == old:
        return False
    theme.name = name
    theme.full_clean()
    theme.save(update_fields=["name"])
    log_event(
        by, Action.CHANGE, obj=theme, request=request, summary=f"Renamed the theme {old} → {name}"
    )
    return True


@transaction.atomic
def retire_theme(theme: Theme, by: User, *, request=None) -> None:
    """No longer offered for new findings and returns; kept on those that have it."""
    theme = Theme.objects.select_for_update().get(pk=theme.pk)
    if not theme.active:
        raise Refused(f"{theme.name} is already retired")
    theme.active = False
    theme.save(update_fields=["active"])
    log_event(by, Action.CHANGE, obj=theme, request=request, summary=f"Retired {theme.name}")


@transaction.atomic
def reinstate_theme(theme: Theme, by: User, *, request=None) -> None:
    theme = Theme.objects.select_for_update().get(pk=theme.pk)
    if theme.active:
        raise Refused(f"{theme.name} is in use already")
    theme.active = True
    theme.save(update_fields=["active"])
    log_event(by, Action.CHANGE, obj=theme, request=request, summary=f"Reinstated {theme.name}")


@transaction.atomic
def move_theme(theme: Theme, by: User, *, up: bool, request=None) -> bool:
    """Swap the theme with its neighbour in the partnership's order (False: it is at the end)."""
    themes = list(Theme.objects.select_for_update().filter(partnership=theme.partnership_id))
    index = next(i for i, t in enumerate(themes) if t.pk == theme.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(themes):
        return False
    themes[index], themes[other] = themes[other], themes[index]
    for position, each in enumerate(themes, start=1):
        if each.order != position * 10:
            each.order = position * 10
            each.save(update_fields=["order"])
    log_event(
        by,
        Action.CHANGE,
        obj=theme,
        request=request,
        summary=f"Moved {theme.name} {'up' if up else 'down'} the list",
    )
    return True


# Tool versions --------------------------------------------------------------------------------


@transaction.atomic
def copy_tool_version(version: ToolVersion, by: User, *, request=None) -> ToolVersion:
    """A new version of the tool, a copy of ``version``'s questions to edit, not yet offered."""
    latest = ToolVersion.objects.select_for_update().filter(tool=version.tool).order_by("-version")
    copy = ToolVersion.objects.create(
        tool=version.tool,
        version=latest[0].version + 1,
        sections=version.sections,
        published=False,
        based_on=version,
    )
    log_event(by, Action.CREATE, obj=copy, request=request, summary=f"Copied from {version}")
    return copy


def _edit_sections(version: ToolVersion, by: User, change, summary: str, request) -> ToolVersion:
    """Apply ``change(sections)`` to the stored questions (locked while it runs) and save, if
    the version may still change (no returns, a valid tool): else ``ValidationError``."""
    locked = ToolVersion.objects.select_for_update().get(pk=version.pk)
    sections = [
        {**section, "questions": [dict(q) for q in section["questions"]]}
        for section in locked.sections
    ]
    change(sections)
    locked.sections = sections
    locked.clean()
    locked.save(update_fields=["sections"])
    log_event(by, Action.CHANGE, obj=locked, request=request, summary=summary)
    return locked


def _section(sections: list[dict], key: str) -> dict:
    found = next((s for s in sections if str(s["key"]) == key), None)
    if found is None:
        raise ValidationError({"sections": f"There is no section {key}"})
    return found


def _question_at(sections: list[dict], key: str) -> tuple[dict, int]:
    for section in sections:
        for index, question in enumerate(section["questions"]):
            if question["key"] == key:
                return section, index
    raise ValidationError({"sections": f"There is no question {key}"})


def new_section_key(sections: list[dict]) -> str:
    """The next free capital letter (A to I ship; then J, K, ...), else S1, S2, ..."""
    used = {str(s["key"]) for s in sections}
    letter = next((c for c in string.ascii_uppercase if c not in used), None)
    return letter or next(f"S{n}" for n in range(1, 1000) if f"S{n}" not in used)


def new_question_key(sections: list[dict], section_key: str) -> str:
    used = {q["key"] for s in sections for q in s["questions"]}
    keys = (f"{section_key}_q{n}" for n in range(1, 10_000))
    return next(key for key in keys if key not in used)


def _question(fields: dict) -> dict:
    """A tool question from the question form's fields, with only what is set."""
    question = {"type": fields["type"], "text": fields["text"], "required": fields["required"]}
    for name in ("hint", "error"):
        if fields.get(name):
            question[name] = fields[name]
    if fields["type"] == "choice":
        question["choices"] = fields["choices"]
    if fields.get("graded_audits_only"):
        question["graded_audits_only"] = True
    return question


# A new section starts with one question to edit (a tool's sections may not be empty).
FIRST_QUESTION = {
    "type": "evidenced",
    "text": "Is this evidenced in your agency's records?",
    "required": True,
}


@transaction.atomic
def add_section(version: ToolVersion, by: User, *, title: str, request=None) -> str:
    key = new_section_key(version.sections)

    def change(sections):
        first = {"key": f"{key}_evidenced", **FIRST_QUESTION}
        sections.append({"key": key, "title": title, "questions": [first]})

    _edit_sections(version, by, change, f"Added section {key}", request)
    return key


@transaction.atomic
def change_section(version: ToolVersion, key: str, by: User, *, title: str, request=None) -> None:
    def change(sections):
        _section(sections, key)["title"] = title

    _edit_sections(version, by, change, f"Renamed section {key}", request)


@transaction.atomic
def remove_section(version: ToolVersion, key: str, by: User, *, request=None) -> None:
    def change(sections):
        sections.remove(_section(sections, key))

    _edit_sections(version, by, change, f"Removed section {key}", request)


@transaction.atomic
def add_question(
    version: ToolVersion, section_key: str, by: User, *, request=None, **fields
) -> str:
    key = new_question_key(version.sections, section_key)

    def change(sections):
        _section(sections, section_key)["questions"].append({"key": key, **_question(fields)})

    _edit_sections(version, by, change, f"Added question {key} to section {section_key}", request)
    return key


@transaction.atomic
def change_question(version: ToolVersion, key: str, by: User, *, request=None, **fields) -> None:
    def change(sections):
        section, index = _question_at(sections, key)
        section["questions"][index] = {"key": key, **_question(fields)}

    _edit_sections(version, by, change, f"Changed question {key}", request)


@transaction.atomic
def remove_question(version: ToolVersion, key: str, by: User, *, request=None) -> None:
    def change(sections):
        section, index = _question_at(sections, key)
        del section["questions"][index]

    _edit_sections(version, by, change, f"Removed question {key}", request)


@transaction.atomic
def offer_tool_version(version: ToolVersion, by: User, *, offered: bool, request=None) -> None:
    """Offer the version when commissioning an audit, or stop offering it (audits that use it
    keep it)."""
    version = ToolVersion.objects.select_for_update().get(pk=version.pk)
    if version.published == offered:
        raise Refused(f"{version} is {'already' if offered else 'not'} offered")
    version.published = offered
    version.save(update_fields=["published"])
    summary = "Offered for new audits" if offered else "No longer offered for new audits"
    log_event(by, Action.CHANGE, obj=version, request=request, summary=summary)
