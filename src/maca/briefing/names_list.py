"""People's first names and surnames from a maintained package, loaded once, when first needed.

The source is the person providers of Faker (MIT licence, released monthly): given names and
surnames for some 90 locales, among them the UK, Ireland (English and Irish spellings), Poland,
Romania, Lithuania, Latvia, Turkey, India and Pakistan (romanised), Nigeria (Yoruba, Igbo, Hausa),
Ghana (Twi), Kenya, South Africa, and romanised Chinese. Only names written in the Latin script
are kept (a briefing is written in English); they are case-folded into two frozensets, which
is all the check holds (about 45,000 names, under 5 MB). Nothing is downloaded: the names ship
inside the installed package. ADR 0701 says why this source and what it cannot do.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
import time
from dataclasses import dataclass
from functools import cache

# One name as the check sees a word: letters with inner hyphens or apostrophes ("O'Brien",
# "Tyler-James"), in any Latin alphabet ("Wiśniewska", "Łukasz", "Ioana").
NAME = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_LATIN_END = 0x250  # Latin letters, with every accent and extension, end before U+0250


@dataclass(frozen=True)
class NameList:
    first: frozenset[str]  # case-folded given names
    last: frozenset[str]  # case-folded surnames
    source: str  # the package and version the names came from
    load_seconds: float

    def __contains__(self, word: str) -> bool:
        key = word.casefold()
        return key in self.first or key in self.last

    def is_first_name(self, word: str) -> bool:
        return word.casefold() in self.first

    def __len__(self) -> int:
        return len(self.first | self.last)


@cache
def names() -> NameList:
    """The names list, read from the installed package the first time it is asked for."""
    started = time.perf_counter()
    import faker
    import faker.providers.person as person

    first: set[str] = set()
    last: set[str] = set()
    for locale in pkgutil.iter_modules(person.__path__):
        module_name = f"{person.__name__}.{locale.name}"
        loaded_before = module_name in sys.modules
        module = importlib.import_module(module_name)
        for attribute, value in vars(module.Provider).items():
            if "names" not in attribute or attribute == "language_names":
                continue
            into = last if "last" in attribute else first
            into.update(_latin_names(value))
        if not loaded_before:
            # The locale's lists are copied into the sets above; its module (large tuples that
            # only Faker's own generator needs) is let go again.
            del sys.modules[module_name]
            delattr(person, locale.name)
    return NameList(
        first=frozenset(first),
        last=frozenset(last),
        source=f"Faker {faker.VERSION}",
        load_seconds=time.perf_counter() - started,
    )


def _latin_names(value: object) -> set[str]:
    if isinstance(value, dict):
        value = list(value)
    if not isinstance(value, list | tuple | set | frozenset):
        return set()
    return {
        name.casefold()
        for name in value
        if isinstance(name, str)
        and NAME.fullmatch(name)
        and all(ord(ch) < _LATIN_END for ch in name)
    }
