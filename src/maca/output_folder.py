"""Files written whole or not at all: a folder of outputs is built beside its place and moved in.

A full disk (or a crash) half-way through writing a briefing must not leave a folder of which
some files are new, some old and one cut short. The files are written into a staging folder on
the same file system; only when every one is complete do they move into place, each move a
rename (so each file is the old one or the whole new one), and a staging folder that failed is
removed. No Django here: the command line and the web app both use it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def written_whole(out_dir: Path) -> Iterator[Path]:
    """Yield a staging folder; when the block ends, its files replace those in ``out_dir``."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.partial-", dir=out_dir.parent))
    try:
        yield staging
        if not out_dir.exists():
            os.replace(staging, out_dir)
            return
        for path in sorted(staging.iterdir()):
            os.replace(path, out_dir / path.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
