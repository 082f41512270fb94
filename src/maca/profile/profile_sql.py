"""The cohort profile as SQL built on the cohort rules: one row of facts per profiled child.

``PROFILE_SQL`` is the rules' CTEs (``maca.cohort.rules_sql``, reused by name: the removal
events, the decisions, the windows, the records of the children and their siblings, the family
links), then the profile's own steps below, then a final SELECT with one row per child of the
three groups (``maca.profile.contract.GROUPS``) and one column per measure: the category key for a
``one_of`` measure, 0/1 per category (``measure__category``) for an ``any_of`` measure. The same
portable subset and the same two marked spellings as the rules (ADR 0200): the same text runs on
DuckDB, PostgreSQL and Spark SQL. Nothing here is formatted in at run time: the few expressions
built below are built once, when the module is imported, from the contract.

The sibling group of a child (rule 11: families through chains of shared family ids and mothers)
is grouped in Python over the ``family_links`` column, as the cohort does (maca.cohort.families).
"""

from __future__ import annotations

from maca.cohort.query import extend_rules
from maca.profile.contract import REFERRAL_SOURCE_GROUPS


def _whole_months(start: str, end: str) -> str:
    """Whole calendar months from ``start`` to ``end`` (the yyyymmdd reading of rule 4)."""
    return (
        f"((EXTRACT(YEAR FROM {end}) - EXTRACT(YEAR FROM {start})) * 12"
        f" + EXTRACT(MONTH FROM {end}) - EXTRACT(MONTH FROM {start})"
        f" - CASE WHEN EXTRACT(DAY FROM {end}) < EXTRACT(DAY FROM {start}) THEN 1 ELSE 0 END)"
    )


def _codes(codes: tuple[str, ...]) -> str:
    return ", ".join(f"'{code}'" for code in codes)


def _contact_from(group: str) -> str:
    codes = _codes(REFERRAL_SOURCE_GROUPS[group])
    return (
        f"MAX(CASE WHEN r.kind = 'contact' AND r.source_code IN ({codes}) THEN 1 ELSE 0 END)"
        f" AS contact_source__{group}"
    )


_NAMED_SOURCES = _codes(tuple(c for codes in REFERRAL_SOURCE_GROUPS.values() for c in codes))
_CONTACT_SOURCES = ",\n           ".join(_contact_from(group) for group in REFERRAL_SOURCE_GROUPS)
_AGE_MONTHS = _whole_months("p.date_of_birth", "p.removal_date")
_ENDED_MONTHS = _whole_months("r.latest_end", "p.removal_date")

