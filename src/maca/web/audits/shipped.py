"""What ships with maca: the First 1001 Days audit tool (version 1) and the theme list of
shared/spec/audit.md, read from tools/*.json.

Partnerships are sealed (ADR 0341): every partnership gets its own copy of these when it is
made (``give_shipped_defaults``, called when a partnership is saved for the first time), and
then changes its own themes and tool versions in the administration pages. Never edit the files
to change a partnership's tool: the business team adds a new version, so returns keep theirs.

The functions take an app registry so that data migrations can pass their historical models.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.apps import apps as installed_apps

TOOLS = Path(__file__).resolve().parent / "tools"
SHIPPED_TOOL_DESCRIPTION = (
    "Practitioner-led multi-agency audit of children removed in their first 1001 days."
)


def shipped_tool() -> dict:
    """The shipped tool: ``{"tool", "version", "sections"}``."""
    return json.loads((TOOLS / "first_1001_days_v1.json").read_text("utf-8"))


def shipped_themes() -> list[str]:
    """The shipped theme names, in their order."""
    return json.loads((TOOLS / "themes.json").read_text("utf-8"))


def theme_order(position: int) -> int:
    """The ``order`` of the theme at ``position`` (1, 2, ...): steps of 10 leave room."""
    return position * 10


def give_shipped_defaults(partnership, apps=installed_apps) -> None:
    """The shipped tool and themes, as the partnership's own: the tool when it has no tool, the
    themes when it has no theme (so a renamed or retired one never comes back)."""
    AuditTool = apps.get_model("audits", "AuditTool")
    ToolVersion = apps.get_model("audits", "ToolVersion")
    Theme = apps.get_model("audits", "Theme")
    if not AuditTool.objects.filter(partnership_id=partnership.pk).exists():
        definition = shipped_tool()
        tool = AuditTool.objects.create(
            partnership_id=partnership.pk,
            name=definition["tool"],
            description=SHIPPED_TOOL_DESCRIPTION,
        )
        ToolVersion.objects.create(
            tool=tool, version=definition["version"], sections=definition["sections"]
        )
    if not Theme.objects.filter(partnership_id=partnership.pk).exists():
        Theme.objects.bulk_create(
            Theme(partnership_id=partnership.pk, name=name, order=theme_order(position))
            for position, name in enumerate(shipped_themes(), start=1)
        )


def load_tool_and_themes(apps) -> None:
    """Migration 0002's step, kept as it was: the tool and themes before partnerships were
    sealed (migration 0004 gives them to the partnerships, or removes them when there are none).
    """
    AuditTool = apps.get_model("audits", "AuditTool")
    ToolVersion = apps.get_model("audits", "ToolVersion")
    Theme = apps.get_model("audits", "Theme")
    definition = shipped_tool()
    tool, _ = AuditTool.objects.get_or_create(
        name=definition["tool"], defaults={"description": SHIPPED_TOOL_DESCRIPTION}
    )
    ToolVersion.objects.get_or_create(
        tool=tool, version=definition["version"], defaults={"sections": definition["sections"]}
    )
    for position, name in enumerate(shipped_themes(), start=1):
        Theme.objects.get_or_create(name=name, defaults={"order": theme_order(position)})
