"""The one exception a caller of ``ingest_folder`` has to expect."""

from __future__ import annotations

from maca.problems import Problem


class DataFolderError(Problem):
    """The data folder, a file in it, or ``sources.yaml`` cannot be read at all.

    Problems inside a readable file are never raised: they become rejects or warnings.
    The message is one readable line naming the file.
    """


def cannot_write(error: BaseException) -> DataFolderError:
    """The one line for a store or report that cannot be written (a full disk, a folder in the
    way), whichever step found it."""
    text = str(error).strip()
    message = text.splitlines()[0] if text else type(error).__name__
    return DataFolderError(f"cannot write the store or the report ({message})")
