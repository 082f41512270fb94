"""Append-only CSV files written chunk by chunk, counting rows for the row-number convention
(header = row 1, first data row = row 2)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


class CsvSink:
    def __init__(self, path: Path, columns: list[str]):
        self.path = path
        self.columns = columns
        self.rows = 0
        self._file = path.open("w", encoding="utf-8", newline="")
        self._file.write(",".join(columns) + "\n")

    def write(self, frame: pd.DataFrame) -> None:
        if len(frame):
            frame[self.columns].to_csv(self._file, header=False, index=False, lineterminator="\n")
            self.rows += len(frame)

    def next_row_number(self) -> int:
        """The spreadsheet row number the next data row will have."""
        return self.rows + 2

    def close(self) -> None:
        self._file.close()


class Sinks:
    """One sink per output file, opened on first use, all closed together."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.open: dict[str, CsvSink] = {}

    def get(self, name: str, columns: list[str]) -> CsvSink:
        if name not in self.open:
            self.open[name] = CsvSink(self.folder / name, columns)
        return self.open[name]

    def close(self) -> None:
        for sink in self.open.values():
            sink.close()
