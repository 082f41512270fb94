"""Named permissions built from small predicates (django-rules). Deny by default: a capability
not granted here is refused."""

from __future__ import annotations

import rules

from .roles import Role


def _role_predicate(role: Role) -> rules.Predicate:
    @rules.predicate(name=f"is_{role.value}")
    def predicate(user) -> bool:
        return bool(getattr(user, "is_authenticated", False) and user.has_role(role))

    return predicate


is_partnership_admin = _role_predicate(Role.PARTNERSHIP_ADMIN)
is_audit_lead = _role_predicate(Role.AUDIT_LEAD)
is_agency_lead = _role_predicate(Role.AGENCY_LEAD)
is_practitioner = _role_predicate(Role.PRACTITIONER)
is_panel_member = _role_predicate(Role.PANEL_MEMBER)
is_board_reader = _role_predicate(Role.BOARD_READER)

# The business team administers its partnership's users, agencies and details in maca's own
# pages: see maca.web.administration.rules. The Django admin is for superusers only.
