"""What the board reads of the free text people type: one function for all of it.

Action texts and their measures, status reasons, evidence of impact, reasons for closing without
it, and a team's answers and plans are written by practitioners and can slip a name, a date or a
reference in. Everything of these the board sees (the tracker's pages for a board reader, the
board report in both formats) goes through :func:`for_the_board`, which withholds whatever the
briefing's disclosure check finds in the passage (``maca.briefing.disclosure.check_passage``),
naming what was withheld. The business team and agency leads see the words as written.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from maca.briefing.disclosure import Identifier, KnownIdentifiers, check_passage
from maca.web.accounts.roles import Role
from maca.web.audits.models import Audit
from maca.web.briefings.services import StoreProblem, audit_identifiers

WITHHELD = "[withheld: {what}]"
CANNOT_CHECK = "[withheld: the disclosure check cannot read the store]"


def for_the_board(
    text: str,
    identifiers: Iterable[Identifier | str] | KnownIdentifiers = (),
    allowed: Collection[str] = (),
) -> str:
    """``text`` with every identifying stretch the check finds replaced by what it was
    (``allowed``: words that are nobody's name, such as the partnership's own)."""
    text = text or ""
    findings = check_passage(text, identifiers, allowed=allowed)
    pieces, cursor = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < cursor:
            continue
        pieces.append(text[cursor : finding.start])
        pieces.append(WITHHELD.format(what=finding.what))
        cursor = finding.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def own_words(audit: Audit) -> frozenset[str]:
    """The partnership's and its agencies' own names: they are printed, and nobody's name."""
    names = [audit.partnership.name, *audit.partnership.agencies.values_list("name", flat=True)]
    return frozenset(w for name in names for w in re.findall(r"[^\W\d_]+", name))


class BoardWords:
    """:func:`for_the_board` with one audit's identifiers (its person ids and, when the store is
    configured, its children's and families' details), read once. When the store cannot be read,
    nothing typed is shown at all."""

    def __init__(self, audit: Audit, store=None):  # noqa: ANN001 - a path or None
        self.problem = ""
        self.allowed = own_words(audit)
        self.known = KnownIdentifiers()
        try:
            self.known = KnownIdentifiers(audit_identifiers(audit, store))
        except StoreProblem as problem:
            self.problem = str(problem)

    def __call__(self, text: str) -> str:
        if not text:
            return ""
        if self.problem:
            return CANNOT_CHECK
        return for_the_board(text, self.known, self.allowed)


def words_for(user, audit: Audit):  # noqa: ANN201 - a function of one text
    """What a user reads of the typed text of an audit's actions and discussions: the board's
    words for a board reader, the words as written for anyone else."""
    if getattr(user, "role", "") == Role.BOARD_READER:
        return BoardWords(audit)
    return lambda text: text or ""
