"""What the cohort profile measures, in words: its groups, measures and categories (one home).

The profile query (``maca.profile.profile_sql``) gives every profiled child one category per
measure (or, for a measure a child can meet several ways, a yes/no per category); the counting,
the small-number rule, ``profile.json``, ``profile.md``, the workbook, the charts and the reader
all take their keys and labels from here.

Two kinds of measure:

- ``one_of``: each child of a group is in exactly one category (age band, day of the week). The
  counts of a group add up to its children.
- ``any_of``: each category is a yes or no of its own (a contact from the police, a contact from
  health services); a child can be in several, or none.
"""

from __future__ import annotations

from dataclasses import dataclass

from maca.data.codes import PP_OUTCOME, REFERRAL_SOURCE

FORMAT = "maca-profile"
FORMAT_VERSION = 1
DEFAULT_SMALL_NUMBER = 5  # the briefing's default too (maca.briefing.model)

ONE_OF = "one_of"
ANY_OF = "any_of"


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    short: str  # in a sentence: "of the 8 {short}"
    description: str


# Side by side, always in this order; the third is the comparison.
GROUPS = (
    Group(
        "unknown_first_1001_days",
        "Unknown to CSC, within the first 1001 days",
        "children unknown to CSC within the first 1001 days",
        "Cohort children (not open to children's social care at removal) removed before their "
        "second birthday.",
    ),
    Group(
        "unknown_over_two",
        "Unknown to CSC, aged two or over",
        "children unknown to CSC aged two or over",
        "Cohort children (not open to children's social care at removal) removed on or after "
        "their second birthday.",
    ),
    Group(
        "open_to_csc",
        "Open to CSC at removal (comparison)",
        "children open to CSC at removal",
        "Children removed in the period who were open to children's social care at the time "
        "(excluded from the cohort as open_to_csc), each child once, at their first such "
        "removal in the period; a child who is in the cohort is not counted here again.",
    ),
)
GROUP_KEYS = tuple(g.key for g in GROUPS)


@dataclass(frozen=True)
class Measure:
    key: str
    title: str
    kind: str  # ONE_OF | ANY_OF
    question: str  # what the measure answers, in plain words
    categories: tuple[tuple[str, str], ...]  # (key, label) in display order

    @property
    def category_keys(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.categories)

    def label(self, category: str) -> str:
        return dict(self.categories)[category]


NOT_IN_POLICE_LOG = ("not_in_police_log", "Not in the police log (CSC record only)")

# The CIN census ReferralSource codes (maca.data.codes.REFERRAL_SOURCE) in the groups the
# profile counts contacts by; every code not named here counts as "other".
REFERRAL_SOURCE_GROUPS = {
    "police": ("6",),
    "health": ("3A", "3B", "3C", "3D", "3E", "3F"),
    "schools": ("2A", "2B"),
    "la": ("5A", "5B", "5D"),
    "individuals": ("1A", "1B", "1C", "1D"),
    "other_la": ("5C",),
}
assert all(code in REFERRAL_SOURCE for codes in REFERRAL_SOURCE_GROUPS.values() for code in codes)

