"""Dates narrower than a month, babies' ages in days or weeks, phone numbers, NHS numbers, ids.

Months alone ("in May", "September – December 2023", "Sep 2023") and durations ("within 72
hours", "a 12-week review", "booked at 28 weeks", "seen at 10 to 14 days") pass: they say when
or how long, not which day or which baby.
"""

from __future__ import annotations

import re
from datetime import date

from maca.briefing.identifying import Match

_MONTH_NAMES = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_ORDINAL = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)"
_WEEKDAY = (
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
)
EXACT_DATE = re.compile(
    r"\b(?:"
    r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"  # 2021-03-12
    r"|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})"  # 12/03/2021, 12.03.21
    rf"|(?:(?:{_WEEKDAY}),?\s+(?:the\s+)?)?"  # Monday 6 November, Tuesday the 4th of May
    rf"{_DAY}(?:\s+of)?[\s-]+(?:{_MONTH_NAMES})\.?(?:[\s,-]+\d{{2,4}})?"  # 12 March 2021
    rf"|(?:{_MONTH_NAMES})\.?\s+{_DAY}(?:,?\s+\d{{4}})?"  # March 12, 2021
    rf"|(?:{_WEEKDAY}),?\s+(?:the\s+)?{_ORDINAL}"  # Friday 22nd, Tuesday the 4th
    r")\b",
    re.IGNORECASE,
)
# "on the 4th", "from 12/10": a day without its month, when the words around make it a date.
DAY_IN_CONTEXT = re.compile(
    rf"\b(?:on|from|until|till|by|since|before|after)\s+(?:the\s+{_ORDINAL}(?!\s+[a-z])"
    r"|\d{1,2}/\d{1,2}(?![/\d]))",
    re.IGNORECASE,
)

_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[\s-](?:one|two|three|four|five"
    r"|six|seven|eight|nine))?|thirty(?:[\s-]one)?"
)
_HOW_MANY = rf"(?:\d{{1,3}}|{_NUMBER_WORDS})"
BABY_AGE = re.compile(
    rf"\b{_HOW_MANY}[\s-]+(?:hour|day|week)s?[\s-]+old\b"  # 6-week-old, 19 days old
    rf"|\baged\s+(?:just\s+|only\s+|about\s+|around\s+|nearly\s+)?{_HOW_MANY}\s+"
    r"(?:hours?|days?|weeks?)\b"  # aged 10 days
    rf"|\b{_HOW_MANY}\s+(?:days?|weeks?)\s+of\s+age\b",
    re.IGNORECASE,
)
# UK phone numbers: 0 or +44, then 9 or 10 more digits, spaced or not ("07700 900123",
# "0113 496 0000", "+44 7700 900 987", "(01632) 960456").
PHONE_NUMBER = re.compile(
    r"(?<![\w+])(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(?0)\d(?:[\s\-)]{0,2}\d){8,9}(?![\d])"
)
NHS_NUMBER = re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b")
# Six or more digits in a row, or a letters-and-digits token of six or more characters with at
# least four digits (person ids, references, UPNs). "2023-2026" and "COVID-19" do not match.
LONG_ID = re.compile(r"\b(?=(?:[A-Z]*\d){4})(?=\d*[A-Z])[A-Z\d]{6,}\b|\b\d{6,}\b", re.IGNORECASE)
# The audit's pseudonymous references ("Child C001", family "F01") link back to a child for
# anyone who holds the key: they belong in the audit, not in a briefing.
CASE_REF = re.compile(r"\b(?:C\d{3,4}|F\d{2,3})\b")

_REASONS = {
    "exact_date": "a day and a month",
    "baby_age": "an age in hours, days or weeks",
    "phone_number": "a UK phone number",
    "nhs_number": "ten digits, as an NHS number is written",
    "long_id": "a long number or code",
    "case_ref": "a reference the audit gives a child or family",
}


def find_dates_and_numbers(text: str, dates_of_birth: frozenset[date] = frozenset()) -> list[Match]:
    found: list[Match] = []
    for match in EXACT_DATE.finditer(text):
        if re.search(r"\bmay\b", match.group(0)):
            continue  # lower-case "may" is the verb ("aged 3 may be"), not the month
        as_date = parse_date(match.group(0))
        if as_date and as_date in dates_of_birth:
            found.append(
                Match("date_of_birth", match.start(), match.end(), "a child's date of birth")
            )
        else:
            found.append(Match("exact_date", match.start(), match.end(), _REASONS["exact_date"]))
    for match in DAY_IN_CONTEXT.finditer(text):
        day = match.group(0).split(None, 1)[1]
        found.append(Match("exact_date", match.end() - len(day), match.end(), "a day of the month"))
    for kind, pattern in (
        ("baby_age", BABY_AGE),
        ("phone_number", PHONE_NUMBER),
        ("nhs_number", NHS_NUMBER),
        ("long_id", LONG_ID),
        ("case_ref", CASE_REF),
    ):
        found += [Match(kind, m.start(), m.end(), _REASONS[kind]) for m in pattern.finditer(text)]
    return found


def iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


_MONTH_NUMBER = {
    name: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}


def parse_date(text: str) -> date | None:
    """Best effort, UK day-first; None when the text names no year (no date of birth then)."""
    text = text.lower().replace(",", " ").replace(" of ", " ")
    numeric = re.fullmatch(r"(\d{1,4})[-/.](\d{1,2})[-/.](\d{1,4})", text.strip())
    try:
        if numeric:
            a, b, c = numeric.groups()
            if len(a) == 4:
                return date(int(a), int(b), int(c))
            year = int(c) + (2000 if len(c) == 2 and int(c) < 50 else 1900 if len(c) == 2 else 0)
            return date(year, int(b), int(a))
        words = re.findall(r"[a-z]+|\d+", text)
        month = next((_MONTH_NUMBER[w] for w in words if w in _MONTH_NUMBER), None)
        digits = [int(w) for w in words if w.isdigit()]
        days = [d for d in digits if d <= 31]
        years = [y for y in digits if y > 31 or len(str(y)) == 4]
        if month and days and years:
            return date(years[0] if years[0] > 99 else 2000 + years[0], month, days[0])
    except ValueError:
        return None
    return None
