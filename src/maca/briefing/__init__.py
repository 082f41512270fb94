"""The learning briefing: findings -> HTML / PDF / DOCX / 7-minute briefing, charts, disclosure.

Callers (the CLI, the audit web app) build a :class:`Briefing` and call :func:`preview` or
:func:`publish`; this package never imports Django.
"""

from maca.briefing.content import SECTIONS, Prepared, prepare
from maca.briefing.disclosure import (
    DisclosureError,
    DisclosureFinding,
    DisclosureReport,
    Identifier,
    check,
    identifiers_from_store,
)
from maca.briefing.model import Briefing, BriefingInputError, Scope
from maca.briefing.publish import BuiltBriefing, preview, publish

__all__ = [
    "SECTIONS",
    "Briefing",
    "BriefingInputError",
    "BuiltBriefing",
    "DisclosureError",
    "DisclosureFinding",
    "DisclosureReport",
    "Identifier",
    "Prepared",
    "Scope",
    "check",
    "identifiers_from_store",
    "prepare",
    "preview",
    "publish",
]