MEASURES = (
    Measure(
        "age_at_removal",
        "Age at removal",
        ONE_OF,
        "How old the children were on the day they were removed.",
        (
            ("at_birth", "Unborn or at birth"),
            ("under_1_month", "Under 1 month"),
            ("1_to_3_months", "1 to 3 months"),
            ("3_to_6_months", "3 to 6 months"),
            ("6_to_12_months", "6 to 12 months"),
            ("12_to_24_months", "12 to 24 months"),
            ("over_2", "Two years or over"),
        ),
    ),
    Measure(
        "earlier_involvement",
        "Earlier involvement, by service",
        ANY_OF,
        "Which services had been involved with the child before the removal date (a record "
        "that started before it, whether it had ended or not).",
        (
            ("contact", "A contact"),
            ("early_help", "Early help"),
            ("cin", "A CIN referral"),
            ("cin_nfa", "A CIN referral ending in no further action"),
            ("cp", "A child protection plan"),
            ("cla", "Looked after (CLA)"),
            ("none", "None of these"),
        ),
    ),
    Measure(
        "contact_source",
        "Earlier contacts, by who made them",
        ANY_OF,
        "Who the child's contacts before the removal date came from (CIN census referral "
        "source codes, grouped).",
        (
            ("police", "Police"),
            ("health", "Health services"),
            ("schools", "Schools and education services"),
            ("la", "The local authority"),
            ("individuals", "Individuals (family, acquaintances, self)"),
            ("other_la", "Another local authority"),
            ("other", "Other or not recorded"),
        ),
    ),
    Measure(
        "time_since_involvement",
        "Time since the last involvement ended",
        ONE_OF,
        "How long before the removal the child's last earlier involvement (a contact, early "
        "help, CIN, CP or CLA record) had ended.",
        (
            ("under_3_months", "Less than 3 months"),
            ("3_to_6_months", "3 to 6 months"),
            ("6_to_12_months", "6 to 12 months"),
            ("1_to_2_years", "1 to 2 years"),
            ("over_2_years", "2 years or more"),
            ("open_only", "Involvement open at removal, none ended before"),
            ("none", "No earlier involvement"),
        ),
    ),
    Measure(
        "before_birth",
        "Involvement before birth",
        ANY_OF,
        "Whether any record under the child's own id started before the child was born "
        "(pre-birth work).",
        (("before_birth", "Involvement before birth"),),
    ),
    Measure(
        "moves",
        "Moves in the year before",
        ANY_OF,
        "Whether the child had moved in from another area in the year before the removal "
        "(the cohort's moved-in rule).",
        (("moved_in", "Moved in from another area"),),
    ),
    Measure(
        "address_moves",
        "Address moves in the year before",
        ONE_OF,
        "How many times the child's address changed in the year before the removal.",
        (
            ("none", "No move recorded"),
            ("one", "One move"),
            ("two", "Two moves"),
            ("three_or_more", "Three or more moves"),
        ),
    ),
    Measure(
        "family",
        "Siblings and recent closures",
        ANY_OF,
        "Whether a sibling was known to CSC before the removal, whether the child was removed "
        "with siblings of the same group, and whether a CIN episode of the child or a sibling "
        "had closed in the 180 days before.",
        (
            ("sibling_known", "A sibling known to CSC"),
            ("sibling_group", "A sibling group in the same group"),
            ("recent_closure", "A CIN closure in the 180 days before"),
        ),
    ),
    Measure(
        "removal_kind",
        "Police protection invoked or considered",
        ONE_OF,
        "Whether police protection was used, or considered and section 20 agreed instead.",
        (
            ("pp_invoked", "Police protection invoked"),
            ("pp_considered_s20", "Considered, then section 20 agreed"),
        ),
    ),
    Measure(
        "time_of_day",
        "Time of day",
        ONE_OF,
        "When the police were first involved (the start of the event's first police row, "
        "local time).",
        (
            ("night", "Night (00:00 to 05:59)"),
            ("morning", "Morning (06:00 to 11:59)"),
            ("afternoon", "Afternoon (12:00 to 17:59)"),
            ("evening", "Evening (18:00 to 23:59)"),
            NOT_IN_POLICE_LOG,
        ),
    ),
    Measure(
        "day_of_week",
        "Day of the week",
        ONE_OF,
        "The day of the week of the event's first police row.",
        (
            ("monday", "Monday"),
            ("tuesday", "Tuesday"),
            ("wednesday", "Wednesday"),
            ("thursday", "Thursday"),
            ("friday", "Friday"),
            ("saturday", "Saturday"),
            ("sunday", "Sunday"),
            NOT_IN_POLICE_LOG,
        ),
    ),
    Measure(
        "outcome",
        "What followed",
        ONE_OF,
        "The outcome recorded on the event's last police row.",
        (
            *PP_OUTCOME.items(),
            ("not_recorded", "Not recorded"),
            NOT_IN_POLICE_LOG,
        ),
    ),
)
MEASURE_KEYS = tuple(m.key for m in MEASURES)
MEASURE_BY_KEY = {m.key: m for m in MEASURES}
