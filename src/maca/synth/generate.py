"""``maca synth``: the whole run, chunk by chunk, then the planted scenarios, the police log and
the truth."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from maca.problems import Problem
from maca.synth import frames as fr
from maca.synth.faults import SSD_FAULTS, FaultLog
from maca.synth.planted import Plan, plant_all
from maca.synth.population import background_chunk, police_reasons
from maca.synth.scale import CHUNK_FAMILIES, SCALES, make_window
from maca.synth.sink import CsvSink
from maca.synth.ssd import police as police_frame
from maca.synth.truth import write_truth
from maca.synth.writers import ReturnsWriter, SsdWriter, sort_police

FORMATS = ("ssd", "returns")
DEFAULT_PERIOD = (dt.date(2023, 9, 1), dt.date(2023, 12, 31))


class SynthProblem(Problem, ValueError):
    """A request the generator cannot honour (bad scale, format, period or folder)."""


@dataclass
class SynthResult:
    out: Path
    rows: dict[str, int] = field(default_factory=dict)
    scope: dict = field(default_factory=dict)
    faults: int = 0
    seconds: float = 0.0

    @property
    def people(self) -> int:
        return self.rows.get("person", 0)

    @property
    def csc_records(self) -> int:
        """Contacts, early help, CIN episodes, CP plans, CLA episodes and legal statuses (one
        legal status row per CLA episode)."""
        kinds = ("contact", "early_help", "cin", "cp", "cla", "cla")
        return sum(self.rows.get(k, 0) for k in kinds)


def generate(
    out: Path,
    scale: str = "la",
    seed: int = 1,
    fmt: str = "ssd",
    faults: bool = False,
    period_from: dt.date = DEFAULT_PERIOD[0],
    period_to: dt.date = DEFAULT_PERIOD[1],
    home_la: str = "840",
    families: int | None = None,
    progress=None,
) -> SynthResult:
    """Write a synthetic partnership dataset and its planted truth into ``out``.

    ``families`` overrides the scale's number of background families (small test datasets).
    ``progress(done, total)`` is called after each chunk.
    """
    started = time.perf_counter()
    window = _checked_window(scale, fmt, period_from, period_to, home_la)
    out = _empty_folder(Path(out))
    spec = SCALES[scale]
    total = spec.families if families is None else families
    log = FaultLog() if faults else None
    writer = ReturnsWriter(out, log, window) if fmt == "returns" else SsdWriter(out, log)
    result = SynthResult(out)
    police_parts, reasons = [], []
    chunks = max(1, -(-total // CHUNK_FAMILIES))
    for index in range(chunks):
        n = min(CHUNK_FAMILIES, total - index * CHUNK_FAMILIES)
        chunk, chunk_reasons = background_chunk(seed, index, n, spec, window)
        _count(result, chunk)
        writer.write(chunk)
        police_parts.append(chunk["police"])
        reasons.append(chunk_reasons)
        if progress:
            progress(index + 1, chunks)
    plan = Plan(window)
    plant_all(plan, np.random.default_rng([seed, 7_000_001]), spec.planted_repeats)
    planted = plan.frames()
    _count(result, planted)
    writer.write(planted)
    writer.close()
    police = sort_police(fr.concat([*police_parts, planted["police"]]))
    _write_police(out, police, log)
    (out / "sources.yaml").write_text(
        f'# synthetic partnership data written by maca synth\nhome_la: "{home_la}"\n'
        "date_format: auto\n",
        encoding="utf-8",
    )
    params = {
        "scale": scale,
        "seed": seed,
        "format": fmt,
        "home_la": home_la,
        "faults": faults,
        "background_families": total,
    }
    background = fr.concat(reasons) or police_reasons(fr.from_rows("police", []))
    result.scope = write_truth(out / "truth", plan, background, window, params)
    if log is not None:
        log.frame().to_csv(out / "truth" / "faults.csv", index=False, lineterminator="\n")
        result.faults = len(log.rows)
    result.seconds = time.perf_counter() - started
    return result


def _checked_window(scale: str, fmt: str, period_from, period_to, home_la: str):
    if scale not in SCALES:
        raise SynthProblem(f"unknown scale {scale!r}: use one of {', '.join(SCALES)}")
    if fmt not in FORMATS:
        raise SynthProblem(f"unknown format {fmt!r}: use ssd or returns")
    if not (len(home_la) == 3 and home_la.isdigit()):
        raise SynthProblem(f"home LA {home_la!r} is not a three-digit LA code (e.g. 840)")
    try:
        return make_window(period_from, period_to, home_la)
    except ValueError as problem:
        raise SynthProblem(str(problem)) from None


def _empty_folder(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise SynthProblem(f"{out} is a file: give a new or empty folder")
    if out.exists() and any(out.iterdir()):
        raise SynthProblem(f"{out} is not empty: give a new or empty folder")
    out.mkdir(parents=True, exist_ok=True)
    return out


def _count(result: SynthResult, chunk: fr.Frames) -> None:
    for name, table in chunk.items():
        if table:
            result.rows[name] = result.rows.get(name, 0) + fr.length(table)


def _write_police(out: Path, police: dict[str, np.ndarray], log: FaultLog | None) -> None:
    frame = police_frame(police)
    sink = CsvSink(out / "police_protection.csv", list(frame.columns))
    if log is not None:
        frame = log.append_faults(
            frame, "police_protection", sink.path.name, sink.next_row_number(), SSD_FAULTS
        )
    sink.write(frame)
    sink.close()
