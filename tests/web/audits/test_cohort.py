"""Loading a cohort: the browser upload, `maca audit load`, and the reader's error reports."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from typer.testing import CliRunner

from maca.web.audits.cohort_file import read_cohort, read_key
from maca.web.audits.models import Case
from maca.web.trail.models import Action, AuditEvent

DATA = Path(__file__).resolve().parent / "data"


def _upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else (DATA / name).read_bytes())


def test_reader_takes_the_cohort_columns():
    parsed = read_cohort((DATA / "cohort.csv").read_bytes())
    assert parsed.problems == []
    first = parsed.rows[0]
    assert (first["case_ref"], first["family_ref"], str(first["removal_date"])) == (
        "C001",
        "F01",
        "2023-09-04",
    )
    assert first["in_first_1001_days"] is True and first["moved_in"] is True
    assert first["person_id"] == ""  # pseudonymised file: no pers_person_id column
    assert parsed.rows[3]["in_first_1001_days"] is False


def test_reader_reports_every_problem_by_row_and_column():
    parsed = read_cohort((DATA / "cohort_bad.csv").read_bytes())
    assert parsed.problems == [
        "cohort.csv row 3, column case_ref: 'C1' is not like C001",
        "cohort.csv row 3, column removal_date: '2023-13-04' is not a date (YYYY-MM-DD)",
        "cohort.csv row 3, column in_first_1001_days: 'maybe' is not true or false",
        "cohort.csv row 4, column family_ref: 'family' is not like F01",
        "cohort.csv row 4, column removal_kind: 'taken' is not pp_considered_s20 or pp_invoked",
        "cohort.csv row 4, column age_days: 'sixty' is not a whole number",
        "cohort.csv row 4, column case_ref: C001 is also on row 2",
    ]


def test_reader_explains_files_that_are_not_cohorts():
    assert read_cohort(b"").problems == ["cohort.csv: is empty (no header row)"]
    assert read_cohort(b"case_ref,date\nC001,2023-01-01\n").problems == [
        "cohort.csv row 1: missing column(s) family_ref, removal_date, removal_kind"
    ]
    assert read_cohort("case_ref\n\xe9".encode("latin-1")).problems == [
        "cohort.csv: is not UTF-8 text (save it as CSV UTF-8)"
    ]
    header = b"case_ref,family_ref,removal_date,removal_kind\n"
    assert read_cohort(header).problems == ["cohort.csv: has a header but no cases"]
    assert read_cohort(header + b"C001,F01,2023-01-01,pp_invoked,extra\n").problems == [
        "cohort.csv row 2: more values than columns"
    ]


def test_key_reader_needs_both_columns():
    assert read_key(b"case_ref\nC001\n").problems == [
        "key.csv row 1: missing column(s) pers_person_id"
    ]
    assert read_key(b"case_ref,pers_person_id\nC001,\n").problems == [
        "key.csv row 2, column pers_person_id: is empty"
    ]


def test_upload_in_the_browser_creates_cases_and_records_it(make_audit, client_for):
    built = make_audit("commissioned")
    built.audit.cases.all().delete()
    client = client_for("audit.lead")
    url = reverse("audits:cohort-upload", args=[built.audit.pk])
    response = client.post(url, {"cohort": _upload("cohort.csv")})
    assert response.status_code == 302
    assert list(built.audit.cases.values_list("case_ref", flat=True)) == [
        "C001",
        "C002",
        "C003",
        "C004",
    ]
    assert not built.audit.cases.exclude(person_id="").exists()
    # The key, uploaded separately by the business team, adds person ids; S001 is a sibling.
    response = client.post(url, {"key": _upload("key.csv")}, follow=True)
    body = response.content.decode()
    assert "Identifying details added for 4 cases" in body
    assert "1 key row of children who are not cases of this audit skipped (not kept)" in body
    assert Case.objects.get(audit=built.audit, case_ref="C003").person_id == "SYN-100003"
    events = AuditEvent.objects.filter(object_ref__endswith=f" of {built.audit.trail_ref}")
    assert events.filter(action=Action.CREATE, summary="Loaded 4 cases from cohort.csv").exists()
    assert events.filter(action=Action.CHANGE, summary__contains="key.csv").exists()


def test_a_bad_upload_loads_nothing_and_lists_problems(make_audit, client_for):
    built = make_audit("commissioned")
    response = client_for("admin").post(
        reverse("audits:cohort-upload", args=[built.audit.pk]),
        {"cohort": _upload("cohort_bad.csv")},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "fix 9 problems" in body
    assert "cohort_bad.csv row 3, column removal_date" in body
    assert "C001 is already a case of this audit" in body
    assert "Traceback" not in body
    assert built.audit.cases.count() == 2


def test_upload_without_any_file_asks_for_one(make_audit, client_for):
    built = make_audit("commissioned")
    response = client_for("admin").post(reverse("audits:cohort-upload", args=[built.audit.pk]))
    assert "Choose a cohort file, a key file or both" in response.content.decode()


def test_add_a_case_by_hand(make_audit, client_for):
    built = make_audit("returns_open")
    url = reverse("audits:case-add", args=[built.audit.pk])
    client = client_for("audit.lead")
    bad = client.post(url, {"case_ref": "C001", "family_ref": "7", "removal_date": "31/02/2023"})
    body = bad.content.decode()
    assert "C001 is already a case of this audit" in body
    assert "Enter a family reference like F07" in body
    assert "The removal date must be a real date" in body
    ok = client.post(
        url,
        {
            "case_ref": "c013",
            "family_ref": "F09",
            "removal_date": "14/10/2023",
            "removal_kind": "pp_invoked",
        },
    )
    assert ok.status_code == 302
    case = built.audit.cases.get(case_ref="C013")
    assert case.added_by_hand and str(case.removal_date) == "2023-10-14"


def test_cli_loads_a_cohort_and_its_key(make_audit):
    from maca.cli import app

    built = make_audit("commissioned")
    built.audit.cases.all().delete()
    result = CliRunner().invoke(
        app,
        [
            "audit",
            "load",
            str(built.audit.pk),
            str(DATA / "cohort.csv"),
            "--key",
            str(DATA / "key.csv"),
            "--by",
            "audit.lead",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "4 cases loaded; identifying details added for 4 cases" in result.output
    assert "1 key row of children who are not cases of this audit skipped" in result.output
    assert built.audit.cases.get(case_ref="C001").person_id == "SYN-100001"


def test_cli_reports_problems_in_one_readable_block(make_audit):
    from maca.cli import app

    built = make_audit("commissioned")
    runner = CliRunner()
    result = runner.invoke(
        app, ["audit", "load", str(built.audit.pk), str(DATA / "cohort_bad.csv")]
    )
    assert result.exit_code == 2
    assert "nothing was loaded" in result.output
    assert "row 4, column age_days" in result.output
    assert "Traceback" not in result.output
    missing = runner.invoke(app, ["audit", "load", "999", str(DATA / "cohort.csv")])
    assert missing.exit_code == 2 and "there is no audit 999" in missing.output
    nofile = runner.invoke(app, ["audit", "load", str(built.audit.pk), "/no/such/cohort.csv"])
    assert nofile.exit_code == 2 and "cannot be read" in nofile.output


def test_an_oversized_upload_is_refused_before_reading(make_audit, client_for):
    built = make_audit("commissioned")
    big = _upload(
        "cohort.csv", b"case_ref,family_ref,removal_date,removal_kind\n" + b"x" * (6 << 20)
    )
    response = client_for("admin").post(
        reverse("audits:cohort-upload", args=[built.audit.pk]), {"cohort": big}
    )
    assert "cohort.csv is larger than 5 MB" in response.content.decode()


DETAILED = (
    b"case_ref,family_ref,removal_date,removal_kind,pp_refs,l1_refs,source,age_days,day_of_1001,"
    b"in_first_1001_days,known_historically,history_kinds,history_detail,sibling_known,"
    b"sibling_detail,recent_closure,recent_closure_date,moved_in,moved_in_signals,"
    b"has_sibling_group,post_removal_involvement\n"
    b"C004,F04,2023-09-05,pp_invoked,PP900000045,,both,62,333,true,true,cin;cp,"
    b'"cin: 1 ended, latest 2023-04-08 (150 days before); cp: 1 ended, latest 2022-11-02 '
    b'(307 days before)",true,C004-S1: cin,true,2023-04-08,true,source_5C;address,true,true\n'
)


def test_every_cohort_column_is_kept_and_shown_in_words(make_audit, client_for):
    """Seen: history detail, sibling detail, moved-in signals and the recent closure date were
    dropped on load; the case page showed raw tokens ("Yes (cin;cp)")."""
    built = make_audit("commissioned")
    client = client_for("audit.lead")
    client.post(
        reverse("audits:cohort-upload", args=[built.audit.pk]),
        {"cohort": _upload("cohort.csv", DETAILED)},
    )
    case = built.audit.cases.get(case_ref="C004")
    assert case.history_detail.startswith("cin: 1 ended, latest 2023-04-08")
    assert case.sibling_detail == "C004-S1: cin"
    assert str(case.recent_closure_date) == "2023-04-08"
    assert case.moved_in_signals == "source_5C;address"
    page = client.get(reverse("audits:case-detail", args=[case.pk])).content.decode()
    assert "Yes: Child in need: 1 ended, latest 8 April 2023 (150 days before)" in page
    assert "Child protection plan: 1 ended, latest 2 November 2022" in page
    assert "Yes: C004-S1: child in need" in page
    assert "Yes: closed 8 April 2023" in page
    assert "a referral from another local authority (referral source 5C)" in page
    assert "2 months (62 days)" in page
    assert "(cin;cp)" not in page and "source_5C" not in page and "PP900000045" not in page


def test_the_key_file_loads_only_the_ids_of_the_audits_cases(make_audit, client_for):
    """Seen: the key file loaded the ids of excluded children too. Rows of children who are not
    cases of the audit are skipped as they are read: not kept, not even checked."""
    built = make_audit("commissioned")
    key = (
        b"case_ref,pers_person_id\nC001,SYN-100001\nX0001,SYN-EXCLUDED-1\n"
        b"C003-S1,SYN-SIBLING-1\nX0002,\n"
    )
    parsed = read_key(key, cases={"C001", "C002"})
    assert [r["case_ref"] for r in parsed.rows] == ["C001"] and parsed.skipped == 3
    assert parsed.problems == []  # X0002's empty id is not this audit's business
    response = client_for("audit.lead").post(
        reverse("audits:cohort-upload", args=[built.audit.pk]),
        {"key": _upload("key.csv", key)},
        follow=True,
    )
    body = response.content.decode()
    assert "Identifying details added for 1 case" in body
    assert "3 key rows of children who are not cases of this audit skipped (not kept)" in body
    from django.db import connection

    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - the catalogue's names
            for row in cursor.fetchall():
                assert not any("EXCLUDED" in str(v) or "SIBLING" in str(v) for v in row), table
