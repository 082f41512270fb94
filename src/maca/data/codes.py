"""National code lists (shared/spec/codes.md) used to check coded columns."""

from __future__ import annotations

LEGAL_STATUS = {
    "C1": "Interim care order",
    "C2": "Full care order",
    "D1": "Freeing order granted",
    "E1": "Placement order granted",
    "V2": "Single period of accommodation under section 20",
    "V3": "Agreed series of short-term breaks (individual episodes recorded)",
    "V4": "Agreed series of short-term breaks (agreements recorded)",
    "L1": "Under police protection and in local authority accommodation",
    "L2": "Emergency protection order (EPO)",
    "L3": "Under child assessment order and in local authority accommodation",
    "J1": "Remanded to LA accommodation or to youth detention accommodation",
    "J2": "Placed in LA accommodation under PACE 1984",
    "J3": "Sentenced to Youth Rehabilitation Order with residence or fostering requirement",
}

REASON_NEW_EPISODE = {
    "S": "Started to be looked after",
    "L": "Change of legal status only",
    "P": "Change of placement and carer(s) only",
    "T": "Change of placement (same carer(s)) only",
    "B": "Change of legal status and placement and carer(s)",
    "U": "Change of legal status and placement (same carer(s))",
}

REFERRAL_SOURCE = {
    "1A": "Individual: family member/relative/carer",
    "1B": "Individual: acquaintance",
    "1C": "Individual: self",
    "1D": "Individual: other",
    "2A": "Schools",
    "2B": "Education services",
    "3A": "Health: GP",
    "3B": "Health: health visitor",
    "3C": "Health: school nurse",
    "3D": "Health: other primary health services",
    "3E": "Health: A&E",
    "3F": "Health: other",
    "4": "Housing",
    "5A": "LA services: social care",
    "5B": "LA services: other internal",
    "5C": "LA services: external (another local authority)",
    "5D": "Early help",
    "6": "Police",
    "7": "Other legal agency",
    "8": "Other",
    "9": "Anonymous",
    "10": "Unknown",
}

REASON_FOR_CLOSURE = {
    "RC1": "Adopted",
    "RC2": "Died",
    "RC3": "Child arrangements order",
    "RC4": "Special guardianship order",
    "RC5": "Transferred to services of another local authority",
    "RC6": "Transferred to adult social care",
    "RC7": "Services ceased for any other reason, including child no longer in need",
    "RC8": "Case closed after assessment, no further action",
    "RC9": "Case closed after assessment, referred to early help",
}

SEX = {"M": "Male", "F": "Female", "U": "Unknown or not recorded"}

# Older returns code sex as numbers: 903 SEX up to 2023-24, CIN GenderCurrent before 2024-25.
SEX_FROM_NUMBER = {"1": "M", "2": "F", "0": "U", "9": "U"}

PP_STATUS = {"invoked": "Police protection used", "considered": "Considered, not used"}

PP_OUTCOME = {
    "s20_agreed": "Parents agreed to section 20 accommodation",
    "epo": "Emergency protection order",
    "interim_care_order": "Interim care order",
    "returned_home": "Returned home",
    "placed_with_family": "Placed with family",
    "la_accommodation": "LA accommodation",
    "other": "Other",
}

YES_NO = {"Y": "Yes", "N": "No"}
