"""The ``maca`` command line: one Typer app, one sub-command per step of the audit.

Each command is a thin shell over a function of the data core (or, for ``serve``, the web app):
it parses options and calls it. Every expected failure is a :class:`maca.problems.Problem`, which
the app turns into one readable line and exit code 2, once for all commands; nothing shows a
traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from maca import __version__
from maca.problems import Problem


def fail(message: str) -> typer.Exit:
    typer.echo(f"maca: {message}", err=True)
    return typer.Exit(code=2)


class _ProblemsInOneLine(TyperGroup):
    """Any command's :class:`Problem` is its message on stderr and exit code 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except Problem as problem:
            raise fail(str(problem)) from None


app = typer.Typer(
    cls=_ProblemsInOneLine,
    name="maca",
    help="maca: the multi-agency case audit workbench for safeguarding children partnerships.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


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
    from maca.data.ingest import ingest_folder
    from maca.data.summary import print_summary

    result = ingest_folder(data_dir, store, report, progress=sys.stderr.isatty())
    print_summary(result, report)


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1 (development server).")] = 8000,
    threads: Annotated[
        int | None, typer.Option(help="Threads (per worker with --production).")
    ] = None,
    production: Annotated[
        bool,
        typer.Option(
            "--production", help="gunicorn under production settings (docs/production.md)."
        ),
    ] = False,
    bind: Annotated[
        str | None, typer.Option(help="With --production: address:port (MACA_BIND).")
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="With --production: worker processes (MACA_WORKERS).")
    ] = None,
) -> None:
    """Apply pending migrations and serve the web app (http://127.0.0.1:PORT by default)."""
    if production:
        from maca.web.serve import run_production

        run_production(bind=bind, workers=workers, threads=threads)
        return
    from maca.web.serve import run_server

    run_server(port=port, threads=threads or 4)


@app.command()
def cohort(
    data_dir: Annotated[
        Path | None, typer.Argument(help="Folder of input files (shared/spec/data-contract.md).")
    ] = None,
    period_from: Annotated[str, typer.Option("--from", help="First day, e.g. 2023-09-01.")] = "",
    period_to: Annotated[str, typer.Option("--to", help="Last day, e.g. 2023-12-31.")] = "",
    out: Annotated[Path, typer.Option("--out", help="Folder for the cohort files.")] = Path(
        "cohort"
    ),
    home_la: Annotated[
        str | None, typer.Option("--home-la", help="The partnership's LA code, e.g. 840.")
    ] = None,
    pseudonymise: Annotated[
        bool, typer.Option("--pseudonymise", help="Person ids only in a separate key.csv.")
    ] = False,
    store: Annotated[
        Path | None, typer.Option("--store", help="An already-ingested canonical store.")
    ] = None,
) -> None:
    """Find the children removed by police protection while unknown to CSC (cohort.md)."""
    from maca.cohort.command import cohort_command

    if not period_from or not period_to:
        raise fail("give the audit period: --from DATE --to DATE")
    outcome = cohort_command(data_dir, store, out, (period_from, period_to), home_la, pseudonymise)
    scope = outcome.scope
    typer.echo(
        f"{scope['children']} children ({scope['families']} families), "
        f"{scope['in_first_1001_days']} within the first 1001 days; "
        f"{sum(scope['excluded'].values())} exclusions. Written to {out}/"
    )


