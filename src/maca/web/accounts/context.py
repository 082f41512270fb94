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
