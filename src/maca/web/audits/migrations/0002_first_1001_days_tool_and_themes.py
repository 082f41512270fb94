"""The First 1001 Days audit tool (version 1) and the theme list ship with maca
(see maca.web.audits.shipped)."""

from django.db import migrations


def load(apps, schema_editor):
    from maca.web.audits.shipped import load_tool_and_themes

    load_tool_and_themes(apps)


class Migration(migrations.Migration):
    dependencies = [("audits", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
