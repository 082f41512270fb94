"""Rule 11: cohort children who share a family id or a mother, directly or through a chain of
cohort children, are one family. A child with neither is a family of one.

The query gives each cohort child its links (``family F1``, ``mother M7``); grouping them is a
union-find over the cohort, exact and deterministic, the same whichever engine ran the query.

``family_members`` reads who a child's direct links are (its mothers, and rule 8's siblings and
other family members) from a store, for the chronology of the child and its family.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def group_families(links: dict[str, list[str]]) -> dict[str, str]:
    """``{child: family_key}``; the key is the smallest person id in the family."""
    parent = {child: child for child in links}

    def root(child: str) -> str:
        while parent[child] != child:
            parent[child] = parent[parent[child]]
            child = parent[child]
        return child

    first_holder: dict[str, str] = {}
    for child in sorted(links):
        for link in links[child]:
            holder = first_holder.setdefault(link, child)
            a, b = root(holder), root(child)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return {child: root(child) for child in links}


@dataclass
class FamilyMembers:
    """A child's direct links, as rule 8 reads them: its mothers (``ssd_mother``), and the
    other members of each family it is in (``ssd_family``) and the other children of its
    mothers."""

    mothers: set[str] = field(default_factory=set)
    others: set[str] = field(default_factory=set)


_MEMBERS_SQL = """
WITH child AS (SELECT DISTINCT unnest($children) AS person_id),
child_family AS (
    SELECT f.fami_person_id AS person_id, f.fami_family_id AS family_id
    FROM ssd_family f JOIN child c ON c.person_id = f.fami_person_id
),
child_mother AS (
    SELECT m.moth_childs_person_id AS person_id, m.moth_person_id AS mother_id
    FROM ssd_mother m JOIN child c ON c.person_id = m.moth_childs_person_id
)
SELECT person_id, 'mother' AS link, mother_id AS member FROM child_mother
UNION
SELECT a.person_id, 'other', b.fami_person_id
FROM child_family a
JOIN ssd_family b ON b.fami_family_id = a.family_id AND b.fami_person_id <> a.person_id
UNION
SELECT a.person_id, 'other', b.moth_childs_person_id
FROM child_mother a
JOIN ssd_mother b ON b.moth_person_id = a.mother_id AND b.moth_childs_person_id <> a.person_id
"""


def family_members(con: Any, children: list[str]) -> dict[str, FamilyMembers]:
    """Each child's direct links in a store (a DuckDB connection with ``ssd_family`` and
    ``ssd_mother``). A mother who is also in the child's family is a mother, not an other."""
    members = {child: FamilyMembers() for child in children}
    if not children:
        return members
    for child, link, member in con.execute(_MEMBERS_SQL, {"children": children}).fetchall():
        (members[child].mothers if link == "mother" else members[child].others).add(member)
    for found in members.values():
        found.others -= found.mothers
    return members
