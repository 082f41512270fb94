"""The site's service navigation: one entry per app's front page, shown by permission. A new app
adds its entry here (docs/architecture.md)."""

from __future__ import annotations

from django.urls import reverse

# (permission, label, URL name), in the order of the header.
SITE_NAVIGATION = (
    ("audits.list_audits", "Audits", "audits:audit-list"),
    ("audits.list_my_returns", "My returns", "audits:my-returns"),
    ("briefings.list_published", "Briefings", "briefings:published-list"),
)


def nav_items(request) -> dict:
    """Context processor: the navigation entries the signed-in user may follow."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for perm, label, name in SITE_NAVIGATION:
        if user.has_perm(perm):
            url = reverse(name)
            items.append({"label": label, "url": url, "active": request.path.startswith(url)})
    return {"nav_items": items}
