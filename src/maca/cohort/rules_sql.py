"""The cohort rules of shared/spec/cohort.md as one SQL query, one named CTE per rule.

Portable subset (DuckDB, PostgreSQL, Spark SQL >= 4.1): CTEs with one ``WITH RECURSIVE``, window
functions, ``date + integer``, ``timestamp + n * INTERVAL '1' HOUR``, ``EXTRACT(YEAR|MONTH|DAY)``,
``CASE``, ``EXISTS``. Engine differences are confined to two marked spellings, filled in by
``maca.cohort.query.render`` per dialect: ``DAYS_BETWEEN(a, b)`` (whole days from a to b) and
``STRING_AGG_DISTINCT(x)``. Parameters are bound (``:name``), never formatted in.

Besides the canonical tables of ``maca.data.schema``, the query reads ``london_summer_time``
(``maca.cohort.summer_time``), so that 72 hours are measured as elapsed time.

The result has one row per police row and per unmatched ``L1`` spell (a ``csc_only`` candidate),
each carrying the decision of the merged removal event it belongs to.
"""

RULES_SQL = """
WITH RECURSIVE
run_parameter AS (
    SELECT CAST(:period_from AS DATE) AS period_from,
           CAST(:period_to AS DATE) AS period_to,
           CAST(:home_la AS VARCHAR(20)) AS home_la,
           CAST(:merge_hours AS INTEGER) AS merge_hours,
           CAST(:l1_match_days AS INTEGER) AS l1_match_days,
           CAST(:recent_closure_days AS INTEGER) AS recent_closure_days,
           CAST(:moved_in_days AS INTEGER) AS moved_in_days
),

-- Rules 1 and 2: what each police row is; the removal date is the local date of pp_start.
police_row AS (
    SELECT pp_ref,
           CASE WHEN TRIM(pers_person_id) = '' THEN NULL ELSE TRIM(pers_person_id) END AS person_id,
           pp_start,
           status,
           outcome,
           CAST(pp_start AS DATE) AS removal_date,
           CASE WHEN status = 'invoked' THEN 'pp_invoked'
                WHEN status = 'considered' AND outcome = 's20_agreed' THEN 'pp_considered_s20'
           END AS removal_kind
    FROM police_protection
),
removal_event_row AS (
    SELECT * FROM police_row WHERE person_id IS NOT NULL AND removal_kind IS NOT NULL
),

-- Rule 1: an L1 spell matches a police removal row of the same person starting on its removal
-- date or up to l1_match_days after; an unmatched L1 spell is a removal event of its own.
l1_spell AS (
    SELECT lega_legal_status_id AS l1_ref,
           lega_person_id AS person_id,
           lega_legal_status_start_date AS l1_start
    FROM ssd_legal_status
    WHERE lega_legal_status = 'L1'
),
l1_match AS (
    SELECT l.l1_ref, r.pp_ref
    FROM l1_spell l
    JOIN removal_event_row r ON r.person_id = l.person_id
    CROSS JOIN run_parameter prm
    WHERE l.l1_start >= r.removal_date
      AND l.l1_start <= r.removal_date + prm.l1_match_days
),
csc_only_spell AS (
    SELECT l.* FROM l1_spell l
    WHERE NOT EXISTS (SELECT 1 FROM l1_match m WHERE m.l1_ref = l.l1_ref)
),
removal_candidate AS (
    SELECT r.person_id, 'police' AS origin, 1 AS origin_rank, r.pp_ref AS ref,
           r.pp_start AS local_start, r.removal_date, r.removal_kind,
           CASE WHEN EXISTS (SELECT 1 FROM l1_match m WHERE m.pp_ref = r.pp_ref)
                THEN 1 ELSE 0 END AS has_l1
    FROM removal_event_row r
    UNION ALL
    SELECT s.person_id, 'csc_only', 2, s.l1_ref,
           CAST(s.l1_start AS TIMESTAMP), s.l1_start, 'pp_invoked', 1
    FROM csc_only_spell s
),

-- Rule 1, merging: 72 hours are elapsed time, so local wall time becomes UTC first.
candidate_instant AS (
    SELECT c.*,
           CASE WHEN s.utc_offset_hours IS NULL THEN c.local_start
                ELSE c.local_start - s.utc_offset_hours * INTERVAL '1' HOUR
           END AS utc_start
    FROM removal_candidate c
    LEFT JOIN london_summer_time s
      ON c.local_start >= s.local_start AND c.local_start < s.local_end
),
candidate_order AS (
    SELECT ci.*,
           ROW_NUMBER() OVER (PARTITION BY person_id
                              ORDER BY utc_start, origin_rank, ref) AS seq,
           LAG(utc_start) OVER (PARTITION BY person_id
                                ORDER BY utc_start, origin_rank, ref) AS previous_start
    FROM candidate_instant ci
),
-- A candidate more than 72 hours after the child's previous one starts an island. An island's
-- first candidate is always an anchor and merging never crosses islands, so the anchor chain
-- below only walks within islands (most children have one candidate per island).
candidate_island AS (
    SELECT c.*,
           CASE WHEN previous_start IS NULL
                  OR utc_start > previous_start + prm.merge_hours * INTERVAL '1' HOUR
                THEN 1 ELSE 0 END AS starts_island,
           SUM(CASE WHEN previous_start IS NULL
                      OR utc_start > previous_start + prm.merge_hours * INTERVAL '1' HOUR
                    THEN 1 ELSE 0 END) OVER (
               PARTITION BY person_id ORDER BY seq
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS island
    FROM candidate_order c
    CROSS JOIN run_parameter prm
),
-- For each candidate: the first candidate of the same child starting more than 72 hours later.
next_anchor AS (
    SELECT a.person_id, a.seq, MIN(b.seq) AS next_seq
    FROM candidate_island a
    JOIN candidate_island b
      ON b.person_id = a.person_id AND b.island = a.island AND b.seq > a.seq
    CROSS JOIN run_parameter prm
    WHERE b.utc_start > a.utc_start + prm.merge_hours * INTERVAL '1' HOUR
    GROUP BY a.person_id, a.seq
),
-- Anchored on the earliest: each island's first candidate is an anchor, and so is each
-- anchor's next.
merge_anchor (person_id, seq) AS (
    SELECT person_id, seq FROM candidate_island WHERE starts_island = 1
    UNION ALL
    SELECT n.person_id, n.next_seq
    FROM merge_anchor m
    JOIN next_anchor n ON n.person_id = m.person_id AND n.seq = m.seq
),
-- (EXISTS rather than a join with the recursive CTE, whose size planners cannot estimate: a
-- join with it made every later step look like hundreds of millions of rows.)
anchored_candidate AS (
    SELECT c.*,
           CASE WHEN EXISTS (SELECT 1 FROM merge_anchor m
                             WHERE m.person_id = c.person_id AND m.seq = c.seq)
                THEN 1 ELSE 0 END AS is_anchor
    FROM candidate_order c
),
merged_candidate AS (
    SELECT c.*,
           MAX(CASE WHEN c.is_anchor = 1 THEN c.seq END) OVER (
               PARTITION BY c.person_id ORDER BY c.seq
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS anchor_seq
    FROM anchored_candidate c
),
removal_event AS (
    SELECT person_id,
           anchor_seq,
           MIN(CASE WHEN seq = anchor_seq THEN removal_date END) AS removal_date,
           MIN(CASE WHEN seq = anchor_seq THEN utc_start END) AS utc_start,
           CASE WHEN SUM(CASE WHEN removal_kind = 'pp_invoked' THEN 1 ELSE 0 END) > 0
                THEN 'pp_invoked' ELSE 'pp_considered_s20' END AS removal_kind,
           MIN(CASE WHEN origin = 'police' THEN seq END) AS lead_police_seq,
           CASE WHEN SUM(CASE WHEN origin = 'police' THEN 1 ELSE 0 END) = 0 THEN 'csc_only'
                WHEN SUM(has_l1) > 0 THEN 'both'
                ELSE 'police' END AS source
    FROM merged_candidate
    GROUP BY person_id, anchor_seq
),

-- Rules 3 and 4: the audit period, data errors, age and the first 1001 days.
audit_period AS (
    SELECT e.*,
           CASE WHEN e.removal_date >= prm.period_from AND e.removal_date <= prm.period_to
                THEN 1 ELSE 0 END AS in_period
    FROM removal_event e CROSS JOIN run_parameter prm
),
age_at_removal AS (
    SELECT e.*,
           p.pers_dob AS date_of_birth,
           CASE WHEN p.pers_person_id IS NULL THEN 'no_person_record'
                WHEN p.pers_dob IS NULL THEN 'no_date_of_birth'
                WHEN e.removal_date < p.pers_dob THEN 'removal_before_birth'
           END AS data_error,
           DAYS_BETWEEN(p.pers_dob, e.removal_date) AS age_days,
           -- before the 2nd birthday: whole years from yyyymmdd arithmetic, so that a child born
           -- on 29 February reaches it on 1 March
           CASE WHEN (EXTRACT(YEAR FROM e.removal_date) * 10000
                      + EXTRACT(MONTH FROM e.removal_date) * 100
                      + EXTRACT(DAY FROM e.removal_date))
                     - (EXTRACT(YEAR FROM p.pers_dob) * 10000
                        + EXTRACT(MONTH FROM p.pers_dob) * 100
                        + EXTRACT(DAY FROM p.pers_dob)) < 20000
                THEN 1 ELSE 0 END AS in_first_1001_days
    FROM audit_period e
    LEFT JOIN ssd_person p ON p.pers_person_id = e.person_id
    WHERE e.in_period = 1  -- events outside the period need no person record
),
period_event AS (
    SELECT * FROM age_at_removal
),

-- Rule 8: siblings are direct links: other members of the child's families, other children of
-- the child's mother.
event_child AS (
    SELECT DISTINCT person_id FROM period_event
),
-- The family ids and the mother of each child with an event in the period: a small table, so
-- that the joins below never build on the whole of ssd_family or ssd_mother.
child_family AS (
    SELECT f.fami_person_id AS person_id, f.fami_family_id AS family_id
    FROM ssd_family f
    WHERE f.fami_person_id IN (SELECT person_id FROM event_child)
),
child_mother AS (
    SELECT m.moth_childs_person_id AS person_id, m.moth_person_id AS mother_id
    FROM ssd_mother m
    WHERE m.moth_childs_person_id IN (SELECT person_id FROM event_child)
),
sibling AS (
    SELECT a.person_id, b.fami_person_id AS sibling_id
    FROM child_family a
    JOIN ssd_family b ON b.fami_family_id = a.family_id
                     AND b.fami_person_id <> a.person_id
    UNION
    SELECT a.person_id, b.moth_childs_person_id
    FROM child_mother a
    JOIN ssd_mother b ON b.moth_person_id = a.mother_id
                     AND b.moth_childs_person_id <> a.person_id
),
person_of_interest AS (
    SELECT person_id FROM event_child
    UNION
    SELECT sibling_id FROM sibling
),

-- Every CSC record of the children and their siblings in one shape; a contact starts and ends
-- on its date. (no_further_action: a CIN referral that ended so; the cohort profile reads it.)
csc_record AS (
    SELECT cont_person_id AS person_id, 'contact' AS kind, cont_contact_id AS record_id,
           cont_contact_date AS start_date, cont_contact_date AS end_date,
           cont_contact_source_code AS source_code, 0 AS other_la, 0 AS no_further_action
    FROM ssd_contacts
    WHERE cont_person_id IN (SELECT person_id FROM person_of_interest)
    UNION ALL
    SELECT earl_person_id, 'early_help', earl_episode_id,
           earl_episode_start_date, earl_episode_end_date, CAST(NULL AS VARCHAR(10)), 0, 0
    FROM ssd_early_help_episodes
    WHERE earl_person_id IN (SELECT person_id FROM person_of_interest)
    UNION ALL
    SELECT cine_person_id, 'cin', cine_referral_id,
           cine_referral_date, cine_close_date, cine_referral_source_code, 0,
           CASE WHEN cine_referral_nfa THEN 1 ELSE 0 END
    FROM ssd_cin_episodes
    WHERE cine_person_id IN (SELECT person_id FROM person_of_interest)
    UNION ALL
    SELECT cppl_person_id, 'cp', cppl_cp_plan_id,
           cppl_cp_plan_start_date, cppl_cp_plan_end_date, CAST(NULL AS VARCHAR(10)),
           CASE WHEN cppl_cp_plan_ola THEN 1 ELSE 0 END, 0
    FROM ssd_cp_plans
    WHERE cppl_person_id IN (SELECT person_id FROM person_of_interest)
    UNION ALL
    SELECT clae_person_id, 'cla', clae_cla_episode_id,
           clae_cla_episode_start_date, clae_cla_episode_ceased_date, CAST(NULL AS VARCHAR(10)),
           0, 0
    FROM ssd_cla_episodes
    WHERE clae_person_id IN (SELECT person_id FROM person_of_interest)
),
child_record AS (
    SELECT e.person_id, e.anchor_seq, e.removal_date, r.kind, r.record_id,
           r.start_date, r.end_date, r.source_code, r.other_la, r.no_further_action
    FROM period_event e
    JOIN csc_record r ON r.person_id = e.person_id
),

-- Rule 5: open to CSC at removal (this LA's CIN, CP or CLA started before and not ended before).
open_to_csc AS (
    SELECT person_id, anchor_seq, kind, record_id, start_date, end_date
    FROM (SELECT c.*,
                 ROW_NUMBER() OVER (PARTITION BY person_id, anchor_seq
                                    ORDER BY start_date, kind, record_id) AS nth
          FROM child_record c
          WHERE kind IN ('cin', 'cp', 'cla') AND other_la = 0
            AND start_date < removal_date
            AND (end_date IS NULL OR end_date >= removal_date)) o
    WHERE nth = 1
),

-- Rule 7: known historically (ended before removal; another LA's CP plan is history).
known_historically AS (
    SELECT person_id, anchor_seq, kind, MAX(end_date) AS latest_end, COUNT(*) AS records
    FROM child_record
    WHERE end_date < removal_date
       OR (kind = 'cp' AND other_la = 1 AND start_date < removal_date)
    GROUP BY person_id, anchor_seq, kind
),

siblings_known AS (
    SELECT e.person_id, e.anchor_seq, e.removal_date, s.sibling_id,
           r.kind, r.start_date, r.end_date, r.source_code
    FROM period_event e
    JOIN sibling s ON s.person_id = e.person_id
    JOIN csc_record r ON r.person_id = s.sibling_id
    WHERE r.start_date < e.removal_date
),

-- Rule 9: a CIN episode of the child or a sibling closed 1 to 180 days before removal.
recent_closure AS (
    SELECT person_id, anchor_seq, MAX(end_date) AS latest_closure
    FROM (SELECT person_id, anchor_seq, removal_date, kind, end_date FROM child_record
          UNION ALL
          SELECT person_id, anchor_seq, removal_date, kind, end_date FROM siblings_known) r
    CROSS JOIN run_parameter prm
    WHERE kind = 'cin'
      AND end_date < removal_date
      AND end_date >= removal_date - prm.recent_closure_days
    GROUP BY person_id, anchor_seq
),

-- Rule 10: moved in during the 365 days before removal.
address_move AS (
    SELECT a.addr_person_id AS person_id,
           a.addr_address_start_date AS moved_on,
           a.addr_la_code AS to_la,
           -- two addresses from the same day follow the order of the source rows
           LAG(a.addr_la_code) OVER (PARTITION BY a.addr_person_id
                                     ORDER BY a.addr_address_start_date,
                                              a.source_file, a.source_row) AS from_la,
           ROW_NUMBER() OVER (PARTITION BY a.addr_person_id
                              ORDER BY a.addr_address_start_date,
                                       a.source_file, a.source_row) AS address_nth
    FROM ssd_address a
    JOIN event_child c ON c.person_id = a.addr_person_id
),
moved_in AS (
    SELECT person_id, anchor_seq, signal, MIN(signal_date) AS first_signal
    FROM (
        SELECT e.person_id, e.anchor_seq, 'address' AS signal, m.moved_on AS signal_date
        FROM period_event e
        JOIN address_move m ON m.person_id = e.person_id
        CROSS JOIN run_parameter prm
        WHERE m.to_la = prm.home_la AND m.from_la <> prm.home_la
          AND m.moved_on < e.removal_date
          AND m.moved_on >= e.removal_date - prm.moved_in_days
        UNION ALL
        SELECT r.person_id, r.anchor_seq, 'source_5C', r.start_date
        FROM (SELECT person_id, anchor_seq, removal_date, kind, start_date, source_code
              FROM child_record
              UNION ALL
              SELECT person_id, anchor_seq, removal_date, kind, start_date, source_code
              FROM siblings_known) r
        CROSS JOIN run_parameter prm
        WHERE r.kind IN ('contact', 'cin') AND r.source_code = '5C'
          AND r.start_date < r.removal_date
          AND r.start_date >= r.removal_date - prm.moved_in_days
        UNION ALL
        SELECT c.person_id, c.anchor_seq, 'other_la_cp_plan', c.start_date
        FROM child_record c
        CROSS JOIN run_parameter prm
        WHERE c.kind = 'cp' AND c.other_la = 1
          AND c.start_date < c.removal_date
          AND (c.end_date IS NULL OR c.end_date >= c.removal_date - prm.moved_in_days)
    ) signals
    GROUP BY person_id, anchor_seq, signal
),
post_removal_involvement AS (
    SELECT person_id, anchor_seq, MIN(start_date) AS first_start
    FROM child_record
    WHERE kind IN ('cin', 'cp', 'cla') AND start_date >= removal_date
    GROUP BY person_id, anchor_seq
),

-- Rule 6 and reason precedence: unknown to CSC, first qualifying event of the child.
event_reason AS (
    SELECT e.*,
           a.data_error, a.date_of_birth, a.age_days, a.in_first_1001_days,
           CASE WHEN e.in_period = 0 THEN 'outside_period'
                WHEN a.data_error IS NOT NULL THEN 'data_error'
                WHEN EXISTS (SELECT 1 FROM open_to_csc o
                             WHERE o.person_id = e.person_id AND o.anchor_seq = e.anchor_seq)
                     THEN 'open_to_csc'
           END AS first_reason
    FROM audit_period e
    LEFT JOIN age_at_removal a ON a.person_id = e.person_id AND a.anchor_seq = e.anchor_seq
),
repeat_removal AS (
    SELECT e.*,
           CASE WHEN first_reason IS NULL
                THEN ROW_NUMBER() OVER (PARTITION BY person_id,
                                        CASE WHEN first_reason IS NULL THEN 1 ELSE 0 END
                                        ORDER BY anchor_seq)
           END AS qualifying_nth
    FROM event_reason e
),
event_decision AS (
    SELECT r.*,
           CASE WHEN first_reason IS NOT NULL THEN first_reason
                WHEN qualifying_nth > 1 THEN 'repeat_removal'
           END AS reason
    FROM repeat_removal r
),

-- Rule 11's links: the family ids and the mother of each cohort child. Children sharing one are
-- one family, directly or through a chain: that transitive grouping is a small deterministic
-- pass over the cohort (maca.cohort.families), because Spark's recursive CTEs cannot UNION.
cohort_child AS (
    SELECT person_id FROM event_decision WHERE reason IS NULL
),
-- (The links are gathered for every child with an event in the period, a small table: the
-- report keeps the cohort's, and the cohort profile groups its comparison children alike.)
family_link AS (
    SELECT f.person_id, 'family ' || f.family_id AS link
    FROM child_family f
    UNION ALL
    SELECT m.person_id, 'mother ' || m.mother_id
    FROM child_mother m
),
family_link_summary AS (
    SELECT person_id, STRING_AGG_DISTINCT(link) AS family_links
    FROM family_link
    GROUP BY person_id
),

first_qualifying AS (
    SELECT person_id, MIN(anchor_seq) AS first_qualifying_seq
    FROM event_decision WHERE qualifying_nth = 1
    GROUP BY person_id
),
sibling_summary AS (
    SELECT person_id, anchor_seq,
           STRING_AGG_DISTINCT(sibling_id || ':' || kind) AS sibling_records
    FROM siblings_known
    GROUP BY person_id, anchor_seq
),
moved_in_summary AS (
    SELECT person_id, anchor_seq, STRING_AGG_DISTINCT(signal) AS moved_in_signals
    FROM moved_in
    GROUP BY person_id, anchor_seq
),
-- One row per (child, event) for the five history kinds, so that the report joins once.
history_summary AS (
    SELECT person_id, anchor_seq,
           MAX(CASE WHEN kind = 'contact' THEN latest_end END) AS contact_latest_end,
           MAX(CASE WHEN kind = 'contact' THEN records END) AS contact_records,
           MAX(CASE WHEN kind = 'early_help' THEN latest_end END) AS early_help_latest_end,
           MAX(CASE WHEN kind = 'early_help' THEN records END) AS early_help_records,
           MAX(CASE WHEN kind = 'cin' THEN latest_end END) AS cin_latest_end,
           MAX(CASE WHEN kind = 'cin' THEN records END) AS cin_records,
           MAX(CASE WHEN kind = 'cp' THEN latest_end END) AS cp_latest_end,
           MAX(CASE WHEN kind = 'cp' THEN records END) AS cp_records,
           MAX(CASE WHEN kind = 'cla' THEN latest_end END) AS cla_latest_end,
           MAX(CASE WHEN kind = 'cla' THEN records END) AS cla_records
    FROM known_historically
    GROUP BY person_id, anchor_seq
),
-- The facts behind a decision exist only for events in the period: gathered for those alone.
period_report AS (
    SELECT d.person_id, d.anchor_seq,
           o.kind AS open_kind, o.record_id AS open_record_id,
           o.start_date AS open_start, o.end_date AS open_end,
           h.contact_latest_end, h.contact_records,
           h.early_help_latest_end, h.early_help_records,
           h.cin_latest_end, h.cin_records,
           h.cp_latest_end, h.cp_records,
           h.cla_latest_end, h.cla_records,
           ss.sibling_records,
           rc.latest_closure,
           ms.moved_in_signals,
           pr.first_start AS post_removal_start,
           fl.family_links
    FROM event_decision d
    LEFT JOIN open_to_csc o ON o.person_id = d.person_id AND o.anchor_seq = d.anchor_seq
    LEFT JOIN history_summary h ON h.person_id = d.person_id AND h.anchor_seq = d.anchor_seq
    LEFT JOIN sibling_summary ss ON ss.person_id = d.person_id AND ss.anchor_seq = d.anchor_seq
    LEFT JOIN recent_closure rc ON rc.person_id = d.person_id AND rc.anchor_seq = d.anchor_seq
    LEFT JOIN moved_in_summary ms ON ms.person_id = d.person_id AND ms.anchor_seq = d.anchor_seq
    LEFT JOIN post_removal_involvement pr
         ON pr.person_id = d.person_id AND pr.anchor_seq = d.anchor_seq
    LEFT JOIN family_link_summary fl ON fl.person_id = d.person_id AND d.reason IS NULL
    WHERE d.in_period = 1
),
event_report AS (
    SELECT d.person_id AS event_person_id, d.anchor_seq AS event_seq,
           d.removal_date, d.utc_start, d.removal_kind, d.source,
           d.lead_police_seq, d.in_period, d.reason, d.data_error, d.date_of_birth,
           d.age_days, d.in_first_1001_days,
           p.open_kind, p.open_record_id, p.open_start, p.open_end,
           fq.first_qualifying_seq,
           p.contact_latest_end, p.contact_records,
           p.early_help_latest_end, p.early_help_records,
           p.cin_latest_end, p.cin_records,
           p.cp_latest_end, p.cp_records,
           p.cla_latest_end, p.cla_records,
           p.sibling_records,
           p.latest_closure,
           p.moved_in_signals,
           p.post_removal_start,
           p.family_links
    FROM event_decision d
    LEFT JOIN first_qualifying fq ON fq.person_id = d.person_id
    LEFT JOIN period_report p ON p.person_id = d.person_id AND p.anchor_seq = d.anchor_seq
)

-- One row per police row and per csc_only candidate, with its event's decision.
SELECT p.pp_ref AS ref, 'police' AS origin, p.person_id, p.pp_start AS local_start,
       p.status, p.outcome, p.removal_kind AS row_kind, mc.seq, mc.utc_start AS row_utc_start,
       r.*
FROM police_row p
LEFT JOIN merged_candidate mc ON mc.origin = 'police' AND mc.ref = p.pp_ref
LEFT JOIN event_report r ON r.event_person_id = mc.person_id AND r.event_seq = mc.anchor_seq
UNION ALL
SELECT mc.ref, 'csc_only', mc.person_id, mc.local_start,
       CAST(NULL AS VARCHAR(20)), CAST(NULL AS VARCHAR(40)), mc.removal_kind, mc.seq,
       mc.utc_start, r.*
FROM merged_candidate mc
JOIN event_report r ON r.event_person_id = mc.person_id AND r.event_seq = mc.anchor_seq
WHERE mc.origin = 'csc_only'
  AND NOT (r.source = 'csc_only' AND r.in_period = 0)  -- listed nowhere: not even returned
"""
