"""Partnerships are sealed (ADR 0341), step 3 of 3: every tool and theme belongs to a
partnership, and its name is unique within it."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audits", "0005_partnership_themes_and_tools_copied")]

    operations = [
        migrations.AlterField(
            model_name="audittool",
            name="partnership",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="audit_tools",
                to="accounts.partnership",
            ),
        ),
        migrations.AlterField(
            model_name="theme",
            name="partnership",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="themes",
                to="accounts.partnership",
            ),
        ),
        migrations.AddConstraint(
            model_name="audittool",
            constraint=models.UniqueConstraint(
                fields=("partnership", "name"), name="audit_tool_name_unique_in_partnership"
            ),
        ),
        migrations.AddConstraint(
            model_name="theme",
            constraint=models.UniqueConstraint(
                fields=("partnership", "name"), name="theme_name_unique_in_partnership"
            ),
        ),
    ]
