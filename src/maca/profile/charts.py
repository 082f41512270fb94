"""One chart per measure, drawn from the published cells (a validated profile, never raw counts).

The briefing's charts (``maca.briefing.charts``) draw them: horizontal bars, one colour per group,
the percentage of the group's children on each bar; a small or withheld cell has no bar and reads
"fewer than 5" or "withheld". The SVG carries a ``<title>`` and ``<desc>`` (the finding in words),
and the table behind each chart is the measure's rows (``profile.md``, ``profile.xlsx``, the page).
The web app draws from a validated ``profile.json`` (``maca.profile.reader``) rather than serving
an uploaded SVG.
"""

from __future__ import annotations

from maca.briefing.charts import Figure, Series
from maca.profile.reader import CohortProfile, ProfileMeasure

GROUP_COLOURS = ("#1d5d90", "#00703c", "#5b2b82")  # dark blue, green, purple (3:1 on white)


def measure_figure(profile: CohortProfile, measure: ProfileMeasure) -> Figure:
    series = []
    for group, colour in zip(profile.groups, GROUP_COLOURS, strict=True):
        cells = [row.cells[group.key] for row in measure.rows]
        series.append(
            Series(
                name=group.label,
                colour=colour,
                values=[c.percent or 0.0 for c in cells],
                shown=[c.status == "shown" for c in cells],
                texts=[c.percent_shown if c.status == "shown" else c.shown for c in cells],
            )
        )
    return Figure(
        key=f"profile-{measure.key}",
        title=measure.chart_title,
        label_header=measure.title,
        labels=[row.label for row in measure.rows],
        series=series,
        cells=[[row.cells[g.key].shown for g in profile.groups] for row in measure.rows],
        summary=measure.chart_description,
        horizontal=True,
        value_axis="Percentage of the group's children",
        row_height=0.62,
        integer_values=True,
        legend_above=True,
    )


def chart_svgs(profile: CohortProfile) -> dict[str, str]:
    """``{measure key: svg}`` for every measure of the profile."""
    return {m.key: measure_figure(profile, m).svg() for m in profile.measures}