@app.command()
def profile(
    data_dir: Annotated[
        Path | None, typer.Argument(help="Folder of input files, read as `maca cohort` reads it.")
    ] = None,
    store: Annotated[
        Path | None, typer.Option("--store", help="An already-ingested canonical store.")
    ] = None,
    cohort_dir: Annotated[
        Path | None,
        typer.Option("--cohort", help="The folder `maca cohort` wrote: its parameters are used."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for the profile files.")] = Path(
        "profile"
    ),
    period_from: Annotated[str, typer.Option("--from", help="Without --cohort: first day.")] = "",
    period_to: Annotated[str, typer.Option("--to", help="Without --cohort: last day.")] = "",
    home_la: Annotated[
        str | None, typer.Option("--home-la", help="Without --cohort: the partnership's LA code.")
    ] = None,
    small_number: Annotated[
        int, typer.Option("--small-number", help="Counts below this read 'fewer than N'.")
    ] = 5,
) -> None:
    """Profile the cohort: who the children were and what was known, beside those open to CSC."""
    from maca.profile.command import profile_command

    outcome = profile_command(
        data_dir, store, cohort_dir, out, (period_from, period_to), home_la, small_number
    )
    groups = outcome.document["groups"]
    typer.echo(
        "Profile of "
        + ", ".join(f"{g['children']['shown']} {g['short']}" for g in groups)
        + f". Written to {out}/ (profile.json, profile.md, profile.xlsx, charts/)"
    )


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def manage(ctx: typer.Context) -> None:
    """Run a Django management command (e.g. `maca manage createsuperuser`)."""
    from maca.web.serve import manage as run_manage

    run_manage(list(ctx.args))


@app.command()
def briefing(
    out: Annotated[Path, typer.Option("--out", help="Folder for the four files.")],
    input_file: Annotated[
        Path | None,
        typer.Option("--input", help="The briefing's input JSON (see maca/briefing/examples)."),
    ] = None,
    audit: Annotated[
        int | None, typer.Option("--audit", help="Build from this audit (A12 → 12) instead.")
    ] = None,
    identifiers: Annotated[
        Path | None,
        typer.Option(help="Names and identifiers from the store to check for, one a line."),
    ] = None,
    draft: Annotated[
        bool, typer.Option("--draft", help="Draft preview: write even if the check finds problems.")
    ] = False,
    by: Annotated[
        str,
        typer.Option(
            "--by", help="Who publishes (kept with the version); with --audit, a username."
        ),
    ] = "",
) -> None:
    """Write the briefing as HTML, PDF, Word and a 7-minute briefing; refuse if it identifies."""
    if (input_file is None) == (audit is None):
        raise fail("give either --input BRIEFING.json or --audit ID")
    if audit is not None:
        from maca.web.briefings.commands import briefing_for_audit

        typer.echo(briefing_for_audit(audit, out, draft=draft, by=by))
        return
    from maca.briefing import preview, publish
    from maca.briefing.inputs import load_briefing, load_identifiers

    assert input_file is not None
    try:
        model = load_briefing(input_file)
        known = load_identifiers(identifiers) if identifiers else set()
        if draft:
            built = preview(model, out, known)
            for line in built.report.problems():
                typer.echo(f"maca: draft only, fix before publishing: {line}", err=True)
        else:
            built = publish(model, out, known, published_by=by)
    except OSError as problem:
        raise fail(f"cannot write the briefing to {out}: {problem.strerror}") from None
    typer.echo(f"{'draft ' if draft else ''}briefing written to {built.out_dir}")


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", help="New or empty folder for the briefing.")],
    seed: Annotated[int, typer.Option(help="Seed of the synthetic data and the audit.")] = 1,
    work: Annotated[
        Path | None, typer.Option(help="Keep the data, store and cohort here (default: temp).")
    ] = None,
    configured_database: Annotated[
        bool,
        typer.Option(
            "--configured-database", help="Use the configured database, not a throwaway one."
        ),
    ] = False,
) -> None:
    """The whole pipeline on synthetic data: synth, ingest, cohort, audit, briefing."""
    from maca.web.briefings.commands import demo as run_demo

    result = run_demo(
        out, seed=seed, work=work, configured_database=configured_database,
        say=lambda step: typer.echo(f"  {step}", err=True),
    )  # fmt: skip
    typer.echo(
        f"Demo briefing written to {out} in {result.seconds:.1f}s: {result.cases} cases "
        f"(cohort by {result.pipeline}), {result.returns} returns, {result.findings} findings, "
        f"{result.voices} family views; " + ", ".join(p.name for p in result.files)
    )


@app.command()
def synth(
    out: Annotated[str, typer.Option("--out", help="New or empty folder to write into.")],
    scale: Annotated[str, typer.Option(help="la | region | national")] = "la",
    seed: Annotated[int, typer.Option(help="Same seed, same bytes.")] = 1,
    format: Annotated[str, typer.Option("--format", help="ssd | returns")] = "ssd",
    faults: Annotated[bool, typer.Option("--faults", help="Add deliberate faults.")] = False,
    period_from: Annotated[str, typer.Option("--from", help="Audit period start.")] = "2023-09-01",
    period_to: Annotated[str, typer.Option("--to", help="Audit period end.")] = "2023-12-31",
    home_la: Annotated[str, typer.Option("--home-la", help="The partnership's LA code.")] = "840",
) -> None:
    """Write synthetic partnership data in national formats, with the planted cohort truth."""
    import datetime as dt
    from pathlib import Path

    from maca.synth import generate

    try:
        start, end = dt.date.fromisoformat(period_from), dt.date.fromisoformat(period_to)
    except ValueError:
        raise fail("--from and --to must be dates like 2023-09-01") from None
    from rich.progress import Progress

    try:
        with Progress(transient=True) as bar:
            task = bar.add_task("Writing synthetic data", total=None)
            result = generate(
                Path(out), scale=scale, seed=seed, fmt=format, faults=faults,
                period_from=start, period_to=end, home_la=home_la,
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )  # fmt: skip
    except OSError as error:
        raise fail(f"cannot write to {out}: {error.strerror or error}") from None
    scope = result.scope
    typer.echo(
        f"Wrote {result.people:,} people and {result.csc_records:,} CSC records to {out} "
        f"in {result.seconds:.1f}s; planted {scope['children']} cohort children "
        f"({scope['families']} families), truth in {Path(out) / 'truth'}"
        + (f"; {result.faults} faults listed in truth/faults.csv" if faults else "")
    )


