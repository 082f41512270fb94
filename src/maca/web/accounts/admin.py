"""The Django admin for the business team, scoped to their own partnership."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import router, transaction

from maca.web.trail.admin import TrailedAdmin

from .models import Agency, Partnership, SingleSignOn, User
from .two_factor import reset_two_factor


class PartnershipScopedAdmin(TrailedAdmin):
    """Non-superusers see and edit only rows of their own partnership."""

    partnership_field = "partnership"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.partnership_field}_id": request.user.partnership_id})

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            setattr(obj, f"{self.partnership_field}_id", request.user.partnership_id)
        super().save_model(request, obj, form, change)

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if not request.user.is_superuser:
            exclude.append(self.partnership_field)
        return exclude

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "agency" and not request.user.is_superuser:
            kwargs["queryset"] = Agency.objects.filter(partnership_id=request.user.partnership_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Partnership)
class PartnershipAdmin(PartnershipScopedAdmin):
    list_display = ("name", "la_code")
    partnership_field = "id"

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk=request.user.partnership_id)

    def get_exclude(self, request, obj=None):
        return []

    def has_add_permission(self, request):
        return request.user.is_superuser


@admin.register(Agency)
class AgencyAdmin(PartnershipScopedAdmin):
    list_display = ("name", "kind")
    list_filter = ("kind",)
    search_fields = ("name",)


@admin.action(description="Reset two-factor sign-in (they set it up again; sessions end)")
def reset_two_factor_sign_in(modeladmin, request, queryset):
    for user in queryset:
        reset_two_factor(user, request.user, request)
    modeladmin.message_user(request, f"Two-factor sign-in reset for {queryset.count()} users")


@admin.register(User)
class UserAdmin(PartnershipScopedAdmin, BaseUserAdmin):
    actions = [reset_two_factor_sign_in]
    list_display = ("username", "first_name", "last_name", "agency", "role", "is_active")
    list_filter = ("role", "agency", "is_active")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email", "job_title")}),
        ("Partnership", {"fields": ("partnership", "agency", "role", "is_active")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "password1", "password2", "partnership", "agency", "role"),
            },
        ),
    )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        hidden = {"partnership"}
        return [
            (name, {**opts, "fields": tuple(f for f in opts["fields"] if f not in hidden)})
            for name, opts in fieldsets
        ]

    def get_exclude(self, request, obj=None):
        return []

    def user_change_password(self, request, id, form_url=""):
        """The new password and its trail entry together (Django's view has no transaction)."""
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().user_change_password(request, id, form_url)


@admin.register(SingleSignOn)
class SingleSignOnAdmin(PartnershipScopedAdmin):
    """The partnership's OpenID Connect provider; the client secret is stored encrypted and
    never shown again (a blank field keeps the one stored)."""

    list_display = ("partnership", "issuer", "enabled", "trust_provider_mfa")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "issuer":
            kwargs["assume_scheme"] = "https"  # a provider is reached over HTTPS
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        from django import forms

        form = super().get_form(request, obj, change, **kwargs)
        secret = form.base_fields["client_secret"]
        secret.widget = forms.PasswordInput(render_value=False)
        secret.required = obj is None
        secret.help_text = "Stored encrypted; leave blank to keep the stored secret."
        return form

    def save_model(self, request, obj, form, change):
        if change and not form.cleaned_data.get("client_secret"):
            obj.client_secret = SingleSignOn.objects.get(pk=obj.pk).client_secret
        super().save_model(request, obj, form, change)
