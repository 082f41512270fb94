"""From the query's rows to cohort rows and exclusion rows, every police row accounted for.

The query decides (rules, reasons, flags); this module only names and explains: case and family
references, ``;``-joined lists, readable ``detail`` texts, and the check that every police row
is the first ref of a cohort row or has exactly one exclusions row.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Any

from maca.cohort.contract import HISTORY_KINDS
from maca.cohort.families import group_families
from maca.problems import Problem

# The query's result column by column: {column: [value per row]}, every engine alike.
Columns = dict[str, list[Any]]

# Each kind's two columns, spelled once: a national run asks for them of every cohort row.
_HISTORY_COLUMNS = tuple((kind, f"{kind}_records", f"{kind}_latest_end") for kind in HISTORY_KINDS)
# The detail never names the person: exclusions.csv has their id in its own column (or, when
# pseudonymised, only in key.csv), so a pseudonymised file carries no person id anywhere.
DATA_ERROR_TEXT = {
    "no_person_record": "the person id on the police row has no person record",
    "no_date_of_birth": "the person has no date of birth (an expected date is never used)",
    "removal_before_birth": "removal date {removal} is before the date of birth",
}


class AccountingError(Problem, RuntimeError):
    """A police row is in neither or both outputs: a defect in maca, never in the data."""


class RemovalEvent:
    """One merged removal event: its decision row plus its member rows in start order."""

    # A national run makes one per police row: slots and plain attributes keep that cheap.
    __slots__ = ("decision", "members", "person_id", "police_refs", "l1_refs")

    def __init__(self, decision: dict[str, Any]) -> None:
        self.decision = decision
        self.members: list[dict[str, Any]] = []
        self.person_id: str = decision["event_person_id"]
        self.police_refs: list[str] = []
        self.l1_refs: list[str] = []

    @property
    def sort_key(self) -> tuple:
        d = self.decision
        return (d["removal_date"], d["utc_start"], d["event_person_id"])


@dataclass
class Decisions:
    cohort: list[dict[str, Any]]
    exclusions: list[dict[str, Any]]
    sibling_people: dict[str, list[tuple[str, str]]]  # case_ref -> [(sibling ref, person id)]


def _iso(value: date | None) -> str:
    return value.isoformat() if value else "open"


def _member_seq(member: dict[str, Any]) -> int:
    return int(member["seq"])


def group_events(rows: list[dict[str, Any]]) -> tuple[list[RemovalEvent], list[dict[str, Any]]]:
    """Events (merged candidates) and the police rows that are not removal events at all."""
    events: dict[tuple[str, int], RemovalEvent] = {}
    loose = []
    for row in rows:
        person = row["event_person_id"]
        if person is None:
            loose.append(row)
            continue
        key = (person, int(row["event_seq"]))
        event = events.get(key)
        if event is None:
            event = events[key] = RemovalEvent(row)
        event.members.append(row)
    for event in events.values():
        members = event.members
        if len(members) > 1:
            members.sort(key=_member_seq)
        for member in members:
            refs = event.police_refs if member["origin"] == "police" else event.l1_refs
            refs.append(member["ref"])
    return list(events.values()), loose


def _exclusion(
    refs: list[str], person: str | None, reason: str, detail: str, event: RemovalEvent | None
) -> dict[str, Any]:
    decision = event.decision if event else {}
    return {
        "pp_refs": ";".join(refs),
        "l1_refs": ";".join(event.l1_refs) if event else "",
        "pers_person_id": person or "",
        "removal_date": decision.get("removal_date") or "",
        "reason": reason,
        "detail": detail,
    }


def _loose_exclusion(row: dict[str, Any]) -> dict[str, Any]:
    if row["person_id"] is None:
        return _exclusion(
            [row["ref"]], None, "unlinked", "no pers_person_id on the police row", None
        )
    outcome = row["outcome"] or "none"
    detail = f"status {row['status']}, outcome {outcome}: not invoked and not s20 agreed"
    return _exclusion([row["ref"]], row["person_id"], "not_a_removal_event", detail, None)


def _event_detail(event: RemovalEvent, reason: str, period: tuple[date, date]) -> str:
    return _reason_detail(event.decision, event.person_id, reason, period)


def _reason_detail(d: dict[str, Any], person: str, reason: str, period: tuple[date, date]) -> str:
    """Why an event is excluded, from its decision's columns (``_DETAIL_COLUMNS``)."""
    removal = d["removal_date"]
    if reason == "outside_period":
        return f"removal date {removal}{_outside_period_text(period)}"
    if reason == "data_error":
        text = DATA_ERROR_TEXT[d["data_error"]]
        return text.format(person=person, removal=removal)
    if reason == "open_to_csc":
        return (
            f"open {d['open_kind']} {d['open_record_id']} from {d['open_start']} "
            f"to {_iso(d['open_end'])} at removal date {removal}"
        )
    raise AssertionError(reason)


