"""What ships with maca: the First 1001 Days audit tool (version 1) and the theme list of
shared/spec/audit.md, read from tools/*.json.

Never edit those files to change the tool: the business team adds a new version in the admin (or
a later migration adds one), so returns keep their version. Loading is idempotent; it takes an
app registry so that the data migration can pass its historical models.
"""

from __future__ import annotations

import json
from pathlib import Path

TOOLS = Path(__file__).resolve().parent / "tools"


def load_tool_and_themes(apps) -> None:
    AuditTool = apps.get_model("audits", "AuditTool")
    ToolVersion = apps.get_model("audits", "ToolVersion")
    Theme = apps.get_model("audits", "Theme")
    definition = json.loads((TOOLS / "first_1001_days_v1.json").read_text("utf-8"))
    tool, _ = AuditTool.objects.get_or_create(
        name=definition["tool"],
        defaults={
            "description": (
                "Practitioner-led multi-agency audit of children removed in their first 1001 days."
            )
        },
    )
    ToolVersion.objects.get_or_create(
        tool=tool, version=definition["version"], defaults={"sections": definition["sections"]}
    )
    names = json.loads((TOOLS / "themes.json").read_text("utf-8"))
    for order, name in enumerate(names, start=1):
        Theme.objects.get_or_create(name=name, defaults={"order": order * 10})