PROFILE_STEPS = f"""
-- The three groups: the cohort (unknown to CSC, rule 6) within and beyond the first 1001 days
-- (rule 4), and, as the comparison, each child's first event in the period excluded as open to
-- CSC (rule 5), unless the child is in the cohort.
profile_event AS (
    SELECT d.person_id, d.anchor_seq, d.removal_date, d.removal_kind, d.lead_police_seq,
           d.date_of_birth, d.age_days, d.in_first_1001_days,
           CASE WHEN d.reason IS NOT NULL THEN 'open_to_csc'
                WHEN d.in_first_1001_days = 1 THEN 'unknown_first_1001_days'
                ELSE 'unknown_over_two'
           END AS profile_group
    FROM (SELECT e.*,
                 ROW_NUMBER() OVER (PARTITION BY e.person_id, e.reason
                                    ORDER BY e.anchor_seq) AS nth_of_reason
          FROM event_decision e
          WHERE e.reason IS NULL OR e.reason = 'open_to_csc') d
    WHERE d.reason IS NULL
       OR (d.nth_of_reason = 1
           AND NOT EXISTS (SELECT 1 FROM cohort_child c WHERE c.person_id = d.person_id))
),

-- Earlier involvement: the child's records that started before the removal date (as in rules 5
-- and 8: what starts on the day is a consequence), ended or not; what had ended before it (rule
-- 7's reading); pre-birth records under the child's own id.
profile_record AS (
    SELECT p.person_id, p.anchor_seq,
           MAX(CASE WHEN r.kind = 'contact' THEN 1 ELSE 0 END) AS had_contact,
           MAX(CASE WHEN r.kind = 'early_help' THEN 1 ELSE 0 END) AS had_early_help,
           MAX(CASE WHEN r.kind = 'cin' THEN 1 ELSE 0 END) AS had_cin,
           MAX(CASE WHEN r.kind = 'cin' AND r.no_further_action = 1 THEN 1 ELSE 0 END)
               AS had_cin_nfa,
           MAX(CASE WHEN r.kind = 'cp' THEN 1 ELSE 0 END) AS had_cp,
           MAX(CASE WHEN r.kind = 'cla' THEN 1 ELSE 0 END) AS had_cla,
           {_CONTACT_SOURCES},
           MAX(CASE WHEN r.kind = 'contact'
                     AND (r.source_code IS NULL OR r.source_code NOT IN ({_NAMED_SOURCES}))
                    THEN 1 ELSE 0 END) AS contact_source__other,
           MAX(CASE WHEN r.end_date < r.removal_date THEN r.end_date END) AS latest_end,
           MAX(CASE WHEN r.end_date IS NULL OR r.end_date >= r.removal_date
                    THEN 1 ELSE 0 END) AS open_at_removal,
           MAX(CASE WHEN r.start_date < p.date_of_birth THEN 1 ELSE 0 END) AS before_birth
    FROM profile_event p
    JOIN child_record r ON r.person_id = p.person_id AND r.anchor_seq = p.anchor_seq
    WHERE r.start_date < r.removal_date
    GROUP BY p.person_id, p.anchor_seq
),

-- Address moves in the year before (rule 10's window): addresses other than the child's first
-- that started 1 to moved_in_days days before the removal.
profile_address_move AS (
    SELECT p.person_id, p.anchor_seq, COUNT(*) AS moves
    FROM profile_event p
    JOIN address_move m ON m.person_id = p.person_id
    CROSS JOIN run_parameter prm
    WHERE m.address_nth > 1
      AND m.moved_on < p.removal_date
      AND m.moved_on >= p.removal_date - prm.moved_in_days
    GROUP BY p.person_id, p.anchor_seq
),

-- The police side: when the event's first police row started, what its last row recorded.
profile_police_row AS (
    SELECT mc.person_id, mc.anchor_seq, mc.seq, mc.ref, mc.local_start, pr.outcome,
           ROW_NUMBER() OVER (PARTITION BY mc.person_id, mc.anchor_seq
                              ORDER BY mc.seq DESC) AS nth_from_last
    FROM merged_candidate mc
    JOIN police_row pr ON pr.pp_ref = mc.ref
    WHERE mc.origin = 'police'
      AND mc.person_id IN (SELECT person_id FROM profile_event)
),
profile_police AS (
    SELECT p.person_id, p.anchor_seq,
           first_row.local_start AS first_start,
           CAST(first_row.local_start AS DATE) AS first_day,
           last_row.outcome AS last_outcome,
           CAST('1900-01-01' AS DATE) AS a_monday
    FROM profile_event p
    JOIN profile_police_row first_row
      ON first_row.person_id = p.person_id AND first_row.seq = p.lead_police_seq
    JOIN profile_police_row last_row
      ON last_row.person_id = p.person_id AND last_row.anchor_seq = p.anchor_seq
     AND last_row.nth_from_last = 1
),
profile_weekday AS (
    SELECT person_id, anchor_seq, first_start, last_outcome,
           MOD(DAYS_BETWEEN(a_monday, first_day), 7) AS weekday
    FROM profile_police
)
"""

