"""What the administration pages share: the breadcrumbs and the words of a form or
confirmation page (``form.html``, ``confirm.html``)."""

from __future__ import annotations

from django.urls import reverse

SECTIONS = {
    "users": ("Users", "administration:user-list"),
    "agencies": ("Agencies", "administration:agency-list"),
    "partnership": ("Partnership details", "administration:partnership"),
    "themes": ("Themes", "administration:theme-list"),
    "tools": ("Audit tools", "administration:tool-list"),
    "lockouts": ("Sign-in lockouts", "administration:lockout-list"),
}


def crumbs(section: str | None = None, *more: tuple[str, str]) -> list[tuple[str, str]]:
    """Administration › the section › ``more`` (label, url) pairs."""
    trail = [("Administration", reverse("administration:index"))]
    if section:
        label, name = SECTIONS[section]
        trail.append((label, reverse(name)))
    return trail + list(more)


def page(
    heading: str,
    *,
    submit: str,
    cancel: str = "",
    caption: str = "",
    intro: tuple[str, ...] | list[str] = (),
    consequences: tuple[str, ...] | list[str] = (),
    warning: str = "",
    warning_button: bool = False,
) -> dict:
    return {
        "heading": heading,
        "submit": submit,
        "cancel": cancel,
        "caption": caption,
        "intro": list(intro),
        "consequences": list(consequences),
        "warning": warning,
        "warning_button": warning_button,
    }
