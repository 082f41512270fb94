"""Admin actions are recorded in the audit trail as well as Django's own admin log."""

from __future__ import annotations

from django.contrib import admin

from .events import log_event
from .models import Action


class TrailedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose additions, changes and deletions are written to the audit trail."""

    def log_addition(self, request, obj, message):
        log_event(request.user, Action.CREATE, obj=obj, request=request, summary="Added in admin")
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        log_event(request.user, Action.CHANGE, obj=obj, request=request, summary="Changed in admin")
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            log_event(
                request.user, Action.DELETE, obj=obj, request=request, summary="Deleted in admin"
            )
        return super().log_deletions(request, queryset)
