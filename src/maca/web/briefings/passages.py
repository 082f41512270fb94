"""Every passage a person wrote that is published in the briefing or shown to the board, each
named by the one field that holds it, so that the author can read it, confirm it and change it
where it is.

A passage's ``key`` names its field without its words ("draft.overview", "voice.12.quote",
"draft.theme_texts.4.bullets.1", "finding.31.dissent"); ``where`` names its place in the words
of the page ("Voice of the family, view 2: the words"). The briefing's passages are read from
the draft, the audit's question and the family voice it publishes; the board's from the
findings summary (:func:`board_passages`, the adapter :mod:`.guard` checks).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from django.urls import reverse

from maca.briefing import check, prepare
from maca.briefing.content import HEADINGS, TextUnit
from maca.briefing.disclosure import DisclosureFinding, DisclosureReport, KnownIdentifiers
from maca.briefing.number_words import small_number_words
from maca.briefing.numbers import SmallNumber
from maca.briefing.passages import passage_fingerprint
from maca.web.audits.models import Audit, FamilyVoice, Finding

from .build import Built, consented_voices, theme_uses
from .guard import StoreProblem, audit_identifiers, check_units
from .models import BriefingDraft, PassageConfirmation

# The author's words per theme (draft.theme_texts) in the order the form shows them.
STRENGTH_PARTS = {
    "key_phrase": "the key phrase",
    "sentence": "the strength in a sentence",
    "agency": "the agency whose key finding it was",
}
LEARNING_PARTS = {"learning_title": "the heading", "learning_text": "what was learned"}
SEVEN_TEXTS = {"background": "background", "why_it_matters": "why it matters"}
SEVEN_LISTS = {
    "things_to_remember": "things to remember",
    "what_to_do": "what to do",
    "reflective_questions": "reflective question",
}
DRAFT_TEXTS = {
    "priority": ("Title: the partnership priority", 200),
    "title": ("Title: the theme", 200),
    "overview": ("Overview", None),
    "methodology": ("Methodology", None),
    "next_steps_intro": ("Next steps and tools: the introduction", None),
}
REQUIRED = {"title", "question", "text", "quote", "role"}


@dataclass(frozen=True)
class Passage:
    """One passage, where it is and which field holds it."""

    key: str
    where: str
    text: str
    published: bool = False  # in the briefing
    board: bool = False  # shown to board readers (findings summary and its exports)
    max_length: int | None = None
    one_line: bool = False  # a line of a list: its change is one line too

    @property
    def unit(self) -> TextUnit:
        return TextUnit(self.key.partition(".")[0], self.where, self.text)

    @property
    def fingerprint(self) -> str:
        return passage_fingerprint(self.text)

    @property
    def anchor(self) -> str:
        return "passage-" + self.key.replace(".", "-").replace("_", "-")

    @property
    def required(self) -> bool:
        return self.key.rpartition(".")[2] in REQUIRED

    @property
    def shown_to(self) -> str:
        if self.published and self.board:
            return "In the briefing and the findings summary"
        return "In the briefing" if self.published else "In the findings summary"


def _lines(key: str, where: str, lines, **flags) -> list[Passage]:
    return [
        Passage(f"{key}.{i}", f"{where} {n}" if len(lines) > 1 else where, line, one_line=True,
                **flags)
        for n, (i, line) in enumerate(((i, t) for i, t in enumerate(lines) if t.strip()), 1)
    ]  # fmt: skip


def briefing_passages(audit: Audit, draft: BriefingDraft) -> list[Passage]:
    """What people wrote that the briefing publishes, in its reading order."""
    out: list[Passage] = []

    def text(key: str, where: str, value: str, max_length: int | None = None) -> None:
        if value and value.strip():
            out.append(Passage(key, where, value, published=True, max_length=max_length))

    for name in ("priority", "title"):
        text(f"draft.{name}", *DRAFT_TEXTS[name][:1], getattr(draft, name), DRAFT_TEXTS[name][1])
    text("audit.question", "The question the audit asked", audit.question)
    text("draft.overview", "Overview", draft.overview)
    text("draft.methodology", "Methodology", draft.methodology)
    for i, definition in enumerate(draft.definitions or []):
        if definition.get("term") and definition.get("text"):
            after = "scope" if definition.get("placement") == "scope" else "overview"
            where = f"Definition after the {after}"
            text(f"draft.definitions.{i}.term", f"{where}: the term", definition["term"], 100)
            text(f"draft.definitions.{i}.text", f"{where}: its text", definition["text"])
    uses = [u for u in theme_uses(audit) if u.strength_cases or u.learning_cases]
    texts = draft.theme_texts or {}
    for use in sorted((u for u in uses if u.strength_cases), key=lambda u: -u.strength_cases):
        entry = texts.get(str(use.theme.pk), {})
        for part, words in STRENGTH_PARTS.items():
            limit = None if part == "sentence" else 200 if part == "key_phrase" else 100
            text(
                f"draft.theme_texts.{use.theme.pk}.{part}",
                f"Strengths, {use.theme.name}: {words}",
                entry.get(part, ""),
                limit,
            )
    for voice_passage in voice_passages(audit, draft):
        out.append(voice_passage)
    text("draft.next_steps_intro", "Next steps and tools: the introduction", draft.next_steps_intro)
    out += _lines("draft.next_steps_items", "Next steps and tools: training offered, line",
                  draft.next_steps_items or [], published=True)  # fmt: skip
    for use in sorted((u for u in uses if u.learning_cases), key=lambda u: -u.learning_cases):
        entry = texts.get(str(use.theme.pk), {})
        key = f"draft.theme_texts.{use.theme.pk}"
        for part, words in LEARNING_PARTS.items():
            limit = 200 if part == "learning_title" else None
            text(f"{key}.{part}", f"Learning, {use.theme.name}: {words}", entry.get(part, ""),
                 limit)  # fmt: skip
        out += _lines(f"{key}.bullets", f"Learning, {use.theme.name}: point to act on",
                      entry.get("bullets", []), published=True)  # fmt: skip
    for i, resource in enumerate(draft.resources or []):
        text(f"draft.resources.{i}.title", f"Resource link {i + 1}: its text",
             resource.get("title", ""))  # fmt: skip
    seven = draft.seven_minute or {}
    for name, words in SEVEN_TEXTS.items():
        text(f"draft.seven_minute.{name}", f"7-minute briefing: {words}", seven.get(name, ""))
    for name, words in SEVEN_LISTS.items():
        out += _lines(f"draft.seven_minute.{name}", f"7-minute briefing: {words}",
                      seven.get(name, []), published=True)  # fmt: skip
    return out


def board_voices(audit: Audit, draft: BriefingDraft | None = None):
    """The family voice shown beyond the audit team: views given with consent that the author
    has not left out of the briefing (the same the briefing publishes)."""
    draft = draft or BriefingDraft.objects.filter(audit=audit).first()
    left_out = (draft.left_out_voices or []) if draft else []
    return consented_voices(audit).exclude(pk__in=left_out).select_related("case")


def voice_passages(audit: Audit, draft: BriefingDraft | None = None) -> list[Passage]:
    """Each published view's words and who gave it: in the briefing and the findings summary."""
    role_length = FamilyVoice._meta.get_field("role").max_length
    out = []
    for n, voice in enumerate(board_voices(audit, draft), 1):
        flags = {"published": True, "board": True}
        out.append(Passage(f"voice.{voice.pk}.quote", f"Voice of the family, view {n}: the words",
                           voice.quote, **flags))  # fmt: skip
        out.append(Passage(f"voice.{voice.pk}.role", f"Voice of the family, view {n}: who gave it",
                           voice.role, max_length=role_length, **flags))  # fmt: skip
    return out


