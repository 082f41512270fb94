"""Reading dates as councils write them, in SQL so that millions of rows stay fast.

``auto`` accepts ISO ``YYYY-MM-DD`` (a time after it, as spreadsheets export it, is dropped), the UK
``dd/mm/YYYY`` and, with a warning, an Excel serial day number. It never guesses ``mm/dd``:
a file written that way needs ``date_format`` in sources.yaml, and its dates otherwise fail
with a reason saying so. Dates before 1900 or after 2099 are rejected as impossible.
"""

from __future__ import annotations

EARLIEST, LATEST = "1900-01-01", "2099-12-31"

_ISO = r"\d{4}-\d\d?-\d\d?"
_UK = r"\d\d?/\d\d?/\d{4}"
_EXCEL = r"[1-9]\d{4}(\.0+)?"

MACROS = [
    f"""CREATE OR REPLACE TEMP MACRO maca_excel_date(r) AS
        CASE WHEN regexp_full_match(r, '{_EXCEL}') AND try_cast(r AS DOUBLE) BETWEEN 20000 AND 80000
        THEN DATE '1899-12-30' + CAST(floor(try_cast(r AS DOUBLE)) AS INTEGER) END""",
    # One cheap test picks the one format to try: a format list, or a cast after a failed
    # strptime, is several times slower on national files. try_strptime would read "1/2/23" as
    # the year 23: such dates fail the range check and get the two-digit-year reason there.
    """CREATE OR REPLACE TEMP MACRO maca_date_auto(r) AS coalesce(
        CASE WHEN contains(r, '/') THEN try_strptime(r, '%d/%m/%Y')::DATE
        ELSE try_cast(r AS DATE) END,
        maca_excel_date(r))""",
    f"""CREATE OR REPLACE TEMP MACRO maca_is_excel(r) AS regexp_full_match(r, '{_EXCEL}')""",
    """CREATE OR REPLACE TEMP MACRO maca_date_fmt(r, fmt) AS try_strptime(r, fmt)::DATE""",
    """CREATE OR REPLACE TEMP MACRO maca_timestamp(r) AS CASE
        WHEN NOT contains(r, ':') THEN NULL
        WHEN contains(r, '/') THEN try_strptime(r, ['%d/%m/%Y %H:%M', '%d/%m/%Y %H:%M:%S'])
        ELSE try_cast(r AS TIMESTAMP) END""",
    f"""CREATE OR REPLACE TEMP MACRO maca_date_problem(r) AS CASE
        WHEN regexp_full_match(r, '\\d\\d?/(1[3-9]|[2-9]\\d)/\\d{{4}}') THEN
            'not a dd/mm/YYYY date (month above 12); if the file writes dates as mm/dd/YYYY, '
            || 'set date_format: "%m/%d/%Y" for it in sources.yaml'
        WHEN regexp_full_match(r, '{_ISO}|{_UK}') THEN 'not a real date (no such day in that month)'
        ELSE 'not a date: expected YYYY-MM-DD or dd/mm/YYYY' END""",
    f"""CREATE OR REPLACE TEMP MACRO maca_date_in_range(d) AS
        d IS NULL OR d BETWEEN DATE '{EARLIEST}' AND DATE '{LATEST}'""",
    """CREATE OR REPLACE TEMP MACRO maca_date_range_problem(r) AS CASE
        WHEN regexp_full_match(r, '.*\\d\\d?/\\d\\d?/\\d\\d') THEN
            'two-digit year is ambiguous: write the year in full (dd/mm/YYYY)'
        ELSE 'impossible date (before 1900 or after 2099)' END""",
]


def date_sql(raw: str, date_format: str) -> str:
    """SQL turning the trimmed text ``raw`` into a DATE (NULL when it is not one)."""
    if date_format == "auto":
        return f"maca_date_auto({raw})"
    return f"maca_date_fmt({raw}, {sql_text(date_format)})"


def date_problem_sql(raw: str, date_format: str) -> str:
    """SQL for the reason a non-empty ``raw`` failed to read as a date."""
    if date_format == "auto":
        return f"maca_date_problem({raw})"
    readable = date_format.replace("%d", "dd").replace("%m", "mm").replace("%Y", "YYYY")
    return sql_text(f"not a date in the format {readable} set for this file in sources.yaml")


def sql_text(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"
