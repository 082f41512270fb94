"""The Django admin, for superusers only (staff status follows superuser status): the people
who run the installation make partnerships and mend what the pages cannot. A partnership's
business team administers its own users, agencies and details in maca's pages
(``maca.web.administration``, ADR 0340)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import router, transaction

from maca.web.trail.admin import TrailedAdmin

from .models import Agency, Partnership, SingleSignOn, User
from .two_factor import reset_two_factor


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


@admin.action(description="Reset two-factor sign-in (they set it up again; sessions end)")
def reset_two_factor_sign_in(modeladmin, request, queryset):
    for user in queryset:
        reset_two_factor(user, request.user, request)
    modeladmin.message_user(request, f"Two-factor sign-in reset for {queryset.count()} users")


@admin.register(User)
class UserAdmin(TrailedAdmin, BaseUserAdmin):
    actions = [reset_two_factor_sign_in]
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


@admin.register(SingleSignOn)
class SingleSignOnAdmin(TrailedAdmin):
    """A partnership's OpenID Connect provider; the client secret is stored encrypted and
    never shown again (a blank field keeps the one stored). Superusers set it here: the
    business team's own page for it is not built yet (ADR 0340)."""

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
