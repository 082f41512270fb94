"""The board report as the two files a board and an inspector open: Word (DOCX) to read and
edit, Excel (XLSX) to sort and filter; both from the same :class:`BoardReport`."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .board_report import BoardReport, Table

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_NAME = 31  # Excel's limit on a sheet's name


def as_docx(report: BoardReport) -> bytes:
    document = Document()
    section = document.sections[0]
    # Landscape: the action plan is a wide table.
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.5)
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    properties = document.core_properties
    properties.title = report.title
    properties.author = report.partnership
    document.add_heading(report.title, level=0)
    document.add_paragraph(f"{report.partnership}. Produced {report.produced}. Pseudonymised.")
    for part in report.sections:
        document.add_heading(part.heading, level=1)
        for paragraph in part.paragraphs:
            document.add_paragraph(paragraph)
        for table in part.tables:
            _docx_table(document, table)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_table(document, table: Table) -> None:  # noqa: ANN001 - a python-docx Document
    document.add_heading(table.title, level=2)
    if table.figure is not None:
        shape = (
            document.add_paragraph()
            .add_run()
            .add_picture(io.BytesIO(table.figure.png()), width=Cm(16))
        )
        # Word reads docPr's descr as the picture's alt text.
        shape._inline.docPr.set("descr", table.figure.summary)
        shape._inline.docPr.set("title", table.figure.title)
    if not table.rows:
        document.add_paragraph("None yet.")
        return
    grid = document.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
        cell.text = str(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = str(value)


def _safe(value):  # noqa: ANN001, ANN202 - a cell's value
    """Text that would start a spreadsheet formula is quoted; numbers stay numbers."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def as_xlsx(report: BoardReport) -> bytes:
    book = Workbook()
    about = book.active
    about.title = "About"
    about.append([report.title])
    about["A1"].font = Font(bold=True, size=14)
    about.append([f"{report.partnership}. Produced {report.produced}. Pseudonymised."])
    for part in report.sections:
        sheet = book.create_sheet(part.heading[:SHEET_NAME])
        sheet.append([part.heading])
        sheet["A1"].font = Font(bold=True, size=13)
        for paragraph in part.paragraphs:
            sheet.append([_safe(paragraph)])
        for table in part.tables:
            sheet.append([])
            sheet.append([table.title])
            sheet.cell(sheet.max_row, 1).font = Font(bold=True)
            sheet.append([_safe(h) for h in table.header])
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
            for row in table.rows:
                sheet.append([_safe(v) for v in row])
        for column in sheet.columns:
            letter = column[0].column_letter
            sheet.column_dimensions[letter].width = 28
            for cell in column:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
