"""The council's and the police's own records of each cohort child and its family, as
chronology entries (``maca chronology extract``).

For every child of the cohort (cohort.csv, with the person ids from it or from the key.csv
``maca cohort --pseudonymise`` writes beside it) and the members of its family (its mothers,
and rule 8's direct links: the other members of its families and its mothers' other children,
read with ``maca.cohort.families``), the store's contacts, referrals (CIN episodes), early help,
CIN closures, CP plans, CLA episodes, legal statuses, address moves and police protection rows
become entries of the child's case. They are pseudonymised: no person id, no postcode, no record
id; each person is a role (``child``, ``mother``, ``sibling 1``, ``sibling (C002)`` for another
cohort child, ``household member 1`` for an adult), numbered the same way in every case of the
family, and each store record has a reference (``R00001``) that is the same in every case it
appears in, so that a family timeline shows it once. The cohort's removal is written as the
``removal`` entry of the case (day 0). The file is in the agency submission format plus the
system columns, so the audit loads it like an agency's.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from maca.chronology.dates import DateReading
from maca.chronology.entry import Entry, Provenance
from maca.chronology.problems import ChronologyProblem
from maca.chronology.system_events import SYSTEM_EVENTS
from maca.chronology.template import submission_csv
from maca.chronology.timeline import CaseFacts, order_key
from maca.cohort.families import FamilyMembers, family_members
from maca.data.codes import (
    LEGAL_STATUS,
    PP_OUTCOME,
    REASON_FOR_CLOSURE,
    REASON_NEW_EPISODE,
    REFERRAL_SOURCE,
)

ADULT_YEARS = 18
OTHER_LA_SOURCE = "5C"  # LA services: external (another local authority)
CSC_SOURCE = "Children's social care system"
POLICE_SOURCE = "Police protection log"
_REMOVAL_TEXT = {
    "pp_invoked": "Removed from parents' care: police protection invoked (the audit's removal, "
    "day 0)",
    "pp_considered_s20": "Police protection considered; parents agreed to section 20 "
    "accommodation (the audit's removal, day 0)",
}


@dataclass
class CohortCase:
    case_ref: str
    family_ref: str
    person_id: str
    removal_date: dt.date
    removal_kind: str
    source: str
    pp_refs: list[str]


@dataclass
class Record:
    """One event of one store record, before it is anybody's case entry."""

    key: tuple[str, str, str]  # table, record id, which event of it
    token: str
    date: dt.date
    event: str
    source: str
    end_date: dt.date | None = None
    time: dt.time | None = None


@dataclass
class Extract:
    entries: list[Entry]
    cases: list[CaseFacts]
    notes: list[str] = field(default_factory=list)


def read_cohort(cohort_dir: Path) -> list[CohortCase]:
    """The cohort's cases with their person ids (from cohort.csv, or else from key.csv)."""
    rows = _read_csv(cohort_dir / "cohort.csv", "run `maca cohort` first")
    needed = ("case_ref", "family_ref", "removal_date", "removal_kind", "source", "pp_refs")
    if rows and (missing := [c for c in needed if c not in rows[0]]):
        raise ChronologyProblem(f"{cohort_dir / 'cohort.csv'}: no column {missing[0]}")
    person_of = {r["case_ref"]: r.get("pers_person_id", "") for r in rows}
    if rows and not all(person_of.values()):
        key = _read_csv(
            cohort_dir / "key.csv",
            "cohort.csv has no person ids (written with --pseudonymise): put its key.csv beside it",
        )
        person_of = {r["case_ref"]: r["pers_person_id"] for r in key if r.get("pers_person_id")}
    cases = []
    for row in rows:
        ref = row["case_ref"]
        if not person_of.get(ref):
            raise ChronologyProblem(f"{cohort_dir / 'key.csv'}: no person id for {ref}")
        try:
            removal = dt.date.fromisoformat(row["removal_date"])
        except ValueError:
            raise ChronologyProblem(
                f"{cohort_dir / 'cohort.csv'}: {ref} has no removal date like 2023-09-12"
            ) from None
        cases.append(
            CohortCase(
                ref, row["family_ref"], person_of[ref], removal, row["removal_kind"],
                row["source"], [r for r in row["pp_refs"].split(";") if r],
            )
        )  # fmt: skip
    return cases


