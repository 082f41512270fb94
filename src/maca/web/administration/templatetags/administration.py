"""What the public pages (the lockout page, the set-password page) say about whom to ask: the
partnership's contact, as its business team set it in Partnership details; and minutes."""

from __future__ import annotations

from datetime import timedelta

from django import template

from maca.web.accounts.models import Partnership, User

register = template.Library()


@register.simple_tag
def contact_for(person=None) -> Partnership | None:
    """The partnership of a signed-in user, else the installation's only partnership, else None.
    A username typed on the sign-in page is never looked up: the page must not tell anyone
    which partnership an account name belongs to."""
    if isinstance(person, User) and person.partnership_id:
        return person.partnership
    only = list(Partnership.objects.all()[:2])
    return only[0] if len(only) == 1 else None


@register.filter
def minutes(delta) -> int:
    return int(delta.total_seconds() // 60) if isinstance(delta, timedelta) else 0