def _merged_detail(event: RemovalEvent, member: dict[str, Any]) -> str:
    anchor = event.members[0]
    hours = (member["row_utc_start"] - anchor["row_utc_start"]).total_seconds() / 3600
    label = "police row" if anchor["origin"] == "police" else "L1 spell"
    return (
        f"joined the removal event of {label} {anchor['ref']} "
        f"(started {anchor['local_start']:%Y-%m-%d %H:%M}); "
        f"this row started {hours:g} hours later"
    )


def _merged_duplicates(event: RemovalEvent) -> list[dict[str, Any]]:
    """An exclusions row for each police row that joined an earlier one's event."""
    lead_seq = int(event.decision["lead_police_seq"])
    return [
        {
            **_exclusion(
                [member["ref"]],
                event.person_id,
                "merged_duplicate",
                _merged_detail(event, member),
                event,
            ),
            "l1_refs": "",
        }
        for member in event.members
        if member["origin"] == "police" and int(member["seq"]) != lead_seq
    ]


def _history(d: dict[str, Any]) -> tuple[list[str], str]:
    kinds, parts = [], []
    for kind, records, latest_end in _HISTORY_COLUMNS:
        count = d[records]
        if not count:
            continue
        kinds.append(kind)
        latest = d[latest_end]
        if latest is None:
            parts.append(f"{kind}: another LA's plan, open")
        else:
            days = (d["removal_date"] - latest).days
            parts.append(f"{kind}: {count} ended, latest {latest} ({days} days before)")
    return kinds, "; ".join(parts)


def _sibling_kinds(text: str | None) -> dict[str, list[str]]:
    kinds: dict[str, set[str]] = defaultdict(set)
    for item in (text or "").split(";"):
        if item:
            sibling, _, kind = item.rpartition(":")
            kinds[sibling].add(kind)
    return {sibling: sorted(k) for sibling, k in sorted(kinds.items())}


def _split(joined: str | None) -> list[str]:
    return [item for item in (joined or "").split(";") if item]


def _cohort_row(event: RemovalEvent, case_ref: str, family_ref: str) -> dict[str, Any]:
    # Built once per cohort child (tens of thousands nationally): flags spelled inline.
    d = event.decision
    kinds, history_detail = _history(d)
    age_days = int(d["age_days"])
    signals = d["moved_in_signals"]
    return {
        "case_ref": case_ref,
        "family_ref": family_ref,
        "pers_person_id": event.person_id,
        "removal_date": d["removal_date"].isoformat(),
        "removal_kind": d["removal_kind"],
        "pp_refs": ";".join(event.police_refs),
        "l1_refs": ";".join(event.l1_refs),
        "source": d["source"],
        "age_days": age_days,
        "day_of_1001": age_days + 271,
        "in_first_1001_days": "true" if d["in_first_1001_days"] else "false",
        "known_historically": "true" if kinds else "false",
        "history_kinds": ";".join(kinds),
        "history_detail": history_detail,
        "sibling_known": "true" if d["sibling_records"] else "false",
        "sibling_detail": "",  # filled once every case has its reference
        "recent_closure": "true" if d["latest_closure"] else "false",
        "recent_closure_date": d["latest_closure"].isoformat() if d["latest_closure"] else "",
        "moved_in": "true" if signals else "false",
        "moved_in_signals": ";".join(sorted(signals.split(";"))).strip(";") if signals else "",
        "has_sibling_group": "true" if int(d["family_children"] or 1) > 1 else "false",
        "post_removal_involvement": "true" if d["post_removal_start"] else "false",
    }


