import rules

from maca.web.accounts.rules import is_partnership_admin

rules.add_perm("trail.view_trail", is_partnership_admin)
