"""The ``maca`` command line: one Typer app, one sub-command per step of the audit.

Each command is a thin shell over a function of the data core (or, for ``serve``, the web app):
it parses options, turns expected failures into one readable line and exit code 2, and never
shows a traceback.
"""

from __future__ import annotations

import sys
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


from pathlib import Path  # noqa: E402 - beside `maca audit` so that branches merge cleanly

audit_app = typer.Typer(help="Run an audit from the command line.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("load")
def audit_load(
    audit_id: Annotated[int, typer.Argument(help="The audit's number (A12 → 12).")],
    cohort_csv: Annotated[Path, typer.Argument(help="cohort.csv from `maca cohort`.")],
    key: Annotated[Path | None, typer.Option("--key", help="key.csv: person ids.")] = None,
    by: Annotated[str, typer.Option("--by", help="Username recorded in the trail.")] = "",
) -> None:
    """Load a cohort into an audit as cases (and, with --key, their person ids)."""
    from maca.web.serve import setup_django

    setup_django()
    from maca.web.audits.loading import LoadProblem, load_from_files

    try:
        result = load_from_files(audit_id, cohort_csv, key, by)
    except LoadProblem as problem:
        raise fail(str(problem)) from None
    typer.echo(
        f"{result.created} cases loaded into audit A{audit_id}"
        + (f"; person ids added for {result.identified}" if key else "")
    )


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
