"""The guard on what leaves the audit team: the findings summary a board reader sees and its
CSV/XLSX show a passage only once it is checked clean and confirmed as read; a quote without
consent or left out of the briefing is in none of them."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

NAMED = "Dr Priya Raman at Castle Street Surgery saw us in LS9"
LEFT_OUT = "We moved to 14 Elm Grove, DL14 7QT, after Tyler-James was born"


@pytest.fixture
def guarded(briefed):
    """The briefed audit with a finding that names a doctor, a dissent, and a quote the author
    left out of the briefing."""
    from maca.web.audits.models import FamilyVoice, Finding
    from maca.web.briefings.build import draft_for

    named = Finding.objects.create(
        case=briefed.c002, kind="area_for_learning", text=NAMED,
        dissent="Police disagreed with the grading.", recorded_by=briefed.audit.created_by,
    )  # fmt: skip
    named.themes.add(briefed.themes["Professional curiosity"])
    left_out = FamilyVoice.objects.create(
        audit=briefed.audit, role="Mother", quote=LEFT_OUT, consent_given=True,
        consent_recorded_by=briefed.audit.created_by,
    )  # fmt: skip
    draft = draft_for(briefed.audit)
    draft.left_out_voices = [left_out.pk]
    draft.save()
    briefed.named = named
    return briefed


def _exports(client, audit) -> tuple[str, str]:
    """The CSV as text and the XLSX's every cell as text."""
    csv_text = client.get(reverse("audits:summary-csv", args=[audit.pk])).content.decode()
    book = load_workbook(
        io.BytesIO(client.get(reverse("audits:summary-xlsx", args=[audit.pk])).content)
    )
    cells = [
        str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
    ]
    return csv_text, "\n".join(cells)


def test_nothing_unchecked_or_left_out_reaches_a_board_reader(guarded, client_for):
    from maca.web.briefings.guard import WITHHELD

    reader = client_for("board.reader")
    page = reader.get(reverse("audits:summary", args=[guarded.audit.pk])).content.decode()
    csv_text, xlsx_text = _exports(reader, guarded.audit)
    for shown in (page, csv_text, xlsx_text):
        assert "Priya" not in shown and "Castle Street" not in shown
        assert "Elm Grove" not in shown and "Tyler-James" not in shown  # left out
        assert "Not for publication." not in shown  # given without consent
        assert "Agencies spoke to one another." not in shown  # not yet read
        assert "They listened to me." not in shown
        assert "Police disagreed" not in shown
        assert WITHHELD in shown
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert {r["finding"] for r in rows} == {WITHHELD}
    assert 'data-testid="withheld-count"' in page
    assert "Read and confirm the passages" not in page  # a board reader confirms nothing


def test_what_was_read_is_shown_and_what_has_a_finding_stays_withheld(
    guarded, client_for, confirm_every_passage
):
    from maca.web.briefings.guard import WITHHELD

    confirm_every_passage(guarded.audit)
    reader = client_for("board.reader")
    page = reader.get(reverse("audits:summary", args=[guarded.audit.pk])).content.decode()
    csv_text, xlsx_text = _exports(reader, guarded.audit)
    for shown in (page, csv_text, xlsx_text):
        assert "Priya" not in shown  # found by the check: never confirmable
        assert "Elm Grove" not in shown and "Not for publication." not in shown
        assert WITHHELD in shown
    assert "Agencies spoke to one another." in page and "They listened to me." in page
    assert "Police disagreed with the grading." in csv_text
    assert "They listened to me." in xlsx_text and "Mother" in xlsx_text
    rows = {r["finding"] for r in csv.DictReader(io.StringIO(csv_text))}
    assert "Face value." in rows and WITHHELD in rows
    lead = client_for("audit.lead")
    counted = lead.get(reverse("audits:summary", args=[guarded.audit.pk])).content.decode()
    assert "1 passage of free text is withheld" in counted
    assert "Read and confirm the passages" in counted


def test_the_guard_denies_by_default_and_when_the_check_cannot_run(
    guarded, settings, tmp_path, confirm_every_passage
):
    from maca.briefing.content import TextUnit
    from maca.web.briefings.guard import WITHHELD, board_guard, board_safe

    confirm_every_passage(guarded.audit)
    guard = board_safe(guarded.audit, [TextUnit("actions", "action 1", "Face value.")])
    assert guard.shown("Face value.") == "Face value."  # read already, as a finding
    assert guard.shown("Some text nobody passed to the guard") == WITHHELD
    assert guard.shown("  ") == "  "  # nothing to withhold
    settings.MACA_STORE = str(tmp_path / "missing.duckdb")
    blind = board_guard(guarded.audit)
    assert not blind.checked and "cannot be read" in blind.problem
    assert blind.shown("Face value.") == WITHHELD


def test_an_identifier_from_the_store_is_withheld_too(guarded, settings, tmp_path, demo):
    import duckdb

    from maca.web.audits.models import Finding
    from maca.web.briefings.guard import board_guard
    from maca.web.briefings.models import PassageConfirmation
    from maca.web.briefings.passages import passage_fingerprint

    path = tmp_path / "store.duckdb"
    with duckdb.connect(str(path)) as connection:
        connection.execute("CREATE TABLE ssd_address (addr_person_id VARCHAR, "
                           "addr_address_postcode VARCHAR)")  # fmt: skip
        connection.execute("INSERT INTO ssd_address VALUES ('SYN-900001', 'ZZ9 9ZZ')")
    settings.MACA_STORE = str(path)
    text = "The family's address at ZZ9 9ZZ was not shared"
    Finding.objects.filter(pk=guarded.named.pk).update(text=text)
    # Even a confirmation recorded (say, before the store was configured) does not pass it.
    PassageConfirmation.objects.create(
        audit=guarded.audit, fingerprint=passage_fingerprint(text), where="x",
        confirmed_by_name="audit.lead",
    )  # fmt: skip
    assert not board_guard(guarded.audit).allows(text)