def _assign_cases(cohort_events: list[RemovalEvent]) -> tuple[list[str], list[str]]:
    """Case refs in removal order; family refs in order of each family's first case."""
    case_width = max(3, len(str(len(cohort_events))))
    case_refs = [f"C{i:0{case_width}d}" for i in range(1, len(cohort_events) + 1)]
    family_of = group_families(
        {e.person_id: _split(e.decision["family_links"]) for e in cohort_events}
    )
    numbers: dict[str, int] = {}
    for event in cohort_events:
        numbers.setdefault(family_of[event.person_id], len(numbers) + 1)
    sizes = Counter(family_of.values())
    for event in cohort_events:
        event.decision["family_children"] = sizes[family_of[event.person_id]]
    family_width = max(2, len(str(len(numbers))))
    family_refs = [f"F{numbers[family_of[e.person_id]]:0{family_width}d}" for e in cohort_events]
    return case_refs, family_refs


def _fill_sibling_detail(
    cohort: list[dict[str, Any]], events: list[RemovalEvent], pseudonymise: bool
) -> dict[str, list[tuple[str, str]]]:
    """Which siblings had which kinds of record, by pseudonymous reference (a cohort sibling by
    its case_ref, another by ``C001-S1``); the person id follows unless pseudonymised."""
    case_of = {row["pers_person_id"]: row["case_ref"] for row in cohort}
    sibling_people: dict[str, list[tuple[str, str]]] = {}
    for row, event in zip(cohort, events, strict=True):
        if not event.decision["sibling_records"]:  # most children: nothing to name
            sibling_people[row["case_ref"]] = []
            continue
        kinds = _sibling_kinds(event.decision["sibling_records"])
        others = [s for s in kinds if s not in case_of]
        refs = {s: f"{row['case_ref']}-S{i}" for i, s in enumerate(others, 1)}
        refs.update({s: case_of[s] for s in kinds if s in case_of})
        shown = {s: (refs[s] if pseudonymise else f"{refs[s]} ({s})") for s in kinds}
        row["sibling_detail"] = "; ".join(
            f"{shown[s]}: {';'.join(kinds[s])}" for s in sorted(kinds, key=lambda s: shown[s])
        )
        sibling_people[row["case_ref"]] = [(refs[s], s) for s in others]
    return sibling_people


def _outside_period_text(period: tuple[date, date]) -> str:
    return f" is outside {period[0]} – {period[1]}"


# What ``_reason_detail`` reads, and the reasons it can explain for a police row alone in its
# event without the event (a repeat removal needs the cohort's case references first).
_DETAIL_COLUMNS = (
    "removal_date",
    "data_error",
    "open_kind",
    "open_record_id",
    "open_start",
    "open_end",
)
_EXPLAINED_ALONE = ("open_to_csc", "data_error")


def _settle_in_bulk(
    columns: Columns, period: tuple[date, date]
) -> tuple[list[dict[str, Any]], list[int]]:
    """Exclusions for the rows that need no event work, and the indexes of all other rows.

    Most police rows of a national log are either not removal events (no event) or the only row
    of an event outside the period, open to CSC or with a data error: their explanation needs a
    few columns of their own row, so they never become full row dicts. Every other row goes
    through ``group_events``.
    """
    persons, seqs = columns["event_person_id"], columns["event_seq"]
    rows_of_event = Counter(zip(persons, seqs, strict=True))
    outside = _outside_period_text(period)
    settled, others = [], []
    for i, (person, seq, reason, origin, ref, removal) in enumerate(
        zip(
            persons,
            seqs,
            columns["reason"],
            columns["origin"],
            columns["ref"],
            columns["removal_date"],
            strict=True,
        )
    ):
        if person is None:
            loose = {k: columns[k][i] for k in ("ref", "person_id", "status", "outcome")}
            settled.append(_loose_exclusion(loose))
        elif reason == "outside_period" and origin == "police" and rows_of_event[person, seq] == 1:
            settled.append(
                {
                    "pp_refs": ref,
                    "l1_refs": "",
                    "pers_person_id": person,
                    "removal_date": removal,
                    "reason": reason,
                    "detail": f"removal date {removal}{outside}",
                }
            )
        elif reason in _EXPLAINED_ALONE and origin == "police" and rows_of_event[person, seq] == 1:
            facts = {k: columns[k][i] for k in _DETAIL_COLUMNS}
            settled.append(
                {
                    "pp_refs": ref,
                    "l1_refs": "",
                    "pers_person_id": person,
                    "removal_date": removal or "",
                    "reason": reason,
                    "detail": _reason_detail(facts, person, reason, period),
                }
            )
        else:
            others.append(i)
    return settled, others


