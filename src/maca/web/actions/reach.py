"""How far a briefing reached: the teams that discussed it, per agency and team, and the people
at those discussions. These count practitioners, not children: no small-number rule applies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from maca.briefing.charts import BAR_COLOUR, STRENGTH_COLOUR, Figure, Series

from .models import BriefingDiscussion


@dataclass
class TeamReach:
    agency: str
    team: str
    discussions: int
    people: int
    last_discussed: date


@dataclass
class AgencyReach:
    agency: str
    teams: int
    discussions: int
    people: int


@dataclass
class Reach:
    agencies: list[AgencyReach]
    teams: list[TeamReach]
    discussions: int
    people: int
    figure: Figure | None


def reach_of(discussions: list[BriefingDiscussion]) -> Reach:
    teams: dict[tuple[str, str], TeamReach] = {}
    for d in discussions:
        key = (d.agency.name, d.team.casefold())
        if key not in teams:
            teams[key] = TeamReach(d.agency.name, d.team, 0, 0, d.discussed_on)
        team = teams[key]
        team.discussions += 1
        team.people += d.attendees
        team.last_discussed = max(team.last_discussed, d.discussed_on)
    agencies: dict[str, AgencyReach] = {}
    for team in teams.values():
        agency = agencies.setdefault(team.agency, AgencyReach(team.agency, 0, 0, 0))
        agency.teams += 1
        agency.discussions += team.discussions
        agency.people += team.people
    by_agency = sorted(agencies.values(), key=lambda a: (-a.people, a.agency))
    return Reach(
        agencies=by_agency,
        teams=sorted(teams.values(), key=lambda t: (t.agency, t.team.casefold())),
        discussions=sum(t.discussions for t in teams.values()),
        people=sum(t.people for t in teams.values()),
        figure=_figure(by_agency) if by_agency else None,
    )


def _figure(agencies: list[AgencyReach]) -> Figure:
    top = agencies[0]
    return Figure(
        key="reach",
        title="Reach of the briefing, by agency",
        label_header="Agency",
        labels=[a.agency for a in agencies],
        series=[
            Series("Teams", STRENGTH_COLOUR, [a.teams for a in agencies], [True] * len(agencies)),
            Series("People", BAR_COLOUR, [a.people for a in agencies], [True] * len(agencies)),
        ],
        cells=[[str(a.teams), str(a.people)] for a in agencies],
        summary=(
            f"Teams that discussed the briefing and the people at those discussions, by agency: "
            f"{top.agency} reached the most people ({top.people}, in {top.teams} "
            f"team{'s' if top.teams != 1 else ''})."
        ),
        horizontal=True,
        value_axis="Number",
        row_height=0.5,
        legend_above=True,
    )