def board_passages(audit: Audit) -> list[Passage]:
    """The findings summary's free text, as its board readers and exports get it: each
    finding's text (the evidence excerpts are cut from it) and dissent, and the family voice."""
    out = []
    per_case: dict[int, int] = {}
    findings = Finding.objects.filter(case__audit=audit).select_related("case")
    for finding in findings.order_by("case__case_ref", "kind", "id"):
        per_case[finding.case_id] = n = per_case.get(finding.case_id, 0) + 1
        where = f"Finding {n} for {finding.case.case_ref} ({finding.get_kind_display().lower()})"
        out.append(Passage(f"finding.{finding.pk}.text", f"{where}: the finding", finding.text,
                           board=True))  # fmt: skip
        if finding.dissent.strip():
            out.append(Passage(f"finding.{finding.pk}.dissent", f"{where}: the dissent",
                               finding.dissent, board=True))  # fmt: skip
    return voice_passages(audit) + out


def every_passage(audit: Audit, draft: BriefingDraft) -> list[Passage]:
    """The briefing's passages, then the findings summary's not already among them."""
    passages = briefing_passages(audit, draft)
    keys = {p.key for p in passages}
    return passages + [p for p in board_passages(audit) if p.key not in keys]


def passage_at(audit: Audit, draft: BriefingDraft, key: str) -> Passage | None:
    return next((p for p in every_passage(audit, draft) if p.key == key), None)


