"""Where a family lives or goes: street addresses, postcodes, schools and GP surgeries.

- A street address is a house number (or "Flat 3,", "No. 4") and one to three capitalised words
  ending in a street word ("14 Elm Grove", "41a Station Road", "Flat 3, 22 Church Lane"), a
  numbered building ("Flat 12b Jubilee House"), or a street name after "on", "in", "at", "off"
  … ("on Victoria Road", "on Meadow View Crescent").
- A postcode is a full UK postcode anywhere, or an outward code ("DL15", "LS9") of a real
  postcode area written as an area ("in LS9", "the DL15 area", "postcode NE3").
- A school or a GP surgery is one or more distinctive capitalised words before a school word
  ("Oakfield Academy", "St Mary's Primary", "Hill Top Nursery", "Ashfield Children's Centre")
  or a surgery word ("Castle Street Surgery", "Riverside Medical Centre", "Elmwood Clinic").
  "The school", "the GP surgery" and "Nursery staff" name no place and pass.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from maca.briefing.field_words import FIELD_TERMS
from maca.briefing.identifying import Match
from maca.briefing.passage_words import Phrases, Word, joined, phrase_at

STREET_WORDS = frozenset(
    "road rd street avenue ave close crescent drive way grove terrace court gardens place lane "
    "mews row walk square rise view green park parade vale croft fold gate hill heights meadow "
    "meadows mount chase wynd yard wharf quay boulevard circus glade end side bank brow garth "
    "lea dale ridge grange villas cottages approach crest hollow link nook paddock rookery "
    "spinney wood".split()
)
# A street name without a number needs one of these, so that "Way" or "Park" alone is no street.
NAMED_STREET_WORDS = frozenset(
    "road street avenue close crescent drive grove terrace gardens lane mews way court".split()
)
BUILDING_WORDS = frozenset(
    "house court lodge cottage cottages farm mansions buildings tower towers flats heights "
    "point hall apartments".split()
)
# "Crown Court" and "the Family Court" are courts, not streets.
COURTS = frozenset(
    "crown magistrates magistrates' family youth county high coroner's appeal".split()
)
_FLAT = frozenset("flat apartment apt unit room suite maisonette".split())
_STREET_PREPOSITIONS = frozenset("on in at off along near onto into via".split())

SCHOOL_HEADS = Phrases(
    frozenset(
        {
            "primary school",
            "primary",
            "infant school",
            "infants school",
            "infants",
            "junior school",
            "juniors",
            "junior and infant school",
            "high school",
            "secondary school",
            "grammar school",
            "academy",
            "college",
            "school",
            "nursery",
            "day nursery",
            "nursery school",
            "pre-school",
            "preschool",
            "playgroup",
            "children's centre",
            "family centre",
            "sure start centre",
            "sixth form",
        }
    )
)
SURGERY_HEADS = Phrases(
    frozenset(
        {
            "surgery",
            "medical centre",
            "medical center",
            "medical practice",
            "medical group",
            "health centre",
            "healthcare centre",
            "health center",
            "family practice",
            "group practice",
            "clinic",
            "health clinic",
            "polyclinic",
            "walk-in centre",
        }
    )
)
# Words that say what kind of school or surgery it is but not which one.
_GENERIC = FIELD_TERMS | frozenset(
    "st st. saint rc ce c of e church catholic methodist free special community gp nhs "
    "walk-in urgent treatment children's family sure start central main general the a".split()
)
_DETERMINERS = frozenset(("the", "a", "an"))
_REASONS = {
    "school": "a name before a school word",
    "surgery_or_clinic": "a name before a surgery or clinic word",
}
_CONNECTORS = frozenset(("of", "and", "&"))

# The postcode areas of the UK (the letters before the first digit).
POSTCODE_AREAS = (
    "AB AL B BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY "
    "E EC EH EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE "
    "LL LN LS LU M ME MK ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL "
    "SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE"
).split()
UK_POSTCODE = re.compile(
    r"\b(?:GIR\s?0AA|[A-Z]{1,2}\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)
_OUTWARD = rf"(?:{'|'.join(sorted(POSTCODE_AREAS, key=len, reverse=True))})\d[A-Z\d]?"
# An outward code alone is a postcode only where the text uses it as a place.
POSTCODE_DISTRICT = (
    re.compile(rf"\b(?i:in|at|from|near|around|postcode|post code|code|to) ({_OUTWARD})\b"),
    re.compile(rf"\b({_OUTWARD}) (?:area|postcode|district|patch)\b"),
)


def find_places(text: str, items: list[Word], allowed: Collection[str] = ()) -> list[Match]:
    allowed_keys = frozenset(a.casefold() for a in allowed)
    found = [
        Match("uk_postcode", m.start(), m.end(), "a UK postcode")
        for m in UK_POSTCODE.finditer(text)
    ]
    found += [
        Match("postcode_district", m.start(1), m.end(1), "an area code written as a place")
        for pattern in POSTCODE_DISTRICT
        for m in pattern.finditer(text)
    ]
    found += _addresses(items)
    found += _named_places(items, SCHOOL_HEADS, "school", allowed_keys)
    found += _named_places(items, SURGERY_HEADS, "surgery_or_clinic", allowed_keys)
    return found


def _capitalised_before(items: list[Word], end: int, limit: int = 3) -> int:
    """Start index of the run of up to ``limit`` capitalised words just before ``end``."""
    start = end
    while start > 0 and end - start < limit:
        w, nxt = items[start - 1], items[start]
        if not (w.capitalised and joined(w, nxt)):
            break
        start -= 1
    return start


def _addresses(items: list[Word]) -> list[Match]:
    found = []
    for index, w in enumerate(items):
        if not w.capitalised or w.key not in STREET_WORDS | BUILDING_WORDS:
            continue
        nxt = items[index + 1] if index + 1 < len(items) else None
        if w.key == "st" and nxt is not None and nxt.capitalised and joined(w, nxt):
            continue  # "St Mary's": a saint, not a street
        start = _capitalised_before(items, index)
        if start == index:
            continue
        name = items[start:index]
        if w.key == "court" and any(x.key in COURTS for x in name):
            continue
        begin = _numbered_from(items, start)
        if begin is None:
            if w.key not in NAMED_STREET_WORDS or w.key in BUILDING_WORDS - {"court"}:
                continue
            before = items[start - 1] if start > 0 else None
            if before is None or before.key not in _STREET_PREPOSITIONS or not before.lower:
                continue
            if all(x.key in FIELD_TERMS for x in name):
                continue
            begin = start
        found.append(Match("street_address", items[begin].start, w.end, "a street or building"))
    return found


def _numbered_from(items: list[Word], start: int) -> int | None:
    """Index where the address begins when a house number (or flat) comes before the name."""
    if start == 0:
        return None
    number = items[start - 1]
    if not (number.is_number and joined(number, items[start])):
        return None
    begin = start - 1
    if begin >= 1 and items[begin - 1].key in ("no", "number") and number.gap in (" ", ". "):
        begin -= 1
    # "Flat 3, 22 Church Lane" and "Flat 12b Jubilee House"
    if begin >= 2 and items[begin].gap in (", ", " ") and items[begin - 1].is_number:
        if items[begin - 2].key in _FLAT and joined(items[begin - 2], items[begin - 1]):
            begin -= 2
    elif begin >= 1 and items[begin - 1].key in _FLAT and joined(items[begin - 1], number):
        begin -= 1
    return begin


def _named_places(
    items: list[Word], heads: Phrases, kind: str, allowed: frozenset[str]
) -> list[Match]:
    found = []
    index = 0
    while index < len(items):
        length = phrase_at(items, index, heads)
        head = items[index : index + length]
        if not length or not head[0].capitalised:
            index += 1
            continue
        start = index
        while start > 0:
            w = items[start - 1]
            if not joined(w, items[start]) or not (
                w.capitalised or w.acronym or (w.key in _CONNECTORS and start - 1 > 0)
            ):
                break
            start -= 1
        while start < index and items[start].key in _CONNECTORS:
            start += 1
        while start < index and items[start].key in _DETERMINERS:
            start += 1
        name = items[start:index]
        if any(w.key not in _GENERIC and w.key not in allowed and not w.acronym for w in name):
            found.append(Match(kind, name[0].start, head[-1].end, _REASONS[kind]))
        index += length
    return found
