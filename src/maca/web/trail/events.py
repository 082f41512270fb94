from __future__ import annotations

import logging

from django.http import HttpRequest

from .models import Action, AuditEvent

logger = logging.getLogger("maca.trail")


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def log_event(
    actor,
    action: Action | str,
    *,
    obj=None,
    object_type: str = "",
    object_ref: str = "",
    summary: str = "",
    request: HttpRequest | None = None,
    partnership=None,
) -> AuditEvent:
    """Write one audit trail entry.

    ``obj`` may be any model instance; its type and ``trail_ref`` (or pk) name it. Pass
    pseudonymous references only: the trail is readable by the partnership admin.
    """
    if obj is not None:
        object_type = object_type or obj._meta.verbose_name
        object_ref = object_ref or str(getattr(obj, "trail_ref", obj.pk))
        partnership = partnership or getattr(obj, "partnership", None)
    user = actor if getattr(actor, "is_authenticated", False) else None
    if partnership is None and user is not None:
        partnership = user.partnership
    event = AuditEvent.objects.create(
        partnership=partnership,
        actor=user,
        actor_username=getattr(actor, "username", "") or "",
        action=str(action),
        object_type=object_type[:60],
        object_ref=object_ref[:100],
        summary=summary[:500],
        ip_address=_client_ip(request),
    )
    # The log line carries the event id and kind only; the trail holds the rest.
    logger.debug("audit event %s: %s %s", event.pk, event.action, event.object_type)
    return event
