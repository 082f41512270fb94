"""A small builder for planted records and the outcome each one is planned to have.

A scenario calls these methods with dates relative to its removal date and states, in
``expect_child`` / ``expect_exclusion``, what the cohort rules of shared/spec/cohort.md must make
of it. Nothing here runs the cohort rules: the expectation is the scenario's design.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from maca.synth import frames
from maca.synth.days import NO_DATE, add_years
from maca.synth.frames import NO_PERSON, Frames
from maca.synth.scale import Window

PLANTED_BASE = 900_000_000
# Each kind of planted id has its own block above PLANTED_BASE, people's first, so that no record
# id or police reference holds a person id's digits (a test reads the demo's database for them).
ID_KINDS = ("person", "family", "contact", "early_help", "cin", "cp", "cla", "police")
ID_BLOCK = 10_000_000


@dataclass
class Expected:
    """One expected row of cohort.csv (``kind`` = removal_kind)."""

    pid: int
    removal_day: int
    kind: str
    refs: list[str]
    source: str
    dob: int
    history: tuple[str, ...] = ()
    sibling_known: bool = False
    recent_closure: bool = False
    moved_in: bool = False
    post_removal: bool = False
    family_key: str = ""
    scenario: str = ""

    @property
    def age_days(self) -> int:
        return self.removal_day - self.dob

    @property
    def day_of_1001(self) -> int:
        return self.removal_day - (self.dob - 270) + 1

    @property
    def in_first_1001_days(self) -> bool:
        return self.removal_day < add_years(self.dob, 2)


@dataclass
class Exclusion:
    pid: int  # NO_PERSON when unlinked
    refs: list[str]
    reason: str
    scenario: str = ""


@dataclass
class Plan:
    window: Window
    rows: dict[str, list[dict]] = field(default_factory=lambda: {k: [] for k in frames.COLUMNS})
    children: list[Expected] = field(default_factory=list)
    exclusions: list[Exclusion] = field(default_factory=list)
    # The profile's comparison: children whose first removal in the period is open_to_csc.
    open_children: list[Expected] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)
    scenario: str = ""

    @property
    def other_la(self) -> str:
        """The council planted families move in from: never the home LA."""
        return "841" if self.window.home_la != "841" else "840"

    def next_id(self, kind: str) -> int:
        self.counters[kind] = self.counters.get(kind, 0) + 1
        return PLANTED_BASE + ID_KINDS.index(kind) * ID_BLOCK + self.counters[kind]

    # people and their links
    def person(
        self,
        dob: int | None,
        sex: str = "F",
        expected: int | None = None,
        home_since: int | None = None,
        record: bool = True,
    ) -> int:
        pid = self.next_id("person")
        if record:
            self.rows["person"].append(
                {
                    "pid": pid,
                    "dob": NO_DATE if dob is None else dob,
                    "expected_dob": NO_DATE if expected is None else expected,
                    "sex": "U" if dob is None else sex,
                    "ethnicity": "WBRI",
                }
            )
        if dob is not None and home_since is not None:
            self.address(pid, max(dob, home_since), None, self.window.home_la)
        return pid

    def family(self, *pids: int) -> int:
        fid = self.next_id("family")
        for pid in pids:
            self.rows["family"].append({"fid": fid, "pid": pid})
        return fid

    def mother_of(self, mother: int, *children: int) -> None:
        for child in children:
            self.rows["mother"].append({"mother": mother, "child": child})

    def household(self, removal: int, *child_dobs: int, sexes: str = "MFMFMF") -> list[int]:
        """A mother and her children in one family, living in the home LA for years."""
        since = removal - 3000
        mother = self.person(removal - 26 * 365, "F", home_since=since)
        kids = [self.person(d, sexes[i], home_since=since) for i, d in enumerate(child_dobs)]
        self.family(mother, *kids)
        self.mother_of(mother, *kids)
        return kids

    def address(self, pid: int, start: int, end: int | None, la: str) -> None:
        self.rows["address"].append(
            {
                "pid": pid,
                "postcode": "DH1 1AB" if la == self.window.home_la else "DL1 5QT",
                "start": start,
                "end": NO_DATE if end is None else end,
                "la": la,
            }
        )

    # records
    def contact(self, pid: int, when: int, source: str = "8") -> None:
        row = {"id": self.next_id("contact"), "pid": pid, "date": when, "source": source}
        self.rows["contact"].append(row)

    def early_help(self, pid: int, start: int, end: int | None) -> None:
        self.rows["early_help"].append(
            {"id": self.next_id("early_help"), "pid": pid, "start": start, "end": _end(end)}
        )

    def cin(
        self,
        pid: int,
        referral: int,
        close: int | None,
        source: str = "8",
        nfa: bool = False,
        reason: str = "RC7",
    ) -> int:
        cid = self.next_id("cin")
        self.rows["cin"].append(
            {
                "id": cid,
                "pid": pid,
                "referral": referral,
                "source": source,
                "close": _end(close),
                "reason": "" if close is None else ("RC8" if nfa else reason),
                "nfa": nfa,
                "need": "" if nfa else "N1",
            }
        )
        return cid

    def cp(self, pid: int, cin_id: int | None, start: int, end: int | None, ola=False) -> None:
        self.rows["cp"].append(
            {
                "id": self.next_id("cp"),
                "pid": pid,
                "start": start,
                "end": _end(end),
                "ola": ola,
                "cin_id": -1 if cin_id is None else cin_id,
                "category": "NEG",
            }
        )

    def care(self, pid: int, start: int, spells: list[tuple[str, int | None]]) -> None:
        """A period of care: (legal status, days) spells; the last may be open (None)."""
        day = start
        for i, (ls, days) in enumerate(spells):
            end = None if days is None else day + days
            last = i == len(spells) - 1
            self.rows["cla"].append(
                {
                    "id": self.next_id("cla"),
                    "pid": pid,
                    "start": day,
                    "end": _end(end),
                    "rne": "S" if i == 0 else "L",
                    "ls": ls,
                    "rec": "" if end is None else ("E13" if last else "X1"),
                    "place": "U4",
                    "need": "N1",
                    "postcode": "DH1",
                    "reason_change": "",
                }
            )
            if end is None:
                break
            day = end

    def police(
        self, pid: int | None, at_minute: int, status: str, outcome: str, hours: float | None = 20.0
    ) -> str:
        ref = f"PP9{self.next_id('police') - PLANTED_BASE:08d}"
        end = NO_DATE if hours is None or status == "considered" else at_minute + int(hours * 60)
        self.rows["police"].append(
            {
                "ref": ref,
                "pid": NO_PERSON if pid is None else pid,
                "start": at_minute,
                "end": end,
                "status": status,
                "outcome": outcome,
                "home_la": self.window.home_la,
            }
        )
        return ref

    # expectations
    def _expected(self, pid: int, removal: int, refs: list[str], dob: int, **flags) -> Expected:
        flags.setdefault("kind", "pp_invoked")
        flags.setdefault("family_key", f"{self.scenario}:{pid}")
        return Expected(
            pid=pid, removal_day=removal, refs=refs, dob=dob, scenario=self.scenario, **flags
        )

    def expect_child(self, pid: int, removal: int, refs: list[str], dob: int, **flags) -> None:
        flags.setdefault("source", "both")
        self.children.append(self._expected(pid, removal, refs, dob, **flags))

    def expect_open(self, pid: int, removal: int, refs: list[str], dob: int, **flags) -> None:
        """Excluded as open to CSC, and so a child of the profile's comparison group."""
        self.expect_exclusion(pid, refs, "open_to_csc")
        flags.setdefault("source", "police")
        self.open_children.append(self._expected(pid, removal, refs, dob, **flags))

    def expect_exclusion(self, pid: int | None, refs: list[str], reason: str) -> None:
        self.exclusions.append(
            Exclusion(NO_PERSON if pid is None else pid, refs, reason, self.scenario)
        )

    def frames(self) -> Frames:
        return {name: frames.from_rows(name, rows) for name, rows in self.rows.items() if rows}


def _end(value: int | None) -> int:
    return NO_DATE if value is None else value
