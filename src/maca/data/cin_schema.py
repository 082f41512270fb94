"""Checking each CIN census child against the DfE XSD of its collection year.

The XSDs (``maca/data/xsd``, MIT licence from liia-tools-pipeline) differ mainly in how sex is
recorded: ``GenderCurrent`` (1/2/0/9) up to the 2024 schema, ``Sex`` (M/F/U) from 2025. The
schema is the one whose year is the census ``ReferenceDate`` year among those using the file's own
sex element, else the nearest such year; the choice is noted in the load report.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from lxml import etree

from maca.data.loading import Loading

SEX_ELEMENT = {2024: "GenderCurrent", 2025: "Sex", 2026: "Sex"}
BATCH = 500  # children validated together: bounded memory, few calls
_ELEMENT = re.compile(r"Element '(?:\{[^}]*\})?([^']+)'")


@cache
def _schema(year: int) -> etree.XMLSchema:
    xsd = resources.files("maca.data") / "xsd" / f"CIN_schema_{year}.xsd"
    with resources.as_file(xsd) as path:
        return etree.XMLSchema(etree.parse(str(path)))


class SchemaCheck:
    def __init__(self, loading: Loading, file: str):
        self.loading = loading
        self.file = file
        self.reference_year: int | None = None
        self.year: int | None = None
        self.notes: list[str] = []
        self._batch: etree._Element | None = None  # <Children> of the message being filled
        self._size = 0

    def reference_date(self, text: str | None) -> None:
        match = re.match(r"\s*(\d{4})-\d\d-\d\d", text or "")
        if match and self.reference_year is None:
            self.reference_year = int(match.group(1))

    def check(self, child) -> None:
        """Queue one ``Child`` element for checking: it is moved out of the file's tree into a
        minimal message of up to ``BATCH`` children, validated together (one call per batch,
        not per child; each error still names its own line, so it stays that child's)."""
        if self.year is None:
            self.year = self._choose(child)
        if self._batch is None:
            self._batch = etree.SubElement(etree.Element("Message"), "Children")
        self._batch.append(child)
        self._size += 1
        if self._size >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Validate the queued children and warn on every schema problem."""
        if self._batch is None or self.year is None:
            return
        message, self._batch, self._size = self._batch.getparent(), None, 0
        schema = _schema(self.year)
        if schema.validate(message):
            return
        for error in schema.error_log:
            match = _ELEMENT.search(error.message)
            self.loading.warn(
                self.file,
                error.line or 1,
                match.group(1) if match else "",
                "",
                f"does not follow the DfE CIN census schema (CIN_schema_{self.year}.xsd): "
                f"{error.message}",
                "ssd_person",
            )

    def _choose(self, child) -> int:
        names = {etree.QName(e).localname for e in child.iter() if isinstance(e.tag, str)}
        sex = "GenderCurrent" if "GenderCurrent" in names else "Sex"
        candidates = [y for y, element in SEX_ELEMENT.items() if element == sex]
        target = self.reference_year or max(candidates)
        year = min(candidates, key=lambda y: (abs(y - target), -y))
        how = (
            f"the census year {target}"
            if year == target
            else f"nearest to the census year {target} among schemas with <{sex}>"
        )
        self.notes.append(f"checked against CIN_schema_{year}.xsd ({how})")
        return year