PROFILE_SELECT = f"""
-- One row per profiled child: its group and, per measure, its category (or a 0/1 per category).
SELECT p.profile_group,
       p.person_id,
       COALESCE(lead_row.ref, anchor.ref) AS lead_ref,
       p.removal_date,
       CASE WHEN p.in_first_1001_days = 0 THEN 'over_2'
            WHEN p.age_days = 0 THEN 'at_birth'
            WHEN {_AGE_MONTHS} < 1 THEN 'under_1_month'
            WHEN {_AGE_MONTHS} < 3 THEN '1_to_3_months'
            WHEN {_AGE_MONTHS} < 6 THEN '3_to_6_months'
            WHEN {_AGE_MONTHS} < 12 THEN '6_to_12_months'
            ELSE '12_to_24_months'
       END AS age_at_removal,
       COALESCE(r.had_contact, 0) AS earlier_involvement__contact,
       COALESCE(r.had_early_help, 0) AS earlier_involvement__early_help,
       COALESCE(r.had_cin, 0) AS earlier_involvement__cin,
       COALESCE(r.had_cin_nfa, 0) AS earlier_involvement__cin_nfa,
       COALESCE(r.had_cp, 0) AS earlier_involvement__cp,
       COALESCE(r.had_cla, 0) AS earlier_involvement__cla,
       CASE WHEN r.person_id IS NULL THEN 1 ELSE 0 END AS earlier_involvement__none,
       COALESCE(r.contact_source__police, 0) AS contact_source__police,
       COALESCE(r.contact_source__health, 0) AS contact_source__health,
       COALESCE(r.contact_source__schools, 0) AS contact_source__schools,
       COALESCE(r.contact_source__la, 0) AS contact_source__la,
       COALESCE(r.contact_source__individuals, 0) AS contact_source__individuals,
       COALESCE(r.contact_source__other_la, 0) AS contact_source__other_la,
       COALESCE(r.contact_source__other, 0) AS contact_source__other,
       CASE WHEN r.latest_end IS NULL AND r.open_at_removal = 1 THEN 'open_only'
            WHEN r.latest_end IS NULL THEN 'none'
            WHEN {_ENDED_MONTHS} < 3 THEN 'under_3_months'
            WHEN {_ENDED_MONTHS} < 6 THEN '3_to_6_months'
            WHEN {_ENDED_MONTHS} < 12 THEN '6_to_12_months'
            WHEN {_ENDED_MONTHS} < 24 THEN '1_to_2_years'
            ELSE 'over_2_years'
       END AS time_since_involvement,
       COALESCE(r.before_birth, 0) AS before_birth__before_birth,
       CASE WHEN EXISTS (SELECT 1 FROM moved_in mi
                         WHERE mi.person_id = p.person_id AND mi.anchor_seq = p.anchor_seq)
            THEN 1 ELSE 0 END AS moves__moved_in,
       CASE WHEN am.moves IS NULL THEN 'none'
            WHEN am.moves = 1 THEN 'one'
            WHEN am.moves = 2 THEN 'two'
            ELSE 'three_or_more'
       END AS address_moves,
       CASE WHEN EXISTS (SELECT 1 FROM siblings_known sk
                         WHERE sk.person_id = p.person_id AND sk.anchor_seq = p.anchor_seq)
            THEN 1 ELSE 0 END AS family__sibling_known,
       CASE WHEN EXISTS (SELECT 1 FROM recent_closure rc
                         WHERE rc.person_id = p.person_id AND rc.anchor_seq = p.anchor_seq)
            THEN 1 ELSE 0 END AS family__recent_closure,
       p.removal_kind,
       CASE WHEN w.person_id IS NULL THEN 'not_in_police_log'
            WHEN EXTRACT(HOUR FROM w.first_start) < 6 THEN 'night'
            WHEN EXTRACT(HOUR FROM w.first_start) < 12 THEN 'morning'
            WHEN EXTRACT(HOUR FROM w.first_start) < 18 THEN 'afternoon'
            ELSE 'evening'
       END AS time_of_day,
       CASE WHEN w.person_id IS NULL THEN 'not_in_police_log'
            WHEN w.weekday = 0 THEN 'monday'
            WHEN w.weekday = 1 THEN 'tuesday'
            WHEN w.weekday = 2 THEN 'wednesday'
            WHEN w.weekday = 3 THEN 'thursday'
            WHEN w.weekday = 4 THEN 'friday'
            WHEN w.weekday = 5 THEN 'saturday'
            ELSE 'sunday'
       END AS day_of_week,
       CASE WHEN w.person_id IS NULL THEN 'not_in_police_log'
            WHEN w.last_outcome IS NULL OR TRIM(w.last_outcome) = '' THEN 'not_recorded'
            ELSE w.last_outcome
       END AS outcome,
       fl.family_links
FROM profile_event p
LEFT JOIN merged_candidate lead_row
       ON lead_row.person_id = p.person_id AND lead_row.seq = p.lead_police_seq
LEFT JOIN merged_candidate anchor
       ON anchor.person_id = p.person_id AND anchor.seq = p.anchor_seq
LEFT JOIN profile_record r ON r.person_id = p.person_id AND r.anchor_seq = p.anchor_seq
LEFT JOIN profile_address_move am ON am.person_id = p.person_id AND am.anchor_seq = p.anchor_seq
LEFT JOIN profile_weekday w ON w.person_id = p.person_id AND w.anchor_seq = p.anchor_seq
LEFT JOIN family_link_summary fl ON fl.person_id = p.person_id
ORDER BY p.profile_group, p.removal_date, lead_ref
"""

PROFILE_SQL = extend_rules(PROFILE_STEPS, PROFILE_SELECT)
