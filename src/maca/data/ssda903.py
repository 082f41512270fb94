"""SSDA903 (children looked after) returns: Header and Episodes CSVs, and the XML export.

Header rows become ``ssd_person``; Episodes rows become ``ssd_cla_episodes`` carrying their legal
status (``LS``), from which ``maca.data.store`` builds ``ssd_legal_status`` spells. An episode has
no id in the return: its id is ``CHILD/DECOM`` (ISO date), stable across years' returns.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from maca.data.loading import Loading, RecordSink, is_empty
from maca.data.records import SPECS, episode_spec
from maca.data.report import FileReport
from maca.data.ssd_csv import read_csv_file
from maca.data.xml_records import first, reject_broken_tail, texts

HEADER_COLUMNS = {"CHILD": "pers_person_id", "SEX": "pers_sex", "DOB": "pers_dob"}
HEADER_UNUSED = frozenset({"ETHNIC", "UPN", "MOTHER", "MC_DOB"})

EPISODE_COLUMNS = {
    "CHILD": "clae_person_id",
    "DECOM": "clae_cla_episode_start_date",
    "RNE": "clae_cla_episode_start_reason",
    "LS": "lega_legal_status",
    "DEC": "clae_cla_episode_ceased_date",
    "REC": "clae_cla_episode_ceased_reason",
}
EPISODE_UNUSED = frozenset(
    {"CIN", "PLACE", "PLACE_PROVIDER", "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"}
)
EPISODE_ID_LABEL = {"clae_cla_episode_id": "CHILD+DECOM"}


def read_903_header(loading: Loading, path: Path) -> FileReport:
    return read_csv_file(
        loading,
        path,
        "ssd_person",
        SPECS["ssd_person"],
        _mapper(loading, path, HEADER_COLUMNS),
        HEADER_UNUSED,
    )


def read_903_episodes(loading: Loading, path: Path) -> FileReport:
    return read_csv_file(
        loading,
        path,
        "ssd_cla_episodes",
        episode_spec(),
        _mapper(loading, path, EPISODE_COLUMNS),
        EPISODE_UNUSED,
    )


def _mapper(loading: Loading, path: Path, columns: dict[str, str]):
    renames = {k.strip().upper(): v for k, v in loading.sources.for_file(path.name).columns.items()}
    targets = set(columns.values())

    def field_for(name: str) -> str | None:
        name = renames.get(name.upper(), name)
        return columns.get(name.strip().upper()) or (name if name in targets else None)

    return field_for


# --- XML -------------------------------------------------------------------------------------

XML_HEADER = {"CHILDID": "pers_person_id", "SEX": "pers_sex", "DOB": "pers_dob"}
XML_EPISODE = {k: v for k, v in EPISODE_COLUMNS.items() if k != "CHILD"}


def read_903_xml(loading: Loading, path: Path) -> FileReport:
    """Stream ``<CHILD>`` blocks: one person per child, one CLA episode per ``<EPISODE>``."""
    report = FileReport(path.name, "ssd_person")
    if is_empty(path):
        report.notes.append("empty file: no records")
        return report
    people = RecordSink(loading, [f.name for f in SPECS["ssd_person"].fields])
    episodes = RecordSink(loading, [f.name for f in episode_spec().fields])
    broken = _parse(path, people, episodes)
    labels = {v: k for k, v in XML_HEADER.items()}
    counts = loading.judge_into_store(
        people.stage(path.name), SPECS["ssd_person"], loading.reading(path.name, labels)
    )
    episode_labels = {**{v: k for k, v in EPISODE_COLUMNS.items()}, **EPISODE_ID_LABEL}
    episode_counts = loading.judge_into_store(
        episodes.stage(path.name),
        episode_spec(),
        loading.reading(path.name, episode_labels, xml_lines=True),
    )
    report.count(counts)
    report.records["ssd_cla_episodes"] = episode_counts
    if broken:
        reject_broken_tail(loading, report, path.name, broken)
    return report


def _parse(path: Path, people: RecordSink, episodes: RecordSink) -> tuple[int, str] | None:
    try:
        for _, child in etree.iterparse(
            str(path), events=("end",), tag="{*}CHILD", resolve_entities=False, no_network=True
        ):
            _child(child, people, episodes)
            child.clear(keep_tail=False)
            while child.getprevious() is not None:
                del child.getparent()[0]
    except etree.XMLSyntaxError as error:
        line = error.lineno or 1
        return line, str(error.msg).strip() if error.msg else "not well-formed XML"
    except OSError as error:
        return 1, str(error)
    return None


def _child(child, people: RecordSink, episodes: RecordSink) -> None:
    header = first(child, "HEADER")
    values, lines = ({}, {}) if header is None else texts(header, XML_HEADER)
    people.add((header if header is not None else child).sourceline or 1, values, lines)
    child_id = values.get("pers_person_id")
    for episode in child.iterfind("{*}EPISODE"):
        row, lines = texts(episode, XML_EPISODE)
        row["clae_person_id"] = child_id
        episodes.add(episode.sourceline or 1, row, lines)
