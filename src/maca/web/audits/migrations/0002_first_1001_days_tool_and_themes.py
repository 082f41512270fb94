"""The First 1001 Days audit tool (version 1) and the theme list of shared/spec/audit.md ship
with maca, read from ../tools/*.json. Never edit those files to change the tool: the business team
adds a new version in the admin (or a later migration adds one), so returns keep their version."""

import json
from pathlib import Path

from django.db import migrations

TOOLS = Path(__file__).resolve().parent.parent / "tools"


def load(apps, schema_editor):
    AuditTool = apps.get_model("audits", "AuditTool")
    ToolVersion = apps.get_model("audits", "ToolVersion")
    Theme = apps.get_model("audits", "Theme")
    definition = json.loads((TOOLS / "first_1001_days_v1.json").read_text("utf-8"))
    tool, _ = AuditTool.objects.get_or_create(
        name=definition["tool"],
        defaults={"description": "Practitioner-led multi-agency audit of children removed in their first 1001 days."},
    )
    ToolVersion.objects.get_or_create(
        tool=tool, version=definition["version"], defaults={"sections": definition["sections"]}
    )
    names = json.loads((TOOLS / "themes.json").read_text("utf-8"))
    for order, name in enumerate(names, start=1):
        Theme.objects.get_or_create(name=name, defaults={"order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("audits", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
