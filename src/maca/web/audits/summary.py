"""The findings summary of an audit: cases per theme (strengths vs learning), per agency,
evidence excerpts, family voice, and its pseudonymised CSV/XLSX exports.

Its readers include board readers, and its files leave the audit team: every piece of free text
goes through ``shown`` (``briefings.guard.BoardGuard.shown``), which gives the text only when it
was checked and confirmed as read, and "Withheld: …" otherwise."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Callable

from openpyxl import Workbook

from .models import Audit, Finding

EXCERPT = 240
BAR_WIDTH = 300


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


Shown = Callable[[str], str]


def theme_rows(findings: list[Finding], shown: Shown) -> list[dict]:
    """Per theme: the number of distinct cases with a strength / an area for learning."""
    strengths: dict[str, set] = defaultdict(set)
    learning: dict[str, set] = defaultdict(set)
    excerpts: dict[str, list] = defaultdict(list)
    for finding in findings:
        for theme in finding.themes.all():
            if finding.kind == Finding.Kind.STRENGTH:
                strengths[theme.name].add(finding.case_id)
            elif finding.kind == Finding.Kind.AREA_FOR_LEARNING:
                learning[theme.name].add(finding.case_id)
            excerpts[theme.name].append(finding)
    names = sorted(excerpts, key=lambda n: (-(len(strengths[n]) + len(learning[n])), n))
    most = max([len(strengths[n]) for n in names] + [len(learning[n]) for n in names] + [1])
    return [
        {
            "theme": name,
            "strengths": len(strengths[name]),
            "learning": len(learning[name]),
            "strength_bar": round(BAR_WIDTH * len(strengths[name]) / most),
            "learning_bar": round(BAR_WIDTH * len(learning[name]) / most),
            "excerpts": [
                {
                    "case_ref": f.case.case_ref,
                    "kind": f.get_kind_display(),
                    "text": _excerpt(shown(f.text)),
                }
                for f in excerpts[name][:3]
            ],
        }
        for name in names
    ]


def agency_rows(findings: list[Finding]) -> list[dict]:
    """Per agency concerned: findings by kind. A finding naming no agency is multi-agency."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for finding in findings:
        names = [a.name for a in finding.agencies.all()] or ["All agencies (multi-agency)"]
        for name in names:
            counts[name][finding.kind] += 1
    return [
        {
            "agency": name,
            "strengths": kinds[Finding.Kind.STRENGTH],
            "learning": kinds[Finding.Kind.AREA_FOR_LEARNING],
            "recommendations": kinds[Finding.Kind.RECOMMENDATION],
        }
        for name, kinds in sorted(counts.items())
    ]


def chart_layout(rows: list[dict]) -> dict:
    """Geometry of the server-rendered SVG bar chart (two bars per theme)."""
    label_width, row_height = 340, 44
    bars = []
    for index, row in enumerate(rows):
        top = 30 + index * row_height
        bars.append({**row, "y": top, "y2": top + 18, "text_y": top + 15, "label_y": top + 22})
    return {
        "bars": bars,
        "label_width": label_width,
        "bar_x": label_width + 10,
        "width": label_width + 10 + BAR_WIDTH + 40,
        "height": 40 + len(rows) * row_height,
    }


EXPORT_COLUMNS = [
    "audit",
    "case_ref",
    "family_ref",
    "kind",
    "themes",
    "agencies",
    "grade",
    "finding",
    "dissent",
    "recorded_on",
]


def export_rows(audit: Audit, findings: list[Finding], shown: Shown) -> list[list[str]]:
    """Pseudonymised: case and family references only, never a person id; free text only as
    ``shown`` allows."""
    return [
        [
            audit.trail_ref,
            f.case.case_ref,
            f.case.family_ref,
            f.get_kind_display(),
            "; ".join(t.name for t in f.themes.all()),
            "; ".join(a.name for a in f.agencies.all()) or "All agencies",
            f.get_grade_display() if f.grade else "",
            shown(f.text),
            shown(f.dissent),
            f.recorded_at.date().isoformat(),
        ]
        for f in findings
    ]


def _safe_cell(value: str) -> str:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def as_csv(audit: Audit, findings: list[Finding], shown: Shown) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for row in export_rows(audit, findings, shown):
        writer.writerow([_safe_cell(v) for v in row])
    return out.getvalue()


def as_xlsx(audit: Audit, findings: list[Finding], voices, shown: Shown) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Findings"
    sheet.append(EXPORT_COLUMNS)
    for row in export_rows(audit, findings, shown):
        sheet.append([_safe_cell(v) for v in row])
    theme_sheet = book.create_sheet("Themes")
    theme_sheet.append(["theme", "cases_with_strengths", "cases_with_learning"])
    for theme in theme_rows(findings, shown):
        theme_sheet.append([theme["theme"], theme["strengths"], theme["learning"]])
    family = book.create_sheet("Family voice")
    family.append(["role", "case_ref", "quote"])
    for voice in voices:
        family.append(
            [
                _safe_cell(shown(voice.role)),
                voice.case.case_ref if voice.case else "",
                _safe_cell(shown(voice.quote)),
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
