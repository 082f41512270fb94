from __future__ import annotations

from django.urls import reverse


def nav_items(request) -> dict:
    """The service navigation entries of the audit app, by permission."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for perm, label, name in (
        ("audits.list_audits", "Audits", "audits:audit-list"),
        ("audits.list_my_returns", "My returns", "audits:my-returns"),
        ("briefings.list_published", "Briefings", "briefings:published-list"),
    ):
        if user.has_perm(perm):
            url = reverse(name)
            items.append({"label": label, "url": url, "active": request.path.startswith(url)})
    return {"nav_items": items}
