"""The ``maca`` command line: one Typer app, one sub-command per step of the audit.

Each command is a thin shell over a function of the data core (or, for ``serve``, the web app):
it parses options, turns expected failures into one readable line and exit code 2, and never
shows a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from maca import __version__

app = typer.Typer(
    name="maca",
    help="maca: the multi-agency case audit workbench for safeguarding children partnerships.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class UsageProblem(Exception):
    """An expected failure the user can fix: printed as one line, exit code 2."""


def fail(message: str) -> typer.Exit:
    typer.echo(f"maca: {message}", err=True)
    return typer.Exit(code=2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"maca {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """maca: the multi-agency case audit workbench."""


@app.command()
def ingest(
    data_dir: Annotated[Path, typer.Argument(help="The folder of data files to read.")],
    store: Annotated[Path, typer.Option(help="The canonical store (DuckDB file) to build.")],
    report: Annotated[
        Path, typer.Option(help="Folder for load_report.json, rejects.csv, warnings.csv.")
    ],
) -> None:
    """Read a data folder (SSD CSVs, police log, SSDA903, CIN census) into the store."""
    from maca.data.errors import DataFolderError
    from maca.data.ingest import ingest_folder
    from maca.data.summary import print_summary

    try:
        result = ingest_folder(data_dir, store, report, progress=sys.stderr.isatty())
    except DataFolderError as problem:
        raise fail(str(problem)) from None
    print_summary(result, report)


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8000,
    threads: Annotated[int, typer.Option(help="Worker threads.")] = 4,
) -> None:
    """Apply pending migrations and serve the web app on http://127.0.0.1:PORT."""
    from maca.web.serve import run_server

    run_server(port=port, threads=threads)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage(ctx: typer.Context) -> None:
    """Run a Django management command (e.g. `maca manage createsuperuser`)."""
    from maca.web.serve import manage as run_manage

    run_manage(list(ctx.args))


def main() -> None:
    """Entry point: run the app; any unexpected error becomes one line, never a traceback."""
    try:
        app()
    except UsageProblem as problem:
        typer.echo(f"maca: {problem}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - the last line of defence for users
        typer.echo(
            f"maca: unexpected error ({type(error).__name__}); nothing was changed. "
            "Run with MACA_DEBUG=1 to see details.",
            err=True,
        )
        import os

        if os.environ.get("MACA_DEBUG"):
            raise
        sys.exit(1)

