"""Names of the cohort's outputs that other parts rely on (shared/spec/cohort.md, "Command and
outputs"): the columns of cohort.csv and exclusions.csv and the values they hold, the counts of
scope.json and the exclusion reasons in their order of precedence. Names only: the rules
themselves are in ``rules_sql``. The web's cohort loader, the briefing, synth's planted truth
and its comparison import them from here."""

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

# Each reason in words, for people reading the exclusions (the web's cohort profile page).
EXCLUSION_REASON_LABELS = {
    "unlinked": "Not linked to a child: the police row has no person id",
    "not_a_removal_event": (
        "Not a removal: police protection was neither invoked nor followed by section 20"
    ),
    "merged_duplicate": "The same removal as an earlier police row (merged into its event)",
    "outside_period": "Removed outside the audit period",
    "data_error": "A data error: no person record, no date of birth, or removed before birth",
    "open_to_csc": "Open to children's social care at removal (the profile's comparison group)",
    "repeat_removal": "A repeat removal: the child's first removal in the period is in the cohort",
}
assert tuple(EXCLUSION_REASON_LABELS) == EXCLUSION_REASONS

# The columns of cohort.csv and exclusions.csv, in their order in the files.
COHORT_COLUMNS = (
    "case_ref",
    "family_ref",
    "pers_person_id",
    "removal_date",
    "removal_kind",
    "pp_refs",
    "l1_refs",
    "source",
    "age_days",
    "day_of_1001",
    "in_first_1001_days",
    "known_historically",
    "history_kinds",
    "history_detail",
    "sibling_known",
    "sibling_detail",
    "recent_closure",
    "recent_closure_date",
    "moved_in",
    "moved_in_signals",
    "has_sibling_group",
    "post_removal_involvement",
)
EXCLUSION_COLUMNS = (
    "exclusion_ref",
    "pp_refs",
    "l1_refs",
    "pers_person_id",
    "removal_date",
    "reason",
    "detail",
)

# cohort.csv's removal_kind and source values, and what they mean in words.
REMOVAL_KINDS = ("pp_invoked", "pp_considered_s20")
REMOVAL_KIND_LABELS = {
    "pp_invoked": "Police protection invoked",
    "pp_considered_s20": "Police protection considered; section 20 agreed",
}
SOURCES = ("police", "csc_only", "both")
SOURCE_LABELS = {
    "police": "the police protection log",
    "csc_only": "children's social care records only",
    "both": "the police protection log and children's social care records",
}
# history_kinds (and sibling_detail's kinds): the records that made a child known historically.
HISTORY_KINDS = ("cin", "cla", "contact", "cp", "early_help")
HISTORY_KIND_LABELS = {
    "cin": "child in need",
    "cla": "looked after",
    "contact": "contact with children's social care",
    "cp": "child protection plan",
    "early_help": "early help",
}
# moved_in_signals: what showed the family had moved into the area.
MOVED_IN_SIGNALS = ("address", "source_5C")
MOVED_IN_SIGNAL_LABELS = {
    "address": "an address history moving into the area",
    "source_5C": "a referral from another local authority (referral source 5C)",
}
# cohort.csv columns that hold true or false, and those that hold whole numbers.
TRUE_FALSE_COLUMNS = (
    "in_first_1001_days",
    "known_historically",
    "sibling_known",
    "recent_closure",
    "moved_in",
    "has_sibling_group",
    "post_removal_involvement",
)
NUMBER_COLUMNS = ("age_days", "day_of_1001")

# cohort.csv columns that only explain a flag, in words (history_detail, ...), and the references
# that tie a row to its records.
DETAIL_COLUMNS = ("history_detail", "sibling_detail", "recent_closure_date", "moved_in_signals")
REFERENCE_COLUMNS = ("case_ref", "family_ref", "pers_person_id", "l1_refs")
# cohort.csv columns describing one child's removal and what was known of them.
FLAG_COLUMNS = tuple(
    c for c in COHORT_COLUMNS if c not in DETAIL_COLUMNS and c not in REFERENCE_COLUMNS
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
