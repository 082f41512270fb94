"""Every section of the seed briefing is present, in the seed's order, in HTML, PDF and Word."""

from __future__ import annotations

import shutil
import subprocess

import docx
import lxml.html
import pytest

from maca.briefing import SECTIONS, Briefing, prepare
from tests.briefing.documents import assert_in_order, flat, heading_lines, pdf_text

# The seed's headings, in its order (Overview … Resources), as maca words them.
SEED_HEADINGS = [heading for _, heading in SECTIONS if heading]


def expected_sequence(briefing: Briefing) -> list[str]:
    """Title, question, then each section's heading followed by its own content, in order."""
    p = prepare(briefing)
    sequence = [briefing.title, p.question, "Overview", p.overview]
    sequence += [d.label + ":" for d in p.overview_definitions]
    sequence += ["Methodology", "Scope", p.scope_lines[0]]
    sequence += [d.label + ":" for d in p.scope_definitions]
    sequence += ["Strengths"] + [s.key_phrase for s in p.strengths]
    sequence += ["Voice of the family"] + [q.text[:40] for q in p.quotes]
    sequence += ["Next steps and tools"] + p.next_steps_items
    sequence += ["Learning"] + [t.title for t in p.learning]
    sequence += ["Resources"] + [r.title for r in p.resources["end"]]
    return sequence


def test_seed_headings_in_seed_order():
    assert SEED_HEADINGS == [
        "Overview",
        "Methodology",
        "Scope",
        "Strengths",
        "Voice of the family",
        "Next steps and tools",
        "Learning",
        "Resources",
    ]


def test_html_has_every_section_in_order(published, example):
    html = published.files["briefing.html"].read_text(encoding="utf-8")
    tree = lxml.html.fromstring(html)
    assert [h.text_content() for h in tree.iter("h2")] == SEED_HEADINGS
    assert "First 1001 Days" in tree.find(".//h1").text_content()
    assert_in_order(flat(tree.find(".//main").text_content()), expected_sequence(example))


def test_html_is_accessible_structure(published):
    tree = lxml.html.fromstring(published.files["briefing.html"].read_text(encoding="utf-8"))
    assert tree.get("lang") == "en-GB"
    assert len(tree.findall(".//h1")) == 1
    ids = [e.get("id") for e in tree.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids across inline charts"
    for svg in tree.iter("{http://www.w3.org/2000/svg}svg", "svg"):
        assert svg.get("role") == "img"
        labelled = svg.get("aria-labelledby").split()
        assert all(tree.get_element_by_id(i) is not None for i in labelled)
    assert (
        len(tree.findall(".//figure[@class='chart']//table"))
        + len(tree.findall(".//figure[@class='chart wide']//table"))
        == 4
    ), "every chart has its data table"


def test_strengths_numbered_by_cases_with_bold_key_phrase(published, example):
    tree = lxml.html.fromstring(published.files["briefing.html"].read_text(encoding="utf-8"))
    items = tree.findall(".//ol[@class='strengths']/li")
    ordered = example.strengths_by_cases()
    assert len(items) == len(ordered)
    assert [li.find("strong").text for li in items] == [
        # the key phrase as written in the sentence, bold in place
        prepare(example).strengths[i].key_phrase
        for i in range(len(ordered))
    ]
    cases = [s.cases for s in ordered]
    assert cases == sorted(cases, reverse=True)
    assert "This was a key finding by the health visiting service." in flat(
        tree.find(".//ol[@class='strengths']").text_content()
    )


def test_quote_without_consent_is_never_published(published):
    html = published.files["briefing.html"].read_text(encoding="utf-8")
    assert "without consent" not in html


def test_pdf_text_has_every_section_in_order(published, example):
    text = pdf_text(published.files["briefing.pdf"])
    assert heading_lines(text, SEED_HEADINGS) == SEED_HEADINGS
    assert_in_order(flat(text), expected_sequence(example))


def test_docx_has_real_headings_and_sections_in_order(published, example):
    document = docx.Document(str(published.files["briefing.docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == SEED_HEADINGS
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titles == ["First 1001 Days"]
    assert_in_order(
        flat("\n".join(p.text for p in document.paragraphs)), expected_sequence(example)
    )


def test_docx_numbered_lists_restart_for_learning(published):
    document = docx.Document(str(published.files["briefing.docx"]))
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    num_ids = [p._p.pPr.numPr.numId.val for p in numbered]
    strengths, learning = num_ids[0], num_ids[-1]
    assert strengths != learning, "Learning must start again at 1, not continue Strengths"
    assert num_ids.count(strengths) == 6 and num_ids.count(learning) == 5
    numbering = document.part.numbering_part.element
    for num_id in (strengths, learning):
        num = numbering.num_having_numId(num_id)
        assert num.lvlOverride_lst[0].startOverride.val == 1
    bold = [r.text for r in numbered[0].runs if r.bold]
    assert bold == ["multi-agency response"]


def test_docx_links_and_alt_text(published):
    document = docx.Document(str(published.files["briefing.docx"]))
    links = [r.target_ref for r in document.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert "https://northshire-scp.example.org/training/information-sharing" in links
    descriptions = [s._inline.docPr.get("descr") for s in document.inline_shapes]
    assert len(descriptions) == 4 and all(descriptions)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_docx_converts_to_pdf_with_libreoffice(published, tmp_path):
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(published.files["briefing.docx"]),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    converted = tmp_path / "briefing.pdf"
    assert converted.exists()
    assert heading_lines(pdf_text(converted), SEED_HEADINGS) == SEED_HEADINGS


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="pdfinfo (poppler-utils) is not installed")
def test_pdfs_are_tagged_for_screen_readers(published):
    for name in ("briefing.pdf", "seven-minute-briefing.pdf"):
        info = subprocess.run(
            ["pdfinfo", str(published.files[name])], capture_output=True, text=True, check=True
        ).stdout
        assert "Tagged:          yes" in info, name
        assert "First 1001 Days" in info  # the document title is set
