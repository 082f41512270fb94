"""Rule 11: cohort children who share a family id or a mother, directly or through a chain of
cohort children, are one family. A child with neither is a family of one.

The query gives each cohort child its links (``family F1``, ``mother M7``); grouping them is a
union-find over the cohort, exact and deterministic, the same whichever engine ran the query.
"""

from __future__ import annotations


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
