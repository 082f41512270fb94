"""Names of the cohort's outputs that other parts rely on (shared/spec/cohort.md, "Command and
outputs"): the flag columns of cohort.csv, the counts of scope.json and the exclusion reasons in
their order of precedence. Names only: the rules themselves are in ``rules_sql``."""

from __future__ import annotations

# Reason precedence for an event that fits several (cohort.md, "Precise readings").
EXCLUSION_REASONS = (
    "unlinked",
    "not_a_removal_event",
    "merged_duplicate",
    "outside_period",
    "data_error",
    "open_to_csc",
    "repeat_removal",
)

# cohort.csv columns describing one child's removal and what was known of them.
FLAG_COLUMNS = (
    "removal_date",
    "removal_kind",
    "pp_refs",
    "source",
    "age_days",
    "day_of_1001",
    "in_first_1001_days",
    "known_historically",
    "history_kinds",
    "sibling_known",
    "recent_closure",
    "moved_in",
    "has_sibling_group",
    "post_removal_involvement",
)

# The counts of scope.json (besides period, excluded, parameters and inputs).
SCOPE_COUNTS = (
    "children",
    "families",
    "in_first_1001_days",
    "in_first_1001_days_with_sibling_group",
    "pp_invoked",
    "pp_considered_s20",
    "known_historically",
    "sibling_known",
    "recent_closure",
    "moved_in",
)