audit_app = typer.Typer(help="Run an audit from the command line.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("load")
def audit_load(
    audit_id: Annotated[int, typer.Argument(help="The audit's number (A12 → 12).")],
    cohort_csv: Annotated[Path, typer.Argument(help="cohort.csv from `maca cohort`.")],
    key: Annotated[Path | None, typer.Option("--key", help="key.csv: person ids.")] = None,
    by: Annotated[str, typer.Option("--by", help="Username recorded in the trail.")] = "",
    profile: Annotated[
        Path | None, typer.Option("--profile", help="profile.json from `maca profile`.")
    ] = None,
    exclusions: Annotated[
        Path | None,
        typer.Option("--exclusions", help="exclusions.csv from `maca cohort --pseudonymise`."),
    ] = None,
) -> None:
    """Load a cohort into an audit as cases (and, with --key, their person ids; with --profile
    and --exclusions, its cohort profile and exclusions)."""
    from maca.web.serve import setup_django

    setup_django()
    from maca.web.audits.loading import load_from_files

    result = load_from_files(
        audit_id, cohort_csv, key, by, profile_json=profile, exclusions_csv=exclusions
    )
    typer.echo(f"Audit A{audit_id}: {result.message()}")


chronology_app = typer.Typer(
    help="Merge agencies' chronologies and the council's records into family timelines.",
    no_args_is_help=True,
)
app.add_typer(chronology_app, name="chronology")


@chronology_app.command("merge")
def chronology_merge(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Agencies' files (CSV or XLSX), and system records.")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder for timeline.csv, .html and rejects.csv.")
    ] = None,
    agency: Annotated[
        list[str] | None,
        typer.Option(
            "--agency", help="Each file's agency, in the order of the files (else its file name)."
        ),
    ] = None,
    cohort: Annotated[
        Path | None,
        typer.Option("--cohort", help="The cohort folder: removal dates, families, the cases."),
    ] = None,
    gap_days: Annotated[
        int, typer.Option("--gap-days", help="Days without agency contact that make a gap.")
    ] = 90,
    xlsx: Annotated[bool, typer.Option("--xlsx", help="Also write timeline.xlsx.")] = False,
    docx: Annotated[bool, typer.Option("--docx", help="Also write timeline.docx.")] = False,
) -> None:
    """Merge chronology files into one timeline per family, with gaps, duplicates and signals."""
    from maca.chronology.command import merge_files, summary_lines, write_merge
    from maca.chronology.problems import ChronologyProblem
    from maca.chronology.timeline import Parameters

    if out is None:
        raise fail("give the folder to write to: --out DIR")
    if gap_days < 1:
        raise fail("--gap-days must be a whole number of days, 1 or more")
    try:
        result = merge_files(
            files or [], agency or [], cohort_dir=cohort, parameters=Parameters(gap_days=gap_days)
        )
        write_merge(result, out, xlsx=xlsx, docx=docx)
    except ChronologyProblem as problem:
        raise fail(str(problem)) from None
    for line in summary_lines(result):
        typer.echo(line)
    typer.echo(f"Written to {out}/: " + ", ".join(p.name for p in result.written))


@chronology_app.command("extract")
def chronology_extract(
    store: Annotated[Path | None, typer.Option("--store", help="The canonical store.")] = None,
    cohort: Annotated[
        Path | None, typer.Option("--cohort", help="The cohort folder of `maca cohort`.")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="The file to write (e.g. system-records.csv).")
    ] = None,
) -> None:
    """Write the store's CSC and police records of the cohort's families as chronology entries."""
    from maca.chronology.extract import write_extract
    from maca.chronology.problems import ChronologyProblem

    if store is None or cohort is None or out is None:
        raise fail("give --store STORE --cohort COHORT_DIR --out FILE")
    try:
        result = write_extract(store, cohort, out)
    except ChronologyProblem as problem:
        raise fail(str(problem)) from None
    except OSError as error:
        raise fail(f"cannot write {out}: {error.strerror or error}") from None
    families = len({c.family_ref for c in result.cases})
    typer.echo(
        f"{len(result.entries)} system records for {len(result.cases)} cases ({families} "
        f"families) written to {out}; merge it with its file named system-records.csv or "
        '--agency "system records"'
    )
    for note in result.notes:
        typer.echo(f"maca: note: {note}", err=True)


