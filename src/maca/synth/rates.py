"""Rates behind the background population, rounded from published national statistics.

Sources (England, DfE / ONS); docs/synthetic-data.md explains how each is used:
- DfE *Children in need* 2024 (year to 31 March 2024): about 620,000 referrals a year (about 520
  per 10,000 children), about 400,000 children in need at 31 March (333 per 10,000), police the
  largest referral source (about 30%), schools about 20%, health about 15%; about 7% of
  referrals end in no further action; re-referrals within 12 months about 22%; about 50,000
  children on a child protection plan at 31 March (42 per 10,000), plans lasting 3 months to 2
  years for most.
- DfE *Children looked after in England* 2024: about 83,600 children looked after at 31 March
  (70 per 10,000), about 33,000 starting to be looked after in the year, a fifth of them under 1;
  legal status at start mostly section 20 (V2) or interim care order (C1); police protection
  (L1) a few per cent of starts, followed by accommodation, an EPO (L2) or an interim care order.
- ONS *Births in England and Wales* 2023: about 590,000 live births a year in England; mean age
  of mothers about 31; 49% of births female.
"""

from __future__ import annotations

# Referral sources (CIN ReferralSource codes) and their shares of referrals.
REFERRAL_SOURCES = (
    ("1A", 0.04),
    ("1B", 0.01),
    ("1C", 0.01),
    ("1D", 0.01),
    ("2A", 0.20),
    ("2B", 0.02),
    ("3A", 0.03),
    ("3B", 0.02),
    ("3C", 0.01),
    ("3D", 0.03),
    ("3E", 0.03),
    ("3F", 0.03),
    ("4", 0.02),
    ("5A", 0.05),
    ("5B", 0.02),
    ("5C", 0.02),
    ("5D", 0.03),
    ("6", 0.30),
    ("7", 0.02),
    ("8", 0.03),
    ("9", 0.01),
    ("10", 0.06),
)

CLOSE_REASONS = (
    ("RC8", 0.36),
    ("RC7", 0.40),
    ("RC9", 0.12),
    ("RC5", 0.04),
    ("RC4", 0.02),
    ("RC3", 0.02),
    ("RC1", 0.01),
    ("RC6", 0.02),
    ("RC2", 0.01),
)

PRIMARY_NEED = (
    ("N1", 0.57),
    ("N2", 0.08),
    ("N3", 0.04),
    ("N4", 0.08),
    ("N5", 0.14),
    ("N6", 0.02),
    ("N7", 0.01),
    ("N8", 0.02),
    ("N9", 0.04),
)

ETHNICITY = (
    ("WBRI", 0.70),
    ("WOTH", 0.06),
    ("MWBC", 0.03),
    ("MOTH", 0.03),
    ("APKN", 0.04),
    ("AIND", 0.02),
    ("ABAN", 0.02),
    ("BAFR", 0.04),
    ("BCRB", 0.01),
    ("OOTH", 0.02),
    ("AOTH", 0.02),
    ("CHNE", 0.005),
    ("NOBT", 0.005),
)

# Legal status at the start of a period of care (903 LS) and what follows police protection.
START_LEGAL_STATUS = (("V2", 0.62), ("C1", 0.24), ("L1", 0.08), ("L2", 0.04), ("J2", 0.02))
AFTER_POLICE_PROTECTION = (("V2", 0.55), ("C1", 0.25), ("L2", 0.20))
PLACEMENTS = (("U4", 0.45), ("U1", 0.15), ("U6", 0.10), ("R1", 0.10), ("K2", 0.10), ("H5", 0.10))
CEASED_REASONS = (
    ("E13", 0.35),
    ("E41", 0.25),
    ("E11", 0.10),
    ("E45", 0.10),
    ("E15", 0.10),
    ("E4A", 0.10),
)
PLACEMENT_CHANGE_REASONS = (
    ("CARPL", 0.30),
    ("LAREQ", 0.25),
    ("PLACE", 0.15),
    ("CHILD", 0.15),
    ("OTHER", 0.15),
)
MEAN_PLACEMENT_MOVES = 0.6  # placement changes per period of care (DfE: most have 1 placement)
ABUSE_CATEGORIES = ("NEG", "EMO", "PHY", "SAB", "MUL")

# Per child of an involved family, per involvement (a contact and what follows it).
P_REFERRAL = 0.45  # contacts that become referrals (about 2M contacts, 620k referrals a year)
P_EARLY_HELP = 0.25  # contacts that do not become referrals but go to early help
P_NFA = 0.07  # referrals with no further action
P_CP_PLAN = 0.14  # referrals (not NFA) leading to a child protection plan
P_LOOKED_AFTER = 0.09  # referrals (not NFA) leading to a period of care
P_POLICE_CONSIDERED_S20 = 0.10  # section 20 starts preceded by police considering protection
P_POLICE_RETURNED_HOME = 0.05  # police referrals where protection was used, child then at home
P_POLICE_CONSIDERED_ONLY = 0.03  # police referrals where protection was considered, not used
P_POLICE_UNMATCHED = 0.10  # police log rows the MASH could not match to a CSC id
P_POLICE_LOG_MISSING = 0.05  # L1 spells with no police log row (the log is incomplete)
P_PREBIRTH = 0.04  # first involvement before birth (pre-birth assessment under the child's id)
P_MOVE = 0.35  # people with a second address; of these, from another LA:
P_MOVE_FROM_OTHER_LA = 0.25

MEAN_EXTRA_CHILDREN = 0.9  # siblings beyond the first child of a family (ONS: ~1.8 per family)
MEAN_INVOLVEMENTS = 3.5  # involvements of the first child over the six-year window
MEAN_INVOLVEMENTS_SIBLING = 2.2
MAX_INVOLVEMENTS = 6


def codes(table: tuple) -> tuple[list[str], list[float]]:
    """Split a (code, share) table into codes and normalised probabilities."""
    names = [c for c, _ in table]
    weights = [w for _, w in table]
    total = sum(weights)
    return names, [w / total for w in weights]
