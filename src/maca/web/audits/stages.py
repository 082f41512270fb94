"""The stages of an audit, in order. Permissions depend on the stage (shared/spec/audit.md)."""

from django.db import models


class Stage(models.TextChoices):
    COMMISSIONED = "commissioned", "Commissioned"
    RETURNS_OPEN = "returns_open", "Returns open"
    MODERATION_OPEN = "moderation_open", "Moderation open"
    FINDINGS_AGREED = "findings_agreed", "Findings agreed"
    CLOSED = "closed", "Closed"


ORDER = list(Stage)

NEXT_STEP_LABEL = {
    Stage.COMMISSIONED: "Open returns",
    Stage.RETURNS_OPEN: "Open moderation (audit day)",
    Stage.MODERATION_OPEN: "Agree findings",
    Stage.FINDINGS_AGREED: "Close the audit",
}


def next_stage(stage: str) -> Stage | None:
    index = ORDER.index(Stage(stage))
    return ORDER[index + 1] if index + 1 < len(ORDER) else None


def at_least(stage: str, threshold: Stage) -> bool:
    return ORDER.index(Stage(stage)) >= ORDER.index(threshold)
