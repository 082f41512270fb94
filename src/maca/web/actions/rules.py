"""Who may do what with action plans, the resource library, briefing reach, re-audits and the
board report. Deny by default.

- The business team (partnership admin, audit lead) manages every action of its partnership,
  the resource library and re-audits, and exports the board report.
- An agency lead sees the action plans of the partnership and updates the actions its agency
  owns: status, evidence of impact and the action's details.
- The board reader sees the action tracker read-only once an audit's findings are agreed, the
  reach of the briefing, the re-audit comparison once both audits' findings are agreed, and
  exports the board report.
- Anyone of the partnership with an agency (not the board) records that their team discussed a
  published briefing; everyone of the partnership reads the resource library.

Action plans open with moderation, when areas for learning are recorded, and stay open after
the audit closes: the work of changing practice outlives the audit.
"""

from __future__ import annotations

import rules

from maca.web.accounts.rules import (
    is_agency_lead,
    is_board_reader,
    is_panel_member,
    is_practitioner,
)
from maca.web.audits.rules import is_business_team
from maca.web.audits.stages import Stage, at_least


def audit_of(obj):
    """The audit an action, re-audit, discussion, published briefing or finding belongs to."""
    from maca.web.audits.models import Audit, Finding
    from maca.web.briefings.models import PublishedBriefing

    from .models import Action, BriefingDiscussion, ReAudit

    if isinstance(obj, Audit):
        return obj
    if isinstance(obj, Action | ReAudit | PublishedBriefing):
        return obj.audit
    if isinstance(obj, BriefingDiscussion):
        return obj.published.audit
    if isinstance(obj, Finding):
        return obj.case.audit
    return None


@rules.predicate
def has_partnership(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.partnership_id and user.role)


@rules.predicate
def in_partnership(user, obj) -> bool:
    from .models import Resource

    if isinstance(obj, Resource):
        return obj.partnership_id == user.partnership_id
    audit = audit_of(obj)
    return audit is not None and audit.partnership_id == user.partnership_id


def _stage_at_least(stage: Stage) -> rules.Predicate:
    @rules.predicate(name=f"audit_{stage.value}_or_later")
    def predicate(user, obj) -> bool:
        audit = audit_of(obj)
        return audit is not None and at_least(audit.stage, stage)

    return predicate


moderation_or_later = _stage_at_least(Stage.MODERATION_OPEN)
findings_agreed_or_later = _stage_at_least(Stage.FINDINGS_AGREED)


@rules.predicate
def own_agency_action(user, obj) -> bool:
    return getattr(obj, "owner_agency_id", None) == user.agency_id


@rules.predicate
def action_open(user, obj) -> bool:
    return getattr(obj, "status", "") != "complete"


@rules.predicate
def area_for_learning(user, obj) -> bool:
    """A finding an action can come from: an area for learning, tagged to a theme."""
    return getattr(obj, "kind", "") == "area_for_learning" and obj.themes.exists()


@rules.predicate
def both_findings_agreed(user, obj) -> bool:
    """A re-audit's comparison: both audits' findings agreed (what a board reader may read)."""
    reaudit = getattr(obj, "reaudit", None)
    if reaudit is None:
        return False
    return all(at_least(a.stage, Stage.FINDINGS_AGREED) for a in (reaudit.audit, reaudit.earlier))


@rules.predicate
def is_reaudit(user, obj) -> bool:
    """An audit started as a re-audit of an earlier one."""
    from maca.web.audits.models import Audit

    from .models import ReAudit

    return isinstance(obj, Audit) and ReAudit.objects.filter(audit_id=obj.pk).exists()


plan_reader = is_business_team | is_agency_lead | (is_board_reader & findings_agreed_or_later)
action_updater = is_business_team | (is_agency_lead & own_agency_action)

# Pages without an object.
rules.add_perm("actions.view_tracker", is_business_team | is_agency_lead | is_board_reader)
rules.add_perm("actions.list_resources", has_partnership)
rules.add_perm("actions.add_resource", is_business_team)

# An audit (and a finding, for an action raised from it).
rules.add_perm("actions.view_action_plan", in_partnership & moderation_or_later & plan_reader)
rules.add_perm("actions.add_action", in_partnership & moderation_or_later & is_business_team)
rules.add_perm(
    "actions.add_action_for_finding",
    in_partnership & moderation_or_later & is_business_team & area_for_learning,
)
rules.add_perm(
    "actions.export_board_report",
    in_partnership & findings_agreed_or_later & (is_business_team | is_board_reader),
)
rules.add_perm(
    "actions.view_reach", in_partnership & (is_business_team | is_agency_lead | is_board_reader)
)
rules.add_perm("actions.start_reaudit", in_partnership & is_business_team)
rules.add_perm(
    "actions.view_comparison",
    in_partnership & is_reaudit & (is_business_team | (is_board_reader & both_findings_agreed)),
)

# An action.
rules.add_perm("actions.view_action", in_partnership & moderation_or_later & plan_reader)
rules.add_perm("actions.update_action", in_partnership & moderation_or_later & action_updater)
rules.add_perm(
    "actions.change_action", in_partnership & moderation_or_later & action_updater & action_open
)

# A resource of the library.
rules.add_perm("actions.change_resource", in_partnership & is_business_team)

# A published briefing: a team's discussion of it.
rules.add_perm(
    "actions.record_discussion",
    in_partnership & (is_business_team | is_agency_lead | is_practitioner | is_panel_member),
)