def draft_change(draft: BriefingDraft, key: str, text: str) -> dict:
    """The draft's field holding ``key``'s passage, with the passage changed to ``text`` (a line
    of a list left empty is taken out): keyword arguments for ``services.save_draft``."""
    _, name, *path = key.split(".")
    if not path:
        return {name: text.strip()}
    value = copy.deepcopy(getattr(draft, name))
    holder, last = value, path[-1]
    for step in path[:-1]:
        holder = holder[int(step)] if isinstance(holder, list) else holder.setdefault(step, {})
    if isinstance(holder, list):
        if text.strip():
            holder[int(last)] = " ".join(text.split())
        else:
            del holder[int(last)]
    else:
        holder[last] = text.strip()
    return {name: value}


@dataclass(frozen=True)
class ReadPassage:
    """A passage as the author's pages show it: its findings and its confirmation."""

    passage: Passage
    findings: tuple[DisclosureFinding, ...]
    confirmation: PassageConfirmation | None

    @property
    def status(self) -> str:
        if self.findings:
            return "found"
        return "confirmed" if self.confirmation else "unread"

    @property
    def segments(self) -> list[tuple[str, bool]]:
        """The text in pieces, the matched words marked (True)."""
        text, cursor, pieces = self.passage.text, 0, []
        for finding in sorted(self.findings, key=lambda f: f.start):
            if finding.start < cursor:
                continue
            pieces.append((text[cursor : finding.start], False))
            pieces.append((text[finding.start : finding.end], True))
            cursor = finding.end
        pieces.append((text[cursor:], False))
        return [(t, marked) for t, marked in pieces if t]


@dataclass
class Reading:
    """Every passage of an audit, checked, as the author reads and confirms them."""

    passages: list[ReadPassage] = field(default_factory=list)
    problem: str = ""  # the check could not run: the store cannot be read

    def _of(self, status: str, briefing_only: bool = False) -> list[ReadPassage]:
        return [
            p
            for p in self.passages
            if p.status == status and (p.passage.published or not briefing_only)
        ]

    @property
    def found(self) -> list[ReadPassage]:
        return self._of("found")

    @property
    def unread(self) -> list[ReadPassage]:
        return self._of("unread")

    @property
    def confirmed(self) -> list[ReadPassage]:
        return self._of("confirmed")

    @property
    def in_briefing(self) -> list[ReadPassage]:
        return [p for p in self.passages if p.passage.published]

    @property
    def briefing_counts(self) -> dict[str, int]:
        """The briefing's passages by status: found, unread, confirmed."""
        counts = {"found": 0, "unread": 0, "confirmed": 0}
        for read in self.in_briefing:
            counts[read.status] += 1
        return counts

    @property
    def briefing_ready(self) -> bool:
        """Nothing found in the briefing's passages and each confirmed as read."""
        return not self.problem and all(p.status == "confirmed" for p in self.in_briefing)

    def confirmable(self, fingerprints) -> list[ReadPassage]:
        """Of the passages with these fingerprints, those with nothing found and not confirmed
        yet, each text once."""
        wanted, seen, out = set(fingerprints), set(), []
        for read in self.unread:
            fingerprint = read.passage.fingerprint
            if fingerprint in wanted and fingerprint not in seen:
                seen.add(fingerprint)
                out.append(read)
        return out


