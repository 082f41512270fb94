"""Partnerships are sealed (ADR 0341), step 1 of 3: tools and themes get a partnership (empty
for now) and their names need be unique only within it; a version records what it was copied
from. 0005 fills the partnership in; 0006 makes it required."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_agencies_contacts_and_deactivation"),
        ("audits", "0003_person_id_encrypted_at_rest_and_purge_record"),
    ]

    operations = [
        migrations.AddField(
            model_name="audittool",
            name="partnership",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="audit_tools",
                to="accounts.partnership",
            ),
        ),
        migrations.AddField(
            model_name="theme",
            name="partnership",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="themes",
                to="accounts.partnership",
            ),
        ),
        migrations.AddField(
            model_name="toolversion",
            name="based_on",
            field=models.ForeignKey(
                blank=True,
                help_text="The version this one was copied from.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="audits.toolversion",
            ),
        ),
        migrations.AlterField(
            model_name="audittool",
            name="name",
            field=models.CharField(max_length=200),
        ),
        migrations.AlterField(
            model_name="theme",
            name="name",
            field=models.CharField(max_length=200),
        ),
    ]
