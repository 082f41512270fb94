"""Where each chunk of records goes: SSD CSVs, or national returns plus the SSD tables that no
national return carries."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from maca.synth import returns
from maca.synth.days import collection_bounds, collection_year
from maca.synth.faults import SSD_FAULTS, SSDA903_FAULTS, FaultLog, xml_fault_child
from maca.synth.frames import Frames, length, take
from maca.synth.scale import Window
from maca.synth.sink import Sinks
from maca.synth.ssd import ssd_tables

NO_RETURN_TABLES = (
    "ssd_family",
    "ssd_mother",
    "ssd_address",
    "ssd_contacts",
    "ssd_early_help_episodes",
)


class SsdWriter:
    """``ssd_<table>.csv`` for every SSD table (police rows are collected and written last)."""

    def __init__(self, folder: Path, faults: FaultLog | None):
        self.sinks = Sinks(folder)
        self.faults = faults
        self.first_chunk = True

    def write_tables(self, frames: Frames, only: tuple[str, ...] | None = None) -> None:
        for table, frame in ssd_tables(frames).items():
            if table == "police_protection" or (only is not None and table not in only):
                continue
            sink = self.sinks.get(f"{table}.csv", list(frame.columns))
            if self.faults is not None and self.first_chunk:
                frame = self.faults.append_faults(
                    frame, table, sink.path.name, sink.next_row_number(), SSD_FAULTS
                )
            sink.write(frame)

    def write(self, frames: Frames) -> None:
        self.write_tables(frames)
        self.first_chunk = False

    def close(self) -> None:
        self.sinks.close()


class ReturnsWriter(SsdWriter):
    """SSDA903 and CIN census per collection year; family, mother, address, contacts and early
    help as SSD tables; plus, as SSD rows, the persons no return describes and the other-LA child
    protection plans (no return carries either)."""

    def __init__(self, folder: Path, faults: FaultLog | None, window: Window):
        super().__init__(folder, faults)
        self.window = window
        self.years = list(
            range(collection_year(window.first_day), collection_year(window.extract_day) + 1)
        )
        self.census = {
            y: returns.CinCensusFile(folder / f"cin_census_{y}.xml", y, window.home_la)
            for y in self.years
        }

    def write(self, frames: Frames) -> None:
        extra = dict(frames)
        extra["person"] = take(
            frames["person"],
            returns.people_without_return(frames, collection_bounds(self.years[-1])[1]),
        )
        cp = frames.get("cp")
        extra["cp"] = take(cp, cp["ola"].astype(bool)) if cp and length(cp) else {}
        self.write_tables(extra, only=(*NO_RETURN_TABLES, "ssd_person", "ssd_cp_plans"))
        for year in self.years:
            self._write_903(frames, year)
            census = self.census[year]
            census.write_children(returns.cin_children(frames, year, census.old_schema))
            if self.faults is not None and self.first_chunk and year == self.years[0]:
                self._xml_faults(census, self.faults)
        self.first_chunk = False

    def _write_903(self, frames: Frames, year: int) -> None:
        header, episodes = returns.ssda903(frames, year)
        for stem, frame, columns in (
            ("ssda903_header", header, returns.HEADER_COLUMNS),
            ("ssda903_episodes", episodes, returns.EPISODE_COLUMNS),
        ):
            sink = self.sinks.get(f"{stem}_{year}.csv", columns)
            if self.faults is not None and self.first_chunk and year == self.years[0]:
                frame = self.faults.append_faults(
                    frame, stem, sink.path.name, sink.next_row_number(), SSDA903_FAULTS
                )
            sink.write(frame)

    def _xml_faults(self, census: returns.CinCensusFile, log: FaultLog) -> None:
        block, found = xml_fault_child(log.fresh(), census.year)
        start = census.line + 1
        census.write_children([block])
        name = f"cin_census_{census.year}.xml"
        for offset, column, value, fault in found:
            log.add_xml(name, start + offset, column, value, fault)

    def close(self) -> None:
        super().close()
        for census in self.census.values():
            census.close()


def sort_police(police: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """A police log is chronological."""
    order = np.lexsort((police["ref"].astype(str), police["start"]))
    return {c: v[order] for c, v in police.items()}
