"""Who may do what with a learning briefing. Deny by default.

The business team (partnership admin, audit lead) writes the narrative, reads and confirms every
passage, changes a passage where it is, previews and publishes; publishing waits until the panel
has agreed the findings. A published briefing has passed the disclosure check and is written for
practitioners, so everyone in the partnership may read the published versions, the board reader
included, and nothing else of the briefing (no drafts). A withdrawn version stays readable as a
record (its page says it was withdrawn and points to the current one), but only the business
team may still download its files.
"""

from __future__ import annotations

import rules

from maca.web.audits.rules import findings_agreed_or_later, in_audit_partnership, is_business_team


@rules.predicate
def in_briefing_partnership(user, obj) -> bool:
    audit = getattr(obj, "audit", None)
    return audit is not None and audit.partnership_id == user.partnership_id


@rules.predicate
def has_partnership(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.partnership_id)


rules.add_perm("briefings.edit_briefing", in_audit_partnership & is_business_team)
rules.add_perm("briefings.preview_briefing", in_audit_partnership & is_business_team)
rules.add_perm(
    "briefings.publish_briefing",
    in_audit_partnership & is_business_team & findings_agreed_or_later,
)


@rules.predicate
def withdrawn(user, obj) -> bool:
    return getattr(obj, "withdrawn_at", None) is not None


rules.add_perm("briefings.check_passages", in_audit_partnership & is_business_team)
rules.add_perm("briefings.fix_passage", in_audit_partnership & is_business_team)
rules.add_perm("briefings.list_published", has_partnership)
# On a PublishedBriefing.
rules.add_perm("briefings.read_published", has_partnership & in_briefing_partnership)
rules.add_perm(
    "briefings.download_published",
    has_partnership & in_briefing_partnership & (~withdrawn | is_business_team),
)
rules.add_perm(
    "briefings.withdraw_published", in_briefing_partnership & is_business_team & ~withdrawn
)
