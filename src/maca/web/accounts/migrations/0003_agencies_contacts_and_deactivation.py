"""Administration in the app (ADR 0340): an agency can be deactivated, a partnership has a
contact, a user's deactivation says who, when and why; the Django admin is for superusers only,
so staff status follows superuser status."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def staff_are_superusers(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.exclude(is_staff=models.F("is_superuser")).update(
        is_staff=models.F("is_superuser")
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_two_factor_single_sign_on_sessions")]

    operations = [
        migrations.AddField(
            model_name="agency",
            name="active",
            field=models.BooleanField(default=True),
        ),
        migrations.AddField(
            model_name="partnership",
            name="contact_name",
            field=models.CharField(
                blank=True,
                help_text="Who users ask: a team or a role.",
                max_length=200,
                verbose_name="contact",
            ),
        ),
        migrations.AddField(
            model_name="partnership",
            name="contact_email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="contact email"),
        ),
        migrations.AddField(
            model_name="partnership",
            name="contact_phone",
            field=models.CharField(blank=True, max_length=40, verbose_name="contact phone"),
        ),
        migrations.AddField(
            model_name="user",
            name="deactivated_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="user",
            name="deactivated_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="deactivation_reason",
            field=models.TextField(blank=True),
        ),
        migrations.RunPython(staff_are_superusers, migrations.RunPython.noop),
    ]
