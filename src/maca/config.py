"""The data core's settings, read from the environment here and nowhere else in the core.

Every ``MACA_*`` variable is listed in docs/settings.md (a test checks it); the web app's are
read in ``maca.web.settings``. Read when asked, not at import, so a process can set them first.
"""

from __future__ import annotations

import os


def debug() -> bool:
    """``MACA_DEBUG=1``: unexpected errors show their traceback (CLI) and Django's debug pages."""
    return os.environ.get("MACA_DEBUG") == "1"


def memory_limit() -> str:
    """``MACA_MEMORY_LIMIT``: DuckDB's memory limit while ingesting (it spills to disk beyond)."""
    return os.environ.get("MACA_MEMORY_LIMIT", "2GB")
