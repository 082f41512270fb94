"""What the disclosure check finds: the kinds of identifying detail, in words a business-team
officer uses, with the fix to suggest, and one match in a passage."""

from __future__ import annotations

from dataclasses import dataclass

# kind -> what it is, in plain words. The first five come from the store (the audit's children
# and families); the rest from the names list, patterns and context cues.
KIND_LABELS = {
    "name": "a name from the case records",
    "person_id": "a person id",
    "date_of_birth": "a date of birth",
    "postcode": "a postcode from the case records",
    "identifier": "an identifier from the case records",
    "person_name": "a person's name",
    "street_address": "a street address",
    "uk_postcode": "a postcode",
    "postcode_district": "part of a postcode (the area code)",
    "exact_date": "a date narrower than a month",
    "baby_age": "a baby's age in days or weeks",
    "school": "the name of a school, nursery or children's centre",
    "surgery_or_clinic": "the name of a GP surgery, health centre or clinic",
    "phone_number": "a phone number",
    "nhs_number": "an NHS number (or a number like one)",
    "long_id": "a long reference number or id",
    "case_ref": "a case or family reference of the audit",
}

# kind -> the fix to suggest when nothing more specific is known.
FIXES = {
    "name": "use a role instead, e.g. “the mother” or “the health visitor”",
    "person_name": "use a role instead, e.g. “the mother” or “the health visitor”",
    "person_id": "take the id out",
    "identifier": "take the reference out",
    "long_id": "take the reference out",
    "date_of_birth": "give an age band instead, e.g. “under one”",
    "exact_date": "give the month only, e.g. “in May 2023”",
    "baby_age": "give an age band instead, e.g. “under three months”",
    "street_address": "leave the address out, e.g. “at home” or “in the area”",
    "postcode": "leave the postcode out, e.g. “in the area”",
    "uk_postcode": "leave the postcode out, e.g. “in the area”",
    "postcode_district": "leave the area code out, e.g. “in the area”",
    "school": "say “the school” or “the nursery”",
    "surgery_or_clinic": "say “the GP practice” or “the clinic”",
    "phone_number": "take the phone number out",
    "nhs_number": "take the number out",
    "case_ref": "say “one child” or “one family” instead of the audit's reference",
}


@dataclass(frozen=True)
class Match:
    """One stretch of a passage that identifies, with why and how to fix it."""

    kind: str
    start: int
    end: int
    reason: str = ""  # why the check thinks so, in plain words ("after the title “Dr”")
    fix: str = ""  # a more specific fix than FIXES[kind], when the context gives one

    def overlaps(self, other: Match) -> bool:
        return self.start < other.end and other.start < self.end
