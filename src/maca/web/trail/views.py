from __future__ import annotations

from datetime import date

from django.core.paginator import Paginator
from django.shortcuts import render

from maca.web.common.views import permission_required

from .models import Action, AuditEvent


def visible_to(user):
    """The trail entries a user may read: their own partnership's, for a partnership admin."""
    if not user.has_perm("trail.view_trail"):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(partnership_id=user.partnership_id).select_related("actor")


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


@permission_required("trail.view_trail")
def trail_list(request):
    events = visible_to(request.user)
    action = request.GET.get("action", "")
    who = request.GET.get("who", "").strip()[:150]  # a username's length
    day_from = _parse_date(request.GET.get("from", ""))
    day_to = _parse_date(request.GET.get("to", ""))
    if action in Action.values:
        events = events.filter(action=action)
    if who:
        events = events.filter(actor_username__icontains=who)
    if day_from:
        events = events.filter(occurred_at__date__gte=day_from)
    if day_to:
        events = events.filter(occurred_at__date__lte=day_to)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "trail/trail_list.html",
        {
            "page": page,
            "actions": Action.choices,
            "filters": {
                "action": action,
                "who": who,
                "from": request.GET.get("from", ""),
                "to": request.GET.get("to", ""),
            },
        },
    )
