"""Who may do what with an audit's chronology: role x agency x audit stage. Deny by default.

An agency uploads its own chronology for the cases it is assigned to while returns are open
(the agency is the uploader's, never the file's); the business team loads the system records
before moderation. Until moderation opens an agency sees only its own entries; once it opens an
agency lead of an agency assigned to a case sees the case's whole timeline, as on the moderation
page, and the panel sees every timeline.
"""

from __future__ import annotations

import rules

from maca.web.accounts.rules import is_agency_lead, is_panel_member
from maca.web.audits.rules import (
    agency_assigned_in_audit,
    agency_assigned_to_case,
    agency_user,
    before_moderation,
    in_audit_partnership,
    is_business_team,
    moderation_or_later,
    returns_open,
)

# An audit.
rules.add_perm(
    "chronology.view_uploads",
    in_audit_partnership & (is_business_team | (agency_user & agency_assigned_in_audit)),
)
rules.add_perm(
    "chronology.download_template",
    in_audit_partnership & agency_user & agency_assigned_in_audit & before_moderation,
)
rules.add_perm(
    "chronology.upload",
    in_audit_partnership & agency_user & agency_assigned_in_audit & returns_open,
)
rules.add_perm(
    "chronology.load_system_records", in_audit_partnership & is_business_team & before_moderation
)

# A case (and its family).
rules.add_perm(
    "chronology.view_timeline",
    in_audit_partnership
    & (
        is_business_team
        | (is_panel_member & moderation_or_later)
        | (agency_user & agency_assigned_to_case)
    ),
)
# Every agency's entries of the case, not only the user's own agency's.
rules.add_perm(
    "chronology.view_every_agency",
    in_audit_partnership
    & (
        is_business_team
        | (is_panel_member & moderation_or_later)
        | (is_agency_lead & moderation_or_later & agency_assigned_to_case)
    ),
)
