"""The briefing as a Word document staff can edit: real headings, real numbered lists, links.

Built with python-docx from the same :class:`Prepared` view as the HTML. Each numbered list gets
its own numbering instance so that Learning starts again at 1 after Strengths, and Word keeps
numbering correctly when staff add or remove items.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from maca.briefing.charts import Figure
from maca.briefing.content import HEADINGS, PROMISE, LabelledText, Prepared
from maca.briefing.model import Resource

BRAND = RGBColor(0x0B, 0x4F, 0x6C)
STRENGTH = RGBColor(0x00, 0x70, 0x3C)
LEARNING = RGBColor(0x5B, 0x2B, 0x82)
LINK = RGBColor(0x1D, 0x5D, 0x90)


def render_docx(prepared: Prepared, path: Path, draft: bool = False, checked: bool = False) -> Path:
    """``checked``: as for the HTML, the footer's promise only on a version that passed."""
    document = Document()
    _set_up(document, prepared, draft, checked and not draft)
    _title(document, prepared)
    _heading(document, "overview")
    document.add_paragraph(prepared.overview)
    _definitions(document, prepared.overview_definitions)
    _heading(document, "methodology")
    document.add_paragraph(prepared.methodology)
    _heading(document, "scope")
    for line in prepared.scope_lines:
        document.add_paragraph(line, style="List Bullet")
    _definitions(document, prepared.scope_definitions)
    if prepared.data_lines:
        document.add_heading(HEADINGS["scope_data"], level=3)
        for line in prepared.data_lines:
            document.add_paragraph(line, style="List Bullet")
    scope_figures = [
        prepared.figures[key]
        for key in ("removals_by_month", "age_at_removal", "agencies_per_case")
        if key in prepared.figures
    ]
    _figures(document, scope_figures, width=Cm(5.2))
    _heading(document, "strengths", STRENGTH)
    numbering = _new_numbering(document)
    for strength in prepared.strengths:
        paragraph = _numbered(document, numbering)
        paragraph.add_run(strength.before)
        key = paragraph.add_run(strength.key_phrase)
        key.bold = True
        paragraph.add_run(strength.after + strength.agency_note)
    _resources(document, prepared.resources["strengths"])
    _heading(document, "family_voice")
    for quote in prepared.quotes:
        document.add_paragraph(f"“{quote.text}”", style="Quote")
        role = document.add_paragraph(f"— {quote.role}")
        role.runs[0].bold = True
    if not prepared.quotes:
        document.add_paragraph("No family members' views were shared for publication.")
    _resources(document, prepared.resources["family_voice"])
    _heading(document, "next_steps")
    if prepared.next_steps_intro:
        document.add_paragraph(prepared.next_steps_intro)
    for item in prepared.next_steps_items:
        document.add_paragraph(item, style="List Bullet")
    for link in prepared.next_steps_links:
        _hyperlink(document.add_paragraph(style="List Bullet"), link.url, link.title)
    _resources(document, prepared.resources["next_steps"])
    _heading(document, "learning", LEARNING)
    numbering = _new_numbering(document)
    for theme in prepared.learning:
        paragraph = _numbered(document, numbering)
        title = paragraph.add_run(f"{theme.title}:" if theme.text else theme.title)
        title.bold = True
        if theme.text:
            paragraph.add_run(f" {theme.text}")
        for bullet in theme.bullets:
            document.add_paragraph(bullet, style="List Bullet 2")
    if "theme_cases" in prepared.figures:
        _figures(document, [prepared.figures["theme_cases"]], width=Cm(16))
    _resources(document, prepared.resources["learning"])
    _heading(document, "resources")
    for resource in prepared.resources["end"]:
        _hyperlink(document.add_paragraph(style="List Bullet"), resource.url, resource.title)
    document.save(str(path))
    return path


def _set_up(document: DocumentType, prepared: Prepared, draft: bool, checked: bool) -> None:
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    for name, size in (("Title", 28), ("Heading 1", 16), ("Heading 2", 13)):
        style = document.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = BRAND
    properties = document.core_properties
    properties.title = f"{prepared.title}: learning briefing"
    properties.author = prepared.partnership
    properties.subject = prepared.question
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.0)
    header = section.header.paragraphs[0]
    header.text = prepared.partnership + (" · DRAFT: not for publication" if draft else "")
    header.runs[0].font.color.rgb = BRAND
    header.runs[0].bold = True
    footer = section.footer.paragraphs[0]
    published = prepared.briefing.published
    footer.text = "Learning briefing" + (f" · {published}" if published else "")
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if checked:
        promise = section.footer.add_paragraph(PROMISE)
        promise.runs[0].font.size = Pt(8)


def _title(document: DocumentType, prepared: Prepared) -> None:
    document.add_paragraph(prepared.briefing.priority.upper(), style="Subtitle")
    document.add_heading(prepared.briefing.title, level=0)
    question = document.add_paragraph(prepared.question)
    question.runs[0].bold = True
    question.runs[0].font.size = Pt(13)


def _heading(document: DocumentType, section: str, colour: RGBColor = BRAND) -> None:
    heading = document.add_heading(HEADINGS[section], level=1)
    for run in heading.runs:
        run.font.color.rgb = colour


def _definitions(document: DocumentType, definitions: list[LabelledText]) -> None:
    for definition in definitions:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{definition.label}: ").bold = True
        paragraph.add_run(definition.text)


def _resources(document: DocumentType, resources: list[Resource]) -> None:
    if not resources:
        return
    paragraph = document.add_paragraph()
    paragraph.add_run("Resource: " if len(resources) == 1 else "Resources: ").bold = True
    for i, resource in enumerate(resources):
        if i:
            paragraph.add_run("; ")
        _hyperlink(paragraph, resource.url, resource.title)


def _figures(document: DocumentType, figures: list[Figure], width: Cm) -> None:
    """Charts side by side in one paragraph, each with alt text, then their captions."""
    if not figures:
        return
    row = document.add_paragraph()
    for figure in figures:
        shape = row.add_run().add_picture(io.BytesIO(figure.png()), width=width)
        # Word reads docPr's descr as the picture's alt text.
        shape._inline.docPr.set("descr", figure.summary)
        shape._inline.docPr.set("title", figure.title)
    for figure in figures:
        caption = document.add_paragraph(style="Caption")
        caption.add_run(f"{figure.title}. ").bold = True
        caption.add_run(figure.summary)


def _new_numbering(document: DocumentType) -> int:
    """A fresh numbering instance of the 'List Number' list, starting at 1."""
    numbering = document.part.numbering_part.element
    style_num_id = document.styles["List Number"].element.pPr.numPr.numId.val
    abstract_id = numbering.num_having_numId(style_num_id).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return num.numId


def _numbered(document: DocumentType, num_id: int) -> Paragraph:
    paragraph = document.add_paragraph(style="List Number")
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id
    return paragraph


def _hyperlink(paragraph: Paragraph, url: str, text: str) -> None:
    """A real, clickable link (python-docx has no API for it, so the XML is built here)."""
    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), str(LINK))
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(colour)
    properties.append(underline)
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)
