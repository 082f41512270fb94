"""Write the profile: ``profile.json``, ``profile.md``, ``profile.xlsx`` and ``charts/*.svg``.

Everything is written from the validated document (``maca.profile.reader``), so the files say
exactly what ``profile.json`` says: suppression already applied, nothing that names a child.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from maca.profile.charts import chart_svgs
from maca.profile.reader import CohortProfile, ProfileMeasure, read_profile

OUTPUT_FILES = ("profile.json", "profile.md", "profile.xlsx")
SHEET_TITLE_LIMIT = 31  # Excel's


def _table(profile: CohortProfile, measure: ProfileMeasure) -> list[str]:
    head = "| " + measure.title + " | " + " | ".join(g.label for g in profile.groups) + " |"
    lines = [head, "|---" + "|---:" * len(profile.groups) + "|"]
    for row in measure.rows:
        cells = []
        for group in profile.groups:
            cell = row.cells[group.key]
            cells.append(
                f"{cell.shown} ({cell.percent_shown})" if cell.percent_shown else cell.shown
            )
        lines.append(f"| {row.label} | " + " | ".join(cells) + " |")
    return lines


def profile_markdown(profile: CohortProfile) -> str:
    """The findings in plain words, then the table behind each chart."""
    lines = [
        "# Cohort profile",
        "",
        f"Children removed between {profile.period_words}, side by side in three groups:",
        "",
    ]
    for group in profile.groups:
        families = group.families.shown
        lines.append(
            f"- **{group.label}**: {group.children.shown} "
            f"{'child' if group.children.count == 1 else 'children'} "
            f"({families} {'family' if group.families.count == 1 else 'families'}). "
            f"{group.description}"
        )
    lines += ["", "## What the data tell us", ""]
    for measure in profile.measures:
        lines += [f"### {measure.title}", "", measure.question, "", measure.finding, ""]
        lines += [*_table(profile, measure), ""]
        lines += [f"![{measure.chart_title}](charts/{measure.key}.svg)", ""]
    lines += ["## Notes", ""] + [f"- {note}" for note in profile.notes] + [""]
    return "\n".join(lines)


def _sheet_title(title: str, used: set[str]) -> str:
    clean = "".join(c for c in title if c not in "[]:*?/\\")
    if len(clean) > SHEET_TITLE_LIMIT:  # cut at a word, not inside one
        clean = clean[: SHEET_TITLE_LIMIT + 1].rsplit(" ", 1)[0].rstrip(",")
    name, n = clean, 2
    while name in used:
        suffix = f" {n}"
        name, n = clean[: SHEET_TITLE_LIMIT - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


def profile_workbook(profile: CohortProfile, path: Path | BinaryIO) -> None:
    """One sheet about the profile, then one sheet per measure: number and percentage per group
    (to a file, or to a binary stream: the web app's download)."""
    book = Workbook()
    about = book.active
    about.title = "About"
    bold = Font(bold=True)
    about.append(["Cohort profile"])
    about["A1"].font = Font(bold=True, size=14)
    about.append(["Period", profile.period_words])
    about.append(["Small-number threshold", profile.threshold])
    about.append([])
    about.append(["Group", "Children", "Families", "Who"])
    for cell in about[5]:
        cell.font = bold
    for group in profile.groups:
        about.append(
            [group.label, _value(group.children), _value(group.families), group.description]
        )
    about.append([])
    for note in profile.notes:
        about.append([note])
    about.column_dimensions["A"].width = 44
    about.column_dimensions["D"].width = 90
    used = {"About"}
    for measure in profile.measures:
        sheet = book.create_sheet(_sheet_title(measure.title, used))
        sheet.append([measure.title])
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.append([measure.question])
        sheet.append([])
        header = [measure.title]
        for group in profile.groups:
            header += [f"{group.label}: number", f"{group.label}: %"]
        sheet.append(header)
        for cell in sheet[4]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in measure.rows:
            values: list[Any] = [row.label]
            for group in profile.groups:
                cell = row.cells[group.key]
                values += [_value(cell), cell.percent if cell.percent is not None else ""]
            sheet.append(values)
        sheet.append([])
        sheet.append([measure.finding])
        sheet.column_dimensions["A"].width = 46
        for letter in "BCDEFG":
            sheet.column_dimensions[letter].width = 18
    book.save(path)


def _value(cell: Any) -> int | str:
    return cell.count if cell.count is not None else cell.shown


def write_profile(out_dir: Path, document: dict[str, Any]) -> list[Path]:
    """All the profile's files in ``out_dir``; the document is validated as a reader would."""
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    profile = read_profile(text)  # what is written is what a reader accepts
    out_dir.mkdir(parents=True, exist_ok=True)
    charts = out_dir / "charts"
    charts.mkdir(exist_ok=True)
    written = [out_dir / name for name in OUTPUT_FILES]
    written[0].write_text(text, "utf-8")
    written[1].write_text(profile_markdown(profile), "utf-8")
    profile_workbook(profile, written[2])
    for key, svg in chart_svgs(profile).items():
        path = charts / f"{key}.svg"
        path.write_text(svg, "utf-8")
        written.append(path)
    return written
