"""The business team's admin: audit tools and their versions, and themes. Audits themselves
are run from the audit pages. Tool versions are data: a new version needs no code."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from maca.web.common.forms import PlainErrors
from maca.web.input_bounds import BoundedJSONField
from maca.web.trail.admin import TrailedAdmin

from .models import AuditTool, Theme, ToolVersion


class ToolVersionForm(PlainErrors, forms.ModelForm):
    sections = BoundedJSONField(
        label="Sections",
        help_text=ToolVersion._meta.get_field("sections").help_text,
        widget=forms.Textarea(attrs={"rows": 30, "cols": 100}),
    )

    class Meta:
        model = ToolVersion
        fields = ["tool", "version", "published", "sections"]
        widgets = {"sections": forms.Textarea(attrs={"rows": 30, "cols": 100})}


class ToolVersionInline(admin.TabularInline):
    model = ToolVersion
    fields = ("version", "published", "created_at")
    readonly_fields = ("version", "created_at")
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(AuditTool)
class AuditToolAdmin(TrailedAdmin):
    list_display = ("name",)
    inlines = [ToolVersionInline]


@admin.register(ToolVersion)
class ToolVersionAdmin(TrailedAdmin):
    form = ToolVersionForm
    list_display = ("tool", "version", "published", "created_at")
    list_filter = ("tool", "published")

    def get_changeform_initial_data(self, request):
        """A new version starts as a copy of the latest one, to edit rather than retype."""
        initial = super().get_changeform_initial_data(request)
        latest = ToolVersion.objects.order_by("-created_at", "-id").first()
        if latest is not None:
            initial.setdefault("tool", latest.tool_id)
            initial.setdefault("version", latest.version + 1)
            initial.setdefault("sections", latest.sections)
        return initial

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Theme)
class ThemeAdmin(TrailedAdmin):
    list_display = ("name", "order", "active")
    list_editable = ("order", "active")
