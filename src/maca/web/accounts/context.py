from __future__ import annotations

from django.conf import settings

from .models import Partnership


def partnership(request) -> dict[str, str]:
    """The partnership name for the header: the user's own, else the installation's only one."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.partnership_id:
        return {"partnership_name": user.partnership.name}
    names = list(Partnership.objects.values_list("name", flat=True)[:2])
    name = names[0] if len(names) == 1 else settings.MACA_PARTNERSHIP_FALLBACK_NAME
    return {"partnership_name": name}


def second_factor(request) -> dict[str, bool]:
    """Whether this session has passed the second factor (the menu shows only then)."""
    from .two_factor import is_verified

    return {"second_factor_done": bool(getattr(request, "user", None)) and is_verified(request)}
