"""The administration front page: each part with what needs attention in it."""

from __future__ import annotations

from django.shortcuts import render

from maca.web.accounts.models import Agency
from maca.web.accounts.readiness import gaps
from maca.web.common.views import permission_required

from ..lockouts import lockouts_of
from ..queries import (
    agencies_visible_to,
    themes_visible_to,
    tool_versions_visible_to,
    users_visible_to,
)


@permission_required("administration.administer")
def index(request):
    users = users_visible_to(request.user)
    usernames = list(users.filter(is_active=True).values_list("username", flat=True))
    agencies = list(agencies_visible_to(request.user))
    return render(
        request,
        "administration/index.html",
        {
            "active_users": len(usernames),
            "deactivated_users": users.filter(is_active=False).count(),
            "locked": sum(1 for lock in lockouts_of(usernames).values() if lock.locked),
            "agencies": sum(1 for a in agencies if a.active),
            "gaps": gaps(agencies),
            "themes": themes_visible_to(request.user).filter(active=True).count(),
            "offered": tool_versions_visible_to(request.user).filter(published=True).count(),
            "partnership": request.user.partnership,
            "business_team": Agency.Kind.BUSINESS_TEAM,
        },
    )
