"""Whatever is in the files, ingest never fails with a traceback and every row is accounted for."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maca.data.ingest import ingest_folder

CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "C1",
            "K1",
            "2023-01-05",
            "05/01/2023",
            "01/25/2023",
            "1/2/23",
            "45123",
            "2023-02-30",
            "1066-04-13",
            "3B",
            "Health visitor",
            "invoked",
            "L1",
            "S",
            "2023-06-01 22:15",
            "02/06/2023 09:00",
            "Zoë Ñúñez",
            '"',
            '""',
            ",",
            "\n",
            "\r\n",
        ]
    ),
    st.text(max_size=12),
)
HUGE = "x" * 3_000_000  # a field over DuckDB's 2 MB line limit

HEADERS = {
    "ssd_contacts.csv": "cont_contact_id,cont_person_id,cont_contact_date,cont_contact_source_code",
    "police_protection.csv": "pp_ref,pers_person_id,pp_start,pp_end,status,outcome,home_la",
    "ssda903_episodes.csv": "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC",
    "ssda903_header.csv": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
}


def _quote(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if any(c in cell for c in ',"\r\n') else cell


@st.composite
def csv_files(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(HEADERS)))
    header = draw(
        st.one_of(
            st.just(HEADERS[name]),
            st.just(HEADERS[name].upper()),
            st.just(",".join(HEADERS[name].split(",")[:2])),  # required columns missing
            st.just("wrong,headers,here"),
            st.just(""),  # no header at all
        )
    )
    width = len(HEADERS[name].split(","))
    rows = draw(st.lists(st.lists(CELLS, min_size=width - 1, max_size=width + 1), max_size=6))
    if rows and draw(st.integers(0, 9)) == 0:
        rows[0][0] = HUGE
    raw_cells = draw(st.booleans())  # unquoted: broken quotes and ragged rows on purpose
    lines = [header] + [",".join(c if raw_cells else _quote(c) for c in row) for row in rows]
    text = draw(st.sampled_from(["\n", "\r\n"])).join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"]))
    return name, text.encode(encoding, errors="replace")


CHILD = """<Child><ChildIdentifiers><LAchildID>{id}</LAchildID>
<PersonBirthDate>{dob}</PersonBirthDate>
<{sex_tag}>{sex}</{sex_tag}></ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI</Ethnicity>
</ChildCharacteristics><CINdetails><CINreferralDate>{ref}</CINreferralDate>
<ReferralSource>{source}</ReferralSource><ReferralNFA>0</ReferralNFA></CINdetails></Child>"""


@st.composite
def cin_files(draw) -> bytes:
    children = [
        CHILD.format(
            id=draw(st.sampled_from(["A1", "A2", "", "<b>x</b>", "&amp;"])),
            dob=draw(st.sampled_from(["2020-01-01", "01/01/2020", "", "2020-13-01"])),
            sex_tag=draw(st.sampled_from(["Sex", "GenderCurrent"])),
            sex=draw(st.sampled_from(["M", "F", "U", "1", "2", "0", "X"])),
            ref=draw(st.sampled_from(["2023-01-01", "2019-02-29", ""])),
            source=draw(st.sampled_from(["1A", "6", "Z"])),
        )
        for _ in range(draw(st.integers(0, 4)))
    ]
    text = (
        "<?xml version='1.0' encoding='UTF-8'?><Message><Header><CollectionDetails>"
        "<ReferenceDate>2024-03-31</ReferenceDate></CollectionDetails></Header><Children>"
        + "".join(children)
        + "</Children></Message>"
    ).encode()
    cut = draw(st.one_of(st.none(), st.integers(0, len(text))))  # truncated XML
    return text if cut is None else text[:cut]


def _ingest(files: dict[str, bytes]):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        for name, content in files.items():
            (folder / name).write_bytes(content)
        return ingest_folder(folder, Path(tmp) / "store.duckdb", Path(tmp) / "report")


def _balanced(report) -> None:
    for f in report.files:
        assert f.rows_loaded + f.rows_rejected == f.rows_read, f
        for counts in f.records.values():
            assert counts.rows_loaded + counts.rows_rejected == counts.rows_read, f


FAST = settings(
    max_examples=int(os.environ.get("MACA_HYPOTHESIS_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FAST
@given(st.lists(csv_files(), min_size=1, max_size=2, unique_by=lambda f: f[0]))
def test_malformed_csv_never_breaks_the_accounting(files):
    report = _ingest(dict(files))
    _balanced(report)


@FAST
@given(cin_files())
def test_malformed_or_truncated_cin_xml_is_read_child_by_child(content):
    report = _ingest({"cin_census_2024.xml": content})
    _balanced(report)


@FAST
@given(
    st.binary(max_size=200),
    st.sampled_from(["ssda903_2023.xml", "ssd_person.csv", "police_protection.csv"]),
)
def test_arbitrary_bytes_are_rejects_not_crashes(content, name):
    report = _ingest({name: content})
    _balanced(report)


def test_empty_files_read_as_zero_rows():
    report = _ingest(
        {"ssd_person.csv": b"", "cin_census.xml": b"", "ssda903_episodes.csv": b"CHILD,DECOM\n"}
    )
    assert {f.file: f.rows_read for f in report.files} == {
        "ssd_person.csv": 0,
        "cin_census.xml": 0,
        "ssda903_episodes.csv": 0,
    }
    _balanced(report)
