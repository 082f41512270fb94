"""Stores the cohort tests build: the briefing-like store (two families, the rows around them)
and random small stores for the property tests, crowded around the autumn clock change."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import strategies as st

from tests.cohort.store import Store


def briefing_like_store() -> Store:
    """Two families: siblings A and B removed together, C alone; and the rows around them."""
    s = Store()
    s.person("A", "2022-11-01")
    s.person("B", "2019-05-01")
    s.person("C", "2023-06-01")
    s.person("D", "2020-01-01")
    s.mother("M1", "A", "B")
    s.police("PP1", "A", "2023-09-12 21:40")
    s.police("PP2", "B", "2023-09-12 21:40")
    s.police("PP3", "A", "2023-09-13 08:00")  # the same removal, logged twice
    s.police("PP4", "C", "2023-11-02 03:15", "considered", "s20_agreed")
    s.police("PP5", None, "2023-10-01 12:00")
    s.police("PP6", "D", "2023-10-05 12:00")
    s.cin("D", "2023-07-01")  # D is open: excluded
    s.cin("B", "2022-01-01", "2023-05-01")  # B known historically, recent closure
    return s


# Days around the autumn clock change and a period edge, so that boundaries are crowded.
BASE = date(2023, 10, 20)
CLOCK_CHANGE_PERIOD = (date(2023, 10, 25), date(2023, 11, 6))
PEOPLE = [f"P{i}" for i in range(1, 7)]

person = st.sampled_from(PEOPLE)
police_person = st.sampled_from([None, " "] + PEOPLE[:4] * 4)
# Mostly valid, with the edges: 2nd birthdays inside the period (29 February among them),
# a birth during the period, no date of birth.
DATES_OF_BIRTH = [
    date(2021, 10, 30),
    date(2021, 11, 1),
    date(2020, 2, 29),
    date(2021, 2, 28),
    date(2023, 10, 28),
    date(2016, 5, 5),
    date(2022, 6, 1),
    date(2019, 1, 1),
    None,
]
day = st.integers(min_value=-250, max_value=30).map(lambda n: BASE + timedelta(days=n))
near_day = st.integers(min_value=-1, max_value=12).map(lambda n: BASE + timedelta(days=n))
minute = st.integers(min_value=0, max_value=24 * 60 - 1)
maybe_len = st.none() | st.integers(min_value=0, max_value=200)


def _end(start: date, length: int | None) -> str | None:
    return None if length is None else (start + timedelta(days=length)).isoformat()


@st.composite
def datasets(draw) -> Store:
    s = Store()
    for pid in PEOPLE:
        if draw(st.integers(0, 9)) > 0:  # sometimes no person record
            dob = draw(st.sampled_from(DATES_OF_BIRTH))
            s.person(pid, dob.isoformat() if dob else None, expected="2024-01-01")
    for n in range(draw(st.integers(0, 10))):
        when = datetime.combine(draw(near_day), datetime.min.time()) + timedelta(
            minutes=draw(minute)
        )
        status, outcome = draw(
            st.sampled_from(
                [
                    ("invoked", "la_accommodation"),
                    ("considered", "s20_agreed"),
                    ("considered", "returned_home"),
                    ("invoked", "s20_agreed"),
                ]
            )
        )
        pid = draw(police_person)
        s.police(f"PP{n:02d}", pid, when.isoformat(sep=" "), status, outcome)
    for _ in range(draw(st.integers(0, 3))):
        s.legal_status(
            draw(person), draw(near_day).isoformat(), draw(st.sampled_from(["L1", "V2"]))
        )
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["contact", "early_help", "cin", "cp", "cla"]))
        pid, start, length = draw(person), draw(day), draw(maybe_len)
        if kind == "contact":
            s.contact(pid, start.isoformat(), draw(st.sampled_from(["5C", "1A"])))
        elif kind == "early_help":
            s.early_help(pid, start.isoformat(), _end(start, length))
        elif kind == "cin":
            s.cin(pid, start.isoformat(), _end(start, length), draw(st.sampled_from(["5C", "6"])))
        elif kind == "cp":
            s.cp(pid, start.isoformat(), _end(start, length), ola=draw(st.booleans()))
        else:
            s.cla(pid, start.isoformat(), _end(start, length))
    for _ in range(draw(st.integers(0, 3))):
        s.family(draw(st.sampled_from(["FA", "FB", "FC"])), *draw(st.sets(person, max_size=3)))
    for _ in range(draw(st.integers(0, 3))):
        s.mother(draw(st.sampled_from(["MA", "MB"])), *draw(st.sets(person, max_size=3)))
    for pid in draw(st.sets(person, max_size=3)):
        for start in sorted(draw(st.sets(day, max_size=3))):
            s.address(pid, start.isoformat(), draw(st.sampled_from(["840", "841", None])))
    return s


def dedupe_links(store: Store) -> Store:
    """Family and mother links are keys in the store: the same pair once."""
    for table in ("ssd_family", "ssd_mother"):
        seen, rows = set(), []
        for row in store.rows[table]:
            key = tuple(row[c] for c in list(row)[:2])
            if key not in seen:
                seen.add(key)
                rows.append(row)
        store.rows[table] = rows
    return store
