"""The guard on everything that leaves the audit team: free text people wrote is shown to a board
reader, or exported, only when the disclosure check found nothing identifying in it **and** a
person of the business team confirmed having read it (:class:`~.models.PassageConfirmation`,
against the passage's fingerprint). Anything else shows :data:`WITHHELD` in its place.

For a page or export beyond the audit team (the findings summary, its CSV and XLSX, the action
tracker …)::

    guard = board_safe(audit, units)     # units: the TextUnits of the free text it shows
    cell = guard.shown(finding.text)     # the text, or WITHHELD
    guard.withheld                       # how many passages are withheld, for the author

A text that was not among ``units`` is withheld too: deny by default. :func:`board_units` builds
the units of an audit's findings summary (findings, dissent, family voice, evidence excerpts).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from maca.briefing import Identifier, identifiers_from_store
from maca.briefing.content import TextUnit
from maca.briefing.disclosure import DisclosureFinding, KnownIdentifiers, check_passage, words_of
from maca.briefing.passages import passage_fingerprint
from maca.problems import Problem
from maca.web.audits.models import Audit

from .models import BriefingDraft, PassageConfirmation

WITHHELD = "Withheld: not yet checked for identifying details"


class StoreProblem(Problem):
    """The configured canonical store cannot be read for identifiers."""


def audit_identifiers(audit: Audit, store: str | Path | None = None) -> set[Identifier]:
    """The audit's person ids, and from the canonical store (``store``, else the configured
    ``MACA_STORE``, if any) the names, dates of birth, postcodes, family and police references
    of those children and their families."""
    person_ids = [p for p in audit.cases.values_list("person_id", flat=True) if p]
    found = {Identifier("person_id", p) for p in person_ids}
    path = str(store or settings.MACA_STORE)
    if path and person_ids:
        import duckdb

        try:
            with duckdb.connect(path, read_only=True) as connection:
                found |= identifiers_from_store(connection, person_ids)
        except duckdb.Error as error:
            raise StoreProblem(
                f"the store {Path(path).name} cannot be read for identifiers "
                f"({type(error).__name__}); publishing needs it"
            ) from None
    return found


def own_words(audit: Audit) -> frozenset[str]:
    """Words of the partnership's own names, which are nobody's name (as in the briefing)."""
    draft = BriefingDraft.objects.filter(audit=audit).first()
    names = (draft.partnership_short, draft.social_care_name) if draft else ("", "")
    return words_of(audit.partnership.name, *names)


@dataclass(frozen=True)
class Checked:
    """One passage after the check and against the confirmations."""

    unit: TextUnit
    findings: tuple[DisclosureFinding, ...]
    confirmation: PassageConfirmation | None

    @property
    def safe(self) -> bool:
        return not self.findings and self.confirmation is not None


def check_units(
    audit: Audit,
    units: Iterable[TextUnit],
    *,
    known: KnownIdentifiers | None = None,
    store: str | Path | None = None,
) -> list[Checked]:
    """Each passage with its findings and its confirmation, in order; the same text is checked
    once. Raises :class:`StoreProblem` when the configured store cannot be read."""
    units = [u for u in units if u.text.strip()]
    known = known or KnownIdentifiers(audit_identifiers(audit, store))
    allowed = own_words(audit)
    confirmations = {
        c.fingerprint: c
        for c in PassageConfirmation.objects.filter(
            audit=audit, fingerprint__in={u.fingerprint for u in units}
        )
    }
    found: dict[str, tuple[DisclosureFinding, ...]] = {}
    checked = []
    for unit in units:
        if unit.text not in found:
            found[unit.text] = tuple(check_passage(unit.text, known, allowed=allowed))
        checked.append(Checked(unit, found[unit.text], confirmations.get(unit.fingerprint)))
    return checked


@dataclass(frozen=True)
class BoardGuard:
    """What may be shown beyond the audit team (see the module's docstring)."""

    safe: frozenset[str]  # fingerprints of passages checked clean and confirmed as read
    withheld: int  # passages (distinct texts) that are not
    checked: bool = True  # False: the check could not run (the store is unreadable)
    problem: str = ""

    def allows(self, text: str) -> bool:
        return not text.strip() or passage_fingerprint(text) in self.safe

    def shown(self, text: str) -> str:
        return text if self.allows(text) else WITHHELD


def board_safe(audit: Audit, units: Iterable[TextUnit]) -> BoardGuard:
    """The guard for an audit's free text shown beyond the audit team (see the module)."""
    units = [u for u in units if u.text.strip()]
    texts = {u.fingerprint for u in units}
    try:
        checked = check_units(audit, units)
    except StoreProblem as problem:
        return BoardGuard(frozenset(), len(texts), checked=False, problem=str(problem))
    safe = frozenset(c.unit.fingerprint for c in checked if c.safe)
    return BoardGuard(safe, len(texts - safe))


def board_units(audit: Audit) -> list[TextUnit]:
    """The free text of the audit's findings summary and its exports, as passages: each
    finding's text (its evidence excerpt is cut from it) and dissent, and the family voice the
    briefing publishes (quotes and who gave them)."""
    from .passages import board_passages

    return [p.unit for p in board_passages(audit)]


def board_guard(audit: Audit) -> BoardGuard:
    """:func:`board_safe` over the findings summary's passages (:func:`board_units`)."""
    return board_safe(audit, board_units(audit))
