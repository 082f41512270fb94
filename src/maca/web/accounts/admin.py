"""The Django admin, for superusers only (staff status follows superuser status): the people
who run the installation make partnerships and mend what the pages cannot. A partnership's
business team administers its own users, agencies and details in maca's pages
(``maca.web.administration``, ADR 0340)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import router, transaction

from maca.web.trail.admin import TrailedAdmin

from .models import Agency, Partnership, User


@admin.register(Partnership)
class PartnershipAdmin(TrailedAdmin):
    """A partnership made here gets the shipped tool and themes as its own (ADR 0341)."""

    list_display = ("name", "la_code", "contact_email")
    search_fields = ("name",)


@admin.register(Agency)
class AgencyAdmin(TrailedAdmin):
    list_display = ("name", "partnership", "kind", "active")
    list_filter = ("partnership", "kind", "active")
    search_fields = ("name",)


@admin.register(User)
class UserAdmin(TrailedAdmin, BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "partnership", "agency", "role")
    list_filter = ("partnership", "role", "is_active", "is_superuser")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email", "job_title")}),
        ("Partnership", {"fields": ("partnership", "agency", "role", "is_active")}),
        ("Installation", {"fields": ("is_superuser",)}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "description": "The partnership is the agency's when left blank.",
                "fields": ("username", "password1", "password2", "partnership", "agency", "role"),
            },
        ),
    )

    def user_change_password(self, request, id, form_url=""):
        """The new password and its trail entry together (Django's view has no transaction)."""
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().user_change_password(request, id, form_url)