def read_passages(
    audit: Audit, draft: BriefingDraft, *, known: KnownIdentifiers | None = None, store=None
) -> Reading:
    passages = every_passage(audit, draft)
    try:
        checked = check_units(audit, [p.unit for p in passages], known=known, store=store)
    except StoreProblem as problem:
        return Reading([ReadPassage(p, (), None) for p in passages], problem=str(problem))
    by_fingerprint = {c.unit.fingerprint: c for c in checked}
    return Reading(
        [
            ReadPassage(p, by_fingerprint[p.fingerprint].findings,
                        by_fingerprint[p.fingerprint].confirmation)
            for p in passages
            if p.fingerprint in by_fingerprint
        ]
    )  # fmt: skip


def read_one(audit: Audit, draft: BriefingDraft, passage: Passage) -> ReadPassage:
    """One passage checked (its findings) and its confirmation; nothing found when the store
    cannot be read (the page says so elsewhere)."""
    try:
        (checked,) = check_units(audit, [passage.unit])
    except StoreProblem:
        return ReadPassage(passage, (), None)
    return ReadPassage(passage, checked.findings, checked.confirmation)


def check_briefing(
    audit: Audit, draft: BriefingDraft, built: Built, *, store=None
) -> tuple[DisclosureReport, Reading]:
    """The core's check of the whole briefing as built, and every passage read, against the
    same identifiers (read once). Raises ``StoreProblem`` when the store cannot be read."""
    known = KnownIdentifiers(audit_identifiers(audit, store))
    return check(prepare(built.briefing), known), read_passages(audit, draft, known=known)


@dataclass(frozen=True)
class Refusal:
    """What stops publishing, in words, and the page where it is put right."""

    text: str
    url: str


def refusals(
    audit: Audit,
    reading: Reading | None,
    small_numbers: list[SmallNumber],
    report: DisclosureReport | None = None,
    *,
    found_at: str = "",
) -> list[Refusal]:
    """Everything that stops the briefing being published, each with where to put it right:
    passages with identifying details, passages nobody has confirmed as read, small numbers
    not decided, and what the check of the whole briefing finds that no passage shows (words
    the briefing puts together, such as a 7-minute panel's heading). ``found_at``: the page
    that shows the passages with findings (the passages page unless given)."""
    passages_url = reverse("briefings:passages", args=[audit.pk])
    publish_url = reverse("briefings:publish", args=[audit.pk])
    found_at = found_at or passages_url
    out = []
    reading = reading or Reading()
    if reading.problem:
        out.append(Refusal(reading.problem[:1].upper() + reading.problem[1:], ""))
    for read in reading.found:
        if read.passage.published:
            for finding in read.findings:
                out.append(
                    Refusal(
                        f"{read.passage.where}: {finding.what} (“{finding.excerpt}”). "
                        f"{finding.suggestion[:1].upper()}{finding.suggestion[1:]}.",
                        f"{found_at}#{read.passage.anchor}",
                    )
                )
    unread = [r for r in reading.unread if r.passage.published]
    if unread:
        count = len({r.passage.fingerprint for r in unread})
        out.append(
            Refusal(
                f"{count} passage{'s' if count != 1 else ''} of the briefing "
                f"{'have' if count != 1 else 'has'} not been confirmed as read for identifying "
                "details: read and confirm them",
                f"{passages_url}#unread",
            )
        )
    for number in small_numbers:
        if number.decision is None:
            out.append(
                Refusal(
                    f"{small_number_words(number.key, number.value, number.item)}: confirm or "
                    "suppress this small number",
                    f"{publish_url}#small-numbers",
                )
            )
    matched = {f.matched for r in reading.found for f in r.findings}
    for finding in report.findings if report else []:
        if finding.matched not in matched:
            out.append(
                Refusal(
                    f"{section_words(finding.section, finding.item)}: {finding.what} "
                    f"(“{finding.excerpt}”). Change the words it is made from in the narrative.",
                    reverse("briefings:edit", args=[audit.pk]),
                )
            )
    return out


def section_words(section: str, item: str) -> str:
    """A place in the briefing as the check names it ("family_voice", "quote 2"), in words."""
    words = {"title": "Title", "seven_minute": "7-minute briefing", "charts": "Charts",
             "links": "Links"}  # fmt: skip
    heading = words.get(section) or HEADINGS.get(section) or section.replace("_", " ")
    return f"{heading[:1].upper()}{heading[1:]}, {item}"