@chronology_app.command("template")
def chronology_template(
    out: Annotated[Path, typer.Argument(help="The template to write: a .xlsx or .csv file.")],
    agency: Annotated[str, typer.Option("--agency", help="Named on the notes sheet.")] = "",
) -> None:
    """Write the blank chronology template for agencies (XLSX with notes, or CSV)."""
    from maca.chronology.template import template_csv, template_xlsx

    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise fail(f"{out}: the template is a .xlsx or a .csv file")
    try:
        out.write_bytes(template_xlsx(agency) if suffix == ".xlsx" else template_csv())
    except OSError as error:
        raise fail(f"cannot write {out}: {error.strerror or error}") from None
    typer.echo(f"Template written to {out}")


def _django() -> None:
    from maca.web.serve import setup_django

    setup_django()


keys_app = typer.Typer(
    help="The keys of identifying fields (kept outside the database): new, rotate, status, retire.",
    no_args_is_help=True,
)
app.add_typer(keys_app, name="keys")


def _run_keys(step, *args) -> None:
    _django()
    for line in step(*args):
        typer.echo(line)


@keys_app.command("new")
def keys_new() -> None:
    """Add a new newest key (to the key file; or print one for MACA_FIELD_KEYS)."""
    from maca.web.encryption import commands

    _run_keys(commands.new)


@keys_app.command("rotate")
def keys_rotate() -> None:
    """Re-encrypt every identifying value under the newest key (idempotent, resumable)."""
    from maca.web.encryption import commands

    _run_keys(commands.rotate, lambda line: typer.echo(f"  {line}", err=True))


@keys_app.command("status")
def keys_status() -> None:
    """How many values are under each key."""
    from maca.web.encryption import commands

    _run_keys(commands.status)


@keys_app.command("retire")
def keys_retire(key_id: Annotated[str, typer.Argument(help="The key id, e.g. k1a2b3c4d.")]) -> None:
    """Remove an old key once no value is under it."""
    from maca.web.encryption import commands

    _run_keys(commands.retire, key_id)


retention_app = typer.Typer(help="Retention of identifying details.", no_args_is_help=True)
app.add_typer(retention_app, name="retention")


@retention_app.command("run")
def retention_run(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be purged; change nothing.")
    ] = False,
) -> None:
    """Purge the identifying details of audits past their retention date (safe to run daily)."""
    _django()
    from maca.web.audits import retention

    items = retention.run(dry_run=dry_run)
    verb = "would purge" if dry_run else "purged"
    if not items:
        typer.echo(f"retention: nothing to purge{' (dry run)' if dry_run else ''}")
    for item in items:
        typer.echo(f"retention: {verb} {item.line()}")


@app.command("backup")
def backup_command(
    file: Annotated[Path, typer.Argument(help="The backup file to write (encrypted).")],
) -> None:
    """Write the whole database to one encrypted file (MACA_BACKUP_KEY or its key file)."""
    _django()
    from maca.web.backup import backup

    made = backup(file)
    typer.echo(
        f"backup: {made.tables} tables written to {made.path} ({made.bytes:,} bytes, "
        f"encrypted with backup key {made.key_id})"
    )


@app.command("restore")
def restore_command(
    file: Annotated[Path, typer.Argument(help="A file `maca backup` wrote.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace a database that holds data.")
    ] = False,
) -> None:
    """Restore the database from a backup (same engine and schema version)."""
    _django()
    from maca.web.backup import restore

    restored = restore(file, force=force)
    typer.echo(
        f"restore: {restored.rows:,} rows in {restored.tables} tables restored from the backup "
        f"made at {restored.made_at}"
    )


def _stopped() -> None:
    """Ctrl-C: every command writes its results whole or not at all (a store is swapped in
    only when complete), so stopping half-way leaves what was there before."""
    typer.echo("maca: stopped (Ctrl-C); nothing was changed.", err=True)
    sys.exit(130)


def main() -> None:
    """Entry point: run the app; any unexpected error becomes one line, never a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        _stopped()
    except Exception as error:  # noqa: BLE001 - the last line of defence for users
        if isinstance(error, RuntimeError) and str(error) == "Query interrupted":
            _stopped()  # Ctrl-C while DuckDB was running a statement
        typer.echo(
            f"maca: unexpected error ({type(error).__name__}); nothing was changed. "
            "Run with MACA_DEBUG=1 to see details.",
            err=True,
        )
        from maca import config

        if config.debug():
            raise
        sys.exit(1)