def _read_csv(path: Path, hint: str) -> list[dict[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return list(csv.DictReader(handle))
    except FileNotFoundError:
        raise ChronologyProblem(f"{path}: no such file ({hint})") from None
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ChronologyProblem(f"{path}: cannot be read ({error})") from None


def _home_la(cohort_dir: Path) -> str | None:
    try:
        scope = json.loads((cohort_dir / "scope.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    value = scope.get("parameters", {}).get("home_la") if isinstance(scope, dict) else None
    return str(value) if value else None


def extract(store: Path, cohort_dir: Path) -> Extract:
    """Every cohort case's system records, as entries ordered by case then date."""
    cases = read_cohort(cohort_dir)
    if not store.is_file():
        raise ChronologyProblem(f"{store}: no such store (run `maca ingest` first)")
    try:
        con = duckdb.connect(str(store), read_only=True)
    except duckdb.Error as error:
        raise ChronologyProblem(f"{store}: cannot be opened as a DuckDB store ({error})") from None
    try:
        con.execute("SET enable_progress_bar = false")
        return _Extraction(con, cases, _home_la(cohort_dir)).run()
    finally:
        con.close()


def write_extract(store: Path, cohort_dir: Path, out: Path) -> Extract:
    """``maca chronology extract``: the entries, written to ``out`` in the submission format."""
    result = extract(store, cohort_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(submission_csv(result.entries, system=True))
    return result


class _Extraction:
    def __init__(
        self, con: duckdb.DuckDBPyConnection, cases: list[CohortCase], home_la: str | None
    ) -> None:
        self.con = con
        self.cases = cases
        self.home_la = home_la
        self.notes: list[str] = []
        self.tables = {
            name for (name,) in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
            ).fetchall()
        }  # fmt: skip
        self.record_refs: dict[tuple[str, str, str], str] = {}
        self.expected: dict[str, dt.date] = {}  # expected dates of birth of unborn children

    def run(self) -> Extract:
        children = sorted({c.person_id for c in self.cases})
        if {"ssd_family", "ssd_mother"} <= self.tables:
            members = family_members(self.con, children)
        else:
            self.notes.append("the store has no ssd_family or ssd_mother: children only")
            members = {child: FamilyMembers() for child in children}
        people = set(children)
        for found in members.values():
            people |= found.mothers | found.others
        births = self._births(sorted(people))
        records = self._records(sorted(people), births)
        labels = self._family_labels(members, births)
        entries: list[Entry] = []
        for case in self.cases:
            entries += self._case_entries(case, members[case.person_id], labels, records)
        entries.sort(key=lambda e: (e.case_ref, order_key(e)))
        facts = [
            CaseFacts(c.case_ref, c.family_ref, c.removal_date, births.get(c.person_id, (None,))[0])
            for c in self.cases
        ]
        return Extract(entries, facts, self.notes)

    # --- reading the store -------------------------------------------------------------

    def _rows(self, table: str, sql: str, people: list[str]) -> list[tuple]:
        if table not in self.tables:
            self.notes.append(f"the store has no {table}")
            return []
        return self.con.execute(sql.format(table=table), {"people": people}).fetchall()

    def _births(self, people: list[str]) -> dict[str, tuple[dt.date | None, bool]]:
        """Date of birth (or expected) of each person, and whether they are someone's mother."""
        rows = self._rows(
            "ssd_person",
            "SELECT pers_person_id, coalesce(pers_dob, pers_expected_dob), pers_dob IS NOT NULL "
            "FROM {table} WHERE pers_person_id IN (SELECT unnest($people))",
            people,
        )
        mothers = {
            m for (m,) in self._rows(
                "ssd_mother",
                "SELECT DISTINCT moth_person_id FROM {table} "
                "WHERE moth_person_id IN (SELECT unnest($people))",
                people,
            )
        }  # fmt: skip
        births: dict[str, tuple[dt.date | None, bool]] = {}
        for person, day, born in rows:
            births[person] = (day if born else None, person in mothers)
            if day and not born:
                self.expected[person] = day
        for person in mothers - births.keys():
            births[person] = (None, True)
        return births

    def _records(
        self, people: list[str], births: dict[str, tuple[dt.date | None, bool]]
    ) -> dict[str, list[Record]]:
        records: dict[str, list[Record]] = defaultdict(list)
        for person, record in self._all_records(people):
            records[person].append(record)
        for person, (born, is_mother) in births.items():
            if born and not is_mother:
                records[person].append(
                    Record(("ssd_person", person, "birth"), "birth", born, "Birth", CSC_SOURCE)
                )
        return records

    def _all_records(self, people: list[str]) -> Iterator[tuple[str, Record]]:
        yield from self._contacts(people)
        yield from self._referrals(people)
        yield from self._early_help(people)
        yield from self._cp_plans(people)
        yield from self._cla(people)
        yield from self._legal_statuses(people)
        yield from self._addresses(people)
        yield from self._police(people)

    def _contacts(self, people: list[str]) -> Iterator[tuple[str, Record]]:
        sql = (
            "SELECT cont_person_id, cont_contact_id, cont_contact_date, cont_contact_source_code "
            "FROM {table} WHERE cont_person_id IN (SELECT unnest($people))"
        )
        for person, rid, day, code in self._rows("ssd_contacts", sql, people):
            token = "contact_from_other_la" if code == OTHER_LA_SOURCE else "contact"
            text = f"Contact to children's social care (source: {_source(code)})"
            where = f"{CSC_SOURCE}: contacts"
            yield person, Record(("ssd_contacts", rid, ""), token, day, text, where)

    def _referrals(self, people: list[str]) -> Iterator[tuple[str, Record]]:
        sql = (
            "SELECT cine_person_id, cine_referral_id, cine_referral_date, "
            "cine_referral_source_code, cine_close_date, cine_close_reason, cine_referral_nfa "
            "FROM {table} WHERE cine_person_id IN (SELECT unnest($people))"
        )
        where = f"{CSC_SOURCE}: CIN episodes"
        for person, rid, day, code, closed, reason, nfa in self._rows(
            "ssd_cin_episodes", sql, people
        ):
            token = "referral_from_other_la" if code == OTHER_LA_SOURCE else "referral"
            text = f"Referral to children's social care (source: {_source(code)})"
            text += "; no further action" if nfa else "; child in need episode opened"
            yield person, Record(("ssd_cin_episodes", rid, ""), token, day, text, where, closed)
            if closed:
                why = REASON_FOR_CLOSURE.get(reason or "", "reason not recorded")
                text = f"Child in need episode closed: {why}" + (f" ({reason})" if reason else "")
                key = ("ssd_cin_episodes", rid, "closed")
                yield person, Record(key, "cin_closed", closed, text, where)

    def _early_help(self, people: list[str]) -> Iterator[tuple[str, Record]]:
        sql = (
            "SELECT earl_person_id, earl_episode_id, earl_episode_start_date, "
            "earl_episode_end_date FROM {table} WHERE earl_person_id IN (SELECT unnest($people))"
        )
        where = f"{CSC_SOURCE}: early help"
        for person, rid, start, end in self._rows("ssd_early_help_episodes", sql, people):
            key = ("ssd_early_help_episodes", rid, "")
            yield person, Record(key, "early_help_started", start, "Early help episode started",
                                 where, end)  # fmt: skip
            if end:
                yield person, Record((*key[:2], "ended"), "early_help_ended", end,
                                     "Early help episode ended", where)  # fmt: skip

    def _cp_plans(self, people: list[str]) -> Iterator[tuple[str, Record]]:
        sql = (
            "SELECT cppl_person_id, cppl_cp_plan_id, cppl_cp_plan_start_date, "
            "cppl_cp_plan_end_date, cppl_cp_plan_ola FROM {table} "
            "WHERE cppl_person_id IN (SELECT unnest($people))"
        )
        where = f"{CSC_SOURCE}: child protection plans"
        for person, rid, start, end, ola in self._rows("ssd_cp_plans", sql, people):
            key = ("ssd_cp_plans", rid, "")
            if ola:
                text, token = "Child protection plan of another local authority", "cp_plan_other_la"
            else:
                text, token = "Child protection plan started", "cp_plan_started"
            yield person, Record(key, token, start, text, where, end)
            if end:
                yield person, Record((*key[:2], "ended"), "cp_plan_ended", end,
                                     "Child protection plan ended", where)  # fmt: skip

    def _cla(self, people: list[str]) -> Iterator[tuple[str, Record]]:
        sql = (
            "SELECT clae_person_id, clae_cla_episode_id, clae_cla_episode_start_date, "
            "clae_cla_episode_start_reason, clae_cla_episode_ceased_date, "
            "clae_cla_episode_ceased_reason FROM {table} "
            "WHERE clae_person_id IN (SELECT unnest($people))"
        )
        where = f"{CSC_SOURCE}: looked-after episodes"
        for person, rid, start, reason, ceased, why in self._rows("ssd_cla_episodes", sql, people):
            key = ("ssd_cla_episodes", rid, "")
            began = REASON_NEW_EPISODE.get(reason or "", "reason not recorded")
            yield person, Record(key, "cla_started", start, f"Looked-after episode began: {began}",
                                 where, ceased)  # fmt: skip
            if ceased:
                text = "Looked-after episode ended" + (f" (reason {why})" if why else "")
                yield person, Record((*key[:2], "ended"), "cla_ceased", ceased, text, where)

    def _legal_statuses(self, people: list[str]) -> Iterator[tuple[str, Record]]:
        sql = (
            "SELECT lega_person_id, lega_legal_status_id, lega_legal_status, "
            "lega_legal_status_start_date, lega_legal_status_end_date FROM {table} "
            "WHERE lega_person_id IN (SELECT unnest($people))"
        )
        where = f"{CSC_SOURCE}: legal statuses"
        for person, rid, code, start, end in self._rows("ssd_legal_status", sql, people):
            key = ("ssd_legal_status", rid, "")
            text = f"Legal status {code} began: {LEGAL_STATUS.get(code, 'not a known code')}"
            yield person, Record(key, "legal_status_started", start, text, where, end)
            if end:
                yield person, Record((*key[:2], "ended"), "legal_status_ended", end,
                                     f"Legal status {code} ended", where)  # fmt: skip

    def _addresses(self, people: list[str]) -> Iterator[tuple[str, Record]]:
        """Moves from the address history, by local authority only (never a postcode)."""
        sql = (
            "SELECT addr_person_id, addr_address_start_date, addr_la_code FROM {table} "
            "WHERE addr_person_id IN (SELECT unnest($people)) "
            "ORDER BY addr_person_id, addr_address_start_date, source_file, source_row"
        )
        where = f"{CSC_SOURCE}: address history"
        previous: dict[str, str | None] = {}
        for person, start, la in self._rows("ssd_address", sql, people):
            key = ("ssd_address", f"{person}/{start}", "")
            if person not in previous:
                text = f"Address recorded (LA {la})" if la else "Address recorded"
                yield person, Record(key, "address_first", start, text, where)
            else:
                token, text = _moved(self.home_la, previous[person], la)
                yield person, Record(key, token, start, text, where)
            previous[person] = la

    def _police(self, people: list[str]) -> Iterator[tuple[str, Record]]:
        sql = (
            "SELECT pers_person_id, pp_ref, pp_start, pp_end, status, outcome FROM {table} "
            "WHERE pers_person_id IN (SELECT unnest($people))"
        )
        rows = self._rows("police_protection", sql, people)
        for person, ref, start, end, status, outcome in rows:
            used = "invoked" if status == "invoked" else "considered, not used"
            text = f"Police protection {used}"
            if outcome:
                text += f"; outcome: {PP_OUTCOME.get(outcome, outcome)}"
            yield person, Record(
                ("police_protection", ref, ""), "police_protection", start.date(), text,
                POLICE_SOURCE, end.date() if end else None, start.time().replace(second=0),
            )  # fmt: skip

    # --- people and cases --------------------------------------------------------------

    def _family_labels(
        self,
        members: dict[str, FamilyMembers],
        births: dict[str, tuple[dt.date | None, bool]],
    ) -> dict[tuple[str, str], str]:
        """``(family_ref, person) -> role`` for everyone who is not a cohort child of the
        family: siblings and adults numbered in order of birth, the same in every case."""
        cohort_people = {c.person_id for c in self.cases}
        by_family: dict[str, list[CohortCase]] = defaultdict(list)
        for case in self.cases:
            by_family[case.family_ref].append(case)
        labels: dict[tuple[str, str], str] = {}
        for family, cases in by_family.items():
            earliest = min(c.removal_date for c in cases)
            adult_born = earliest.replace(year=earliest.year - ADULT_YEARS)
            people: set[str] = set()
            for case in cases:
                found = members[case.person_id]
                people |= (found.mothers | found.others) - cohort_people
            children: list[tuple[dt.date, str]] = []
            adults: list[tuple[dt.date, str]] = []
            for person in people:
                born, is_mother = births.get(person, (None, False))
                when = born or self.expected.get(person)
                grown = is_mother or (born is not None and born <= adult_born)
                (adults if grown else children).append((when or dt.date.max, person))
            for kind, group in (("sibling", children), ("household member", adults)):
                for n, (_, person) in enumerate(sorted(group), 1):
                    labels[(family, person)] = f"{kind} {n}"
        return labels

    def _case_entries(
        self,
        case: CohortCase,
        found: FamilyMembers,
        labels: dict[tuple[str, str], str],
        records: dict[str, list[Record]],
    ) -> list[Entry]:
        case_of = {c.person_id: c.case_ref for c in self.cases}
        subjects = {case.person_id: "child"}
        subjects |= {m: "mother" for m in found.mothers}
        for person in found.others:
            if person in case_of:
                subjects[person] = f"sibling ({case_of[person]})"
            else:
                subjects[person] = labels[(case.family_ref, person)]
        removal_rows = set(case.pp_refs)
        entries = [self._removal_entry(case, records.get(case.person_id, []))]
        for person, subject in subjects.items():
            grown = subject == "mother" or subject.startswith("household member")
            for record in records.get(person, []):
                if grown and record.token == "birth":  # noqa: S105 - a kind of record  # nosec B105
                    continue  # an adult's birth is no part of the child's chronology
                if (
                    person == case.person_id
                    and record.key[0] == "police_protection"
                    and (record.key[1] in removal_rows)
                ):
                    continue  # the cohort's removal: its own entry
                entries.append(self._entry(case, subject, record))
        return entries

    def _removal_entry(self, case: CohortCase, own: list[Record]) -> Entry:
        police = case.source in ("police", "both") and case.pp_refs
        first = next(
            (r for r in own if r.key[0] == "police_protection" and r.key[1] == case.pp_refs[0]),
            None,
        ) if police else None  # fmt: skip
        key = (
            ("police_protection", case.pp_refs[0], "") if police else ("removal", case.case_ref, "")
        )
        record = Record(
            key,
            "removal" if police else "removal_csc_only",
            case.removal_date,
            _REMOVAL_TEXT.get(case.removal_kind, "Removed from parents' care (day 0)"),
            POLICE_SOURCE if police else f"{CSC_SOURCE}: legal statuses",
            first.end_date if first else None,
            first.time if first else None,
        )
        return self._entry(case, "child", record)

    def _entry(self, case: CohortCase, subject: str, record: Record) -> Entry:
        ref = self.record_refs.setdefault(record.key, f"R{len(self.record_refs) + 1:05d}")
        end = record.end_date
        return Entry(
            case_ref=case.case_ref,
            agency=SYSTEM_EVENTS[record.token].agency,
            date=DateReading(record.date),
            subject=subject,
            source=record.source,
            event=record.event,
            time=record.time,
            end_date=DateReading(end) if end and end >= record.date else None,
            system_record=True,
            system_event=record.token,
            record_ref=ref,
            family_ref=case.family_ref,
            provenance=Provenance("store", 0),
        )


def _source(code: str | None) -> str:
    return REFERRAL_SOURCE.get(code or "", "not recorded")


def _moved(home_la: str | None, before: str | None, after: str | None) -> tuple[str, str]:
    """The kind and words of a move from an address in ``before`` to one in ``after``."""
    if not before or not after or before == after:
        where = f" within LA {after}" if after and after == before else ""
        return "address_move", f"Moved address{where}"
    if home_la is None or after == home_la:
        return (
            "address_move_from_other_la",
            f"Moved into LA {after} from another area (LA {before})",
        )
    return "address_move", f"Moved out of LA {before} to LA {after}"
