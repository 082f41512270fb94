"""The site's service navigation: one entry per app's front page, shown by permission; and the
home page's work list, one function per app that says what the person has to do next. A new
app adds its entries here (docs/architecture.md)."""

from __future__ import annotations

from django.urls import reverse

# (permission, label, URL name), in the order of the header.
SITE_NAVIGATION = (
    ("audits.list_audits", "Audits", "audits:audit-list"),
    ("audits.list_my_returns", "My returns", "audits:my-returns"),
    ("briefings.list_published", "Briefings", "briefings:published-list"),
    ("actions.view_tracker", "Actions", "actions:tracker"),
    ("actions.list_resources", "Resources", "actions:resource-list"),
    ("administration.administer", "Administration", "administration:index"),
)


# Dotted paths of ``work_for(user) -> list of sections`` (title, tasks), in the home page's order.
HOME_WORK = ("maca.web.audits.worklist.work_for",)


def home_work(user) -> list:
    """Every app's sections of the person's work list, for the home page."""
    from django.utils.module_loading import import_string

    return [section for path in HOME_WORK for section in import_string(path)(user)]


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
