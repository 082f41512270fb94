"""The kinds of system record ``maca chronology extract`` writes, and whose lane each is in.

A system record's agency follows from its kind, never from a file: contacts, referrals, early
help, CIN, CP, CLA, legal statuses and addresses are the council's children's social care
records; police protection rows are the police's. Signal rules read these tokens where a
record says what happened in a structured way (an address move from another LA, a CIN closure).
"""

from __future__ import annotations

from dataclasses import dataclass

CSC_SYSTEM_RECORD = "Children's social care (system record)"
POLICE_SYSTEM_RECORD = "Police (system record)"
SYSTEM_AGENCIES = (CSC_SYSTEM_RECORD, POLICE_SYSTEM_RECORD)

# What a caller gives as the agency of a file from `maca chronology extract` (or its file name).
SYSTEM_RECORDS = "system records"


@dataclass(frozen=True)
class SystemEvent:
    token: str
    agency: str
    contact: bool = True  # False for facts that are no contact with the family (a birth, a move)


SYSTEM_EVENTS: dict[str, SystemEvent] = {
    e.token: e
    for e in (
        SystemEvent("removal", POLICE_SYSTEM_RECORD),
        SystemEvent("removal_csc_only", CSC_SYSTEM_RECORD),
        SystemEvent("police_protection", POLICE_SYSTEM_RECORD),
        SystemEvent("birth", CSC_SYSTEM_RECORD, contact=False),
        SystemEvent("contact", CSC_SYSTEM_RECORD),
        SystemEvent("contact_from_other_la", CSC_SYSTEM_RECORD),
        SystemEvent("referral", CSC_SYSTEM_RECORD),
        SystemEvent("referral_from_other_la", CSC_SYSTEM_RECORD),
        SystemEvent("cin_closed", CSC_SYSTEM_RECORD),
        SystemEvent("early_help_started", CSC_SYSTEM_RECORD),
        SystemEvent("early_help_ended", CSC_SYSTEM_RECORD),
        SystemEvent("cp_plan_started", CSC_SYSTEM_RECORD),
        SystemEvent("cp_plan_other_la", CSC_SYSTEM_RECORD),
        SystemEvent("cp_plan_ended", CSC_SYSTEM_RECORD),
        SystemEvent("cla_started", CSC_SYSTEM_RECORD),
        SystemEvent("cla_ceased", CSC_SYSTEM_RECORD),
        SystemEvent("legal_status_started", CSC_SYSTEM_RECORD),
        SystemEvent("legal_status_ended", CSC_SYSTEM_RECORD),
        SystemEvent("address_first", CSC_SYSTEM_RECORD, contact=False),
        SystemEvent("address_move", CSC_SYSTEM_RECORD, contact=False),
        SystemEvent("address_move_from_other_la", CSC_SYSTEM_RECORD, contact=False),
    )
}

REMOVAL_EVENTS = frozenset({"removal", "removal_csc_only"})
# Records of the child or a sibling being known to CSC (cohort.md's history kinds).
CSC_INVOLVEMENT = frozenset(
    {
        "contact",
        "contact_from_other_la",
        "referral",
        "referral_from_other_la",
        "early_help_started",
        "cp_plan_started",
        "cp_plan_other_la",
        "cla_started",
    }
)
MOVED_FROM_OTHER_LA = frozenset(
    {"address_move_from_other_la", "contact_from_other_la", "referral_from_other_la",
     "cp_plan_other_la"}
)  # fmt: skip
CLOSURES = frozenset({"cin_closed", "early_help_ended", "cp_plan_ended"})
# A plan recorded after a closure: the family was picked up by another service.
PLANS = frozenset({"early_help_started", "cp_plan_started", "cp_plan_other_la", "cla_started"})


def is_system_agency(agency: str) -> bool:
    return agency in SYSTEM_AGENCIES


def names_system_records(agency: str) -> bool:
    """Does the caller's agency (or file name) say the file holds system records?"""
    return " ".join(agency.replace("-", " ").replace("_", " ").split()).lower() == SYSTEM_RECORDS
