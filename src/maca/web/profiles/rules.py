"""Who may see and change an audit's cohort profile. Deny by default.

The profile is aggregate and small-number-safe (suppressed before it was written), so it has the
audience of the findings summary: the business team, the panel once moderation opens, board
readers once the findings are agreed. Agencies see their own returns, not the cohort as a whole.
The list of exclusions names police references and says why each event was left out: the
business team only. The business team uploads and replaces the profile while the audit is open.
"""

from __future__ import annotations

import rules

from maca.web.accounts.rules import is_board_reader, is_panel_member
from maca.web.audits.rules import (
    findings_agreed_or_later,
    in_audit_partnership,
    is_business_team,
    moderation_or_later,
    not_closed,
)

may_read_profile = in_audit_partnership & (
    is_business_team
    | (is_panel_member & moderation_or_later)
    | (is_board_reader & findings_agreed_or_later)
)

rules.add_perm("profiles.view_profile", may_read_profile)
rules.add_perm("profiles.download_profile", may_read_profile)
rules.add_perm("profiles.view_exclusions", in_audit_partnership & is_business_team)
rules.add_perm("profiles.upload_profile", in_audit_partnership & is_business_team & not_closed)
