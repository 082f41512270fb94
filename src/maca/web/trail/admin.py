"""Admin actions are recorded in the audit trail as well as Django's own admin log."""

from __future__ import annotations

from django.contrib import admin
from django.db import router, transaction

from .events import log_event
from .models import Action


class TrailedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose additions, changes and deletions are written to the audit trail, each
    in the transaction of the change (Django's add, change and delete views have one; a list
    action, such as deleting the selected rows, gets one here)."""

    def response_action(self, request, queryset):
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().response_action(request, queryset)

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
