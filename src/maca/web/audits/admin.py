"""The Django admin (superusers only) for audit tools, their versions and themes, each of one
partnership. A partnership's business team manages its own in the administration pages
(ADR 0341); audits themselves are run from the audit pages."""

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
        fields = ["tool", "version", "published", "sections", "based_on"]
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
    list_display = ("name", "partnership")
    list_filter = ("partnership",)
    inlines = [ToolVersionInline]


@admin.register(ToolVersion)
class ToolVersionAdmin(TrailedAdmin):
    form = ToolVersionForm
    list_display = ("tool", "version", "published", "created_at")
    list_filter = ("tool__partnership", "tool", "published")

    def get_changeform_initial_data(self, request):
        """A new version starts as a copy of the latest one (of the tool in ``?tool=``, if
        given), to edit rather than retype."""
        initial = super().get_changeform_initial_data(request)
        versions = ToolVersion.objects.order_by("-created_at", "-id")
        tool = str(request.GET.get("tool", ""))
        latest = (versions.filter(tool_id=tool) if tool.isdigit() else versions).first()
        if latest is not None:
            initial.setdefault("tool", latest.tool_id)
            initial.setdefault("version", latest.version + 1)
            initial.setdefault("sections", latest.sections)
            initial.setdefault("based_on", latest.pk)
        return initial

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Theme)
class ThemeAdmin(TrailedAdmin):
    list_display = ("name", "partnership", "order", "active")
    list_filter = ("partnership", "active")
