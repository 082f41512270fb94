"""The Scope's "what the data tell us": the cohort profile's findings the author chose, worded
with the briefing's own small-number decisions.

Each count of a :class:`~maca.briefing.model.DataFinding` goes through :class:`Numbers` under
``profile.{key}`` (a count the profile already suppressed keeps its words), so a briefing with a
higher threshold than the profile's asks the author to confirm or suppress the counts between
the two, as it does for every other count. A share keeps its percentage only while the count
and the group size it is a share of are both published as numbers: a percentage beside a
suppressed count, or of a suppressed group, would let the count be worked back.
"""

from __future__ import annotations

from maca.briefing.model import DataCount, DataFinding
from maca.briefing.numbers import Numbers

SECTION = "scope"
HEADING = "What the data tell us"


def _worded(count: DataCount, numbers: Numbers, item: str) -> tuple[str, bool]:
    """The count's words, and whether they are the number itself."""
    if count.value is None:
        return count.shown, False
    text = numbers.show(f"profile.{count.key}", count.value, SECTION, f"{item}: {count.label}")
    return text, text == str(count.value)


def data_line(finding: DataFinding, numbers: Numbers) -> str:
    item = f"{HEADING.lower()}: {finding.title}"
    counts = [part for part in finding.parts if isinstance(part, DataCount)]
    published = {
        count.key: _worded(count, numbers, item)[1] for count in counts if not count.of
    }  # the group sizes, first: a share's percentage depends on its group's
    pieces = []
    for part in finding.parts:
        if isinstance(part, str):
            pieces.append(part)
            continue
        text, as_number = _worded(part, numbers, item)
        if as_number:
            text = f"{part.article}{text}"
            if part.percent and published.get(part.of, not part.of):
                text = f"{text} ({part.percent})"
        pieces.append(text)
    return "".join(pieces)


def data_lines(findings: list[DataFinding], numbers: Numbers) -> list[str]:
    return [data_line(finding, numbers) for finding in findings]
