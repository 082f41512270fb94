"""The one exception a caller of ``ingest_folder`` has to expect."""

from __future__ import annotations


class DataFolderError(Exception):
    """The data folder, a file in it, or ``sources.yaml`` cannot be read at all.

    Problems inside a readable file are never raised: they become rejects or warnings.
    The message is one readable line naming the file.
    """
