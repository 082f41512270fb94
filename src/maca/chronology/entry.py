"""One row of a chronology, and the columns of the agency submission format.

The columns are shared/spec/chronology.md's. The agency is never one of them: it is given by
whoever submits the file. Three more columns are written by ``maca chronology extract`` for the
council's and police's own records and read only from a file the caller says holds system
records (``SYSTEM_COLUMNS``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from maca.chronology.dates import DateReading

SUBMISSION_COLUMNS = (
    "case_ref",
    "date",
    "time",
    "end_date",
    "sequence",
    "subject",
    "source",
    "event",
    "significance",
    "impact_on_child",
    "action_taken",
    "practitioner_role",
)
REQUIRED_COLUMNS = ("case_ref", "date", "subject", "source", "event")
# Written by the extract for system records only: which kind of record (its agency follows from
# the kind), a pseudonymous reference to the store record, and the case's family.
SYSTEM_COLUMNS = ("system_event", "record_ref", "family_ref")

SIGNIFICANCE = ("low", "medium", "high")
IMPACT_ON_CHILD = ("positive", "negative", "unknown")

# What each column holds, in the words of the spec: the template's notes and the user guide.
COLUMN_NOTES = {
    "case_ref": "The audit's pseudonymous case reference, like C001.",
    "date": "2023-05-14 or 14/05/2023; 2023-05 for a month; start with ? if uncertain.",
    "time": "HH:MM on the 24-hour clock, like 09:30 (optional).",
    "end_date": "For events that last: the date they ended (optional).",
    "sequence": "A whole number that orders same-day events with no time (optional).",
    "subject": "Who the event is about, by role: child, mother, father, sibling 1, "
    "household member.",
    "source": "The record it comes from, like HV contact record or MASH log.",
    "event": "What happened: factual, brief, no opinion.",
    "significance": "low, medium or high (optional).",
    "impact_on_child": "positive, negative or unknown (optional).",
    "action_taken": "What was done, or why nothing was (optional).",
    "practitioner_role": "A role, never a name (optional).",
}

# Longest values kept, as the web app's chronology entry stores them.
MAX_LENGTH = {"case_ref": 20, "subject": 100, "source": 200, "practitioner_role": 100}


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an entry came from: the file and its row as a spreadsheet numbers it (the header
    is row 1), or for an entry typed into the web app, ``typed`` and the entry's number."""

    file: str
    row: int


@dataclass(slots=True)
class Entry:
    """One chronology entry. Treat it as read-only once made (it is not frozen only because
    a 5,000-event timeline is built many times a second in the web app)."""

    case_ref: str
    agency: str
    date: DateReading
    subject: str
    source: str
    event: str
    time: dt.time | None = None
    end_date: DateReading | None = None
    sequence: int | None = None
    significance: str = ""
    impact_on_child: str = ""
    action_taken: str = ""
    practitioner_role: str = ""
    system_record: bool = False
    system_event: str = ""  # SYSTEM_EVENTS token of a system record
    record_ref: str = ""  # the store record, pseudonymous (R0001), same in every case it is in
    family_ref: str = ""  # a system record's family, from the cohort
    provenance: Provenance | None = None

    @property
    def last_day(self) -> dt.date:
        """The last day the event covers: its end date, or the end of its month."""
        return (self.end_date or self.date).last_day
