"""The one base of every expected problem: something the user can fix, told in one line.

The command line prints ``maca: <the line>`` and exits with code 2 for any :class:`Problem`,
never a traceback (``cli.py`` catches the base once). Each part of maca names its own kind
(``DataFolderError``, ``CohortProblem``, ``SynthProblem``...) so that a caller can tell them
apart; anything else is a defect and gets the CLI's "unexpected error" line and exit code 1.
"""

from __future__ import annotations


class Problem(Exception):
    """An expected problem with the input or the request, whose message is the line to show."""
