"""From learning to changed practice: action plans, the resource library, briefing reach,
re-audits and the board report (docs/decisions/0350-the-actions-model.md)."""
