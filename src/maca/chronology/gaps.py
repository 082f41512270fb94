"""Gaps: long periods with no agency contact before the removal.

A gap is more than ``Parameters.gap_days`` (90 by default) between one contact and the next, or
between the last contact and the removal, within the ``gap_window_days`` (1001, the span of the
first 1001 days) before the removal, and never before the timeline's first entry: before that
the timeline knows nothing. Every entry is a contact except the system records that are facts
rather than contact (a birth, an address); an entry that lasts (an end date, a month-only
date) is contact for all of its span, so a gap is only claimed where no entry could fall.
Without a removal date there is no day 0 and no gaps.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from maca.chronology.system_events import SYSTEM_EVENTS

if TYPE_CHECKING:
    from maca.chronology.timeline import Timeline

_NOT_CONTACT = frozenset(token for token, kind in SYSTEM_EVENTS.items() if not kind.contact)


@dataclass(frozen=True)
class Gap:
    start: date  # the last contact before the gap (or where the window starts)
    end: date  # the next contact, or the removal
    until_removal: bool  # the gap runs up to the removal

    @property
    def days(self) -> int:
        return (self.end - self.start).days


def find_gaps(timeline: Timeline) -> Iterator[Gap]:
    removal = timeline.day0
    if removal is None or not timeline.entries:
        return
    longest = timeline.parameters.gap_days
    covered = max(
        removal - timedelta(days=timeline.parameters.gap_window_days),
        timeline.entries[0].date.value,
    )
    for entry in timeline.entries:
        start = entry.date.value
        if start >= removal:
            break
        if entry.system_event in _NOT_CONTACT:
            continue
        if (start - covered).days > longest:
            yield Gap(covered, start, until_removal=False)
        covered = max(covered, min(entry.last_day, removal))
    if (removal - covered).days > longest:
        yield Gap(covered, removal, until_removal=True)
