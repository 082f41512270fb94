"""Who may administer what: a partnership admin, their own partnership's users, agencies,
details, themes and tool versions, and nothing of another partnership. Deny by default."""

from __future__ import annotations

import rules

from maca.web.accounts.rules import is_partnership_admin


def _partnership_id(obj) -> int | None:
    """The partnership an administered object belongs to (a partnership is its own)."""
    from maca.web.accounts.models import Partnership
    from maca.web.audits.models import AuditTool, ToolVersion

    if isinstance(obj, Partnership):
        return obj.pk
    if isinstance(obj, ToolVersion):
        return obj.tool.partnership_id
    if isinstance(obj, AuditTool):
        return obj.partnership_id
    return getattr(obj, "partnership_id", None)


@rules.predicate
def in_own_partnership(user, obj) -> bool:
    partnership = _partnership_id(obj)
    return partnership is not None and partnership == user.partnership_id


@rules.predicate
def is_someone_else(user, obj) -> bool:
    return getattr(obj, "pk", None) != user.pk


@rules.predicate
def version_can_change(user, obj) -> bool:
    """No return was made with the version (``ToolVersion.clean`` holds the same rule)."""
    return not obj.has_returns


administers = is_partnership_admin & in_own_partnership

# Pages without an object: the overview, the lists, the "add" pages and the partnership's own
# details (always the user's own partnership).
rules.add_perm("administration.administer", is_partnership_admin)

rules.add_perm("administration.manage_user", administers)
# Nobody switches off, or resets the password of, their own account (another admin does).
rules.add_perm("administration.deactivate_user", administers & is_someone_else)
rules.add_perm("administration.reset_password", administers & is_someone_else)
rules.add_perm("administration.reset_two_factor", administers & is_someone_else)
rules.add_perm("administration.manage_agency", administers)
rules.add_perm("administration.manage_theme", administers)
rules.add_perm("administration.manage_tool_version", administers)
rules.add_perm("administration.edit_tool_version", administers & version_can_change)