def _row_dicts(columns: Columns, indexes: list[int]) -> list[dict[str, Any]]:
    if not indexes:
        return []
    names = list(columns)
    pick = itemgetter(*indexes) if len(indexes) > 1 else lambda values: (values[indexes[0]],)
    picked = [pick(values) for values in columns.values()]
    return [dict(zip(names, row, strict=True)) for row in zip(*picked, strict=True)]


def decide(columns: Columns, period: tuple[date, date], pseudonymise: bool = False) -> Decisions:
    """Cohort rows (sorted by removal date, case_ref) and exclusion rows from the query's rows."""
    exclusions, others = _settle_in_bulk(columns, period)
    events, loose = group_events(_row_dicts(columns, others))
    exclusions += [_loose_exclusion(row) for row in loose]
    cohort_events = sorted(
        (e for e in events if e.decision["reason"] is None), key=lambda e: e.sort_key
    )
    case_refs, family_refs = _assign_cases(cohort_events)
    cohort = [
        _cohort_row(e, c, f) for e, c, f in zip(cohort_events, case_refs, family_refs, strict=True)
    ]
    sibling_people = _fill_sibling_detail(cohort, cohort_events, pseudonymise)
    first_case = {e.person_id: c for e, c in zip(cohort_events, case_refs, strict=True)}
    for event in events:
        if len(event.police_refs) > 1:
            exclusions.extend(_merged_duplicates(event))
        reason = event.decision["reason"]
        if reason is None:
            continue  # in the cohort
        if reason == "outside_period" and not event.police_refs:
            continue  # a csc_only event outside the period: listed nowhere
        if reason == "repeat_removal":
            detail = (
                f"the child's first qualifying removal in the period is case "
                f"{first_case[event.person_id]}"
            )
        else:
            detail = _event_detail(event, reason, period)
        exclusions.append(_exclusion(event.police_refs, event.person_id, reason, detail, event))
    check_accounting(columns, cohort, exclusions)
    return Decisions(cohort, exclusions, sibling_people)


def check_accounting(
    columns: Columns, cohort: list[dict[str, Any]], exclusions: list[dict[str, Any]]
) -> None:
    """Every police row is the first ref of a cohort row or has exactly one exclusions row."""
    police = [
        ref
        for ref, origin in zip(columns["ref"], columns["origin"], strict=True)
        if origin == "police"
    ]
    firsts = [row["pp_refs"].split(";")[0] for row in cohort if row["pp_refs"]]
    excluded = [row["pp_refs"].split(";")[0] for row in exclusions if row["pp_refs"]]
    placed = firsts + excluded
    # Equal as multisets: the same length and set without repeats settles it without sorting
    # a national run's 100,000 refs twice; anything else is compared sorted.
    distinct = set(placed)
    same = len(placed) == len(police) == len(distinct) and distinct == set(police)
    if not same and sorted(placed) != sorted(police):
        missing = sorted(set(police) - set(placed))
        doubled = sorted({r for r in placed if placed.count(r) > 1})
        raise AccountingError(
            f"police rows not accounted for exactly once: {len(missing)} missing, "
            f"{len(doubled)} in more than one place"
        )
