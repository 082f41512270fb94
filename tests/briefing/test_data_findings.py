"""The Scope's "what the data tell us": findings chosen from the cohort profile, in the briefing's
model (built by the web's adapter), through the briefing's small-number and disclosure checks."""

from __future__ import annotations

import docx

from maca.briefing import Briefing, check, prepare, publish
from maca.briefing.model import DataCount, DataFinding
from tests.briefing.documents import flat


def _finding() -> DataFinding:
    """'Police: 7 (31.8%) of the 22 children …; fewer than 5 of the 6 children …'."""
    return DataFinding(
        "contact_source",
        "Earlier contacts, by who made them",
        [
            "Earlier contacts, by who made them: Police: ",
            DataCount("contact_source.police.a", 7, "7", "Police (A)", "31.8%", "groups.a"),
            " of ",
            DataCount("groups.a", 22, "22", "children (A)", article="the "),
            " children in A; ",
            DataCount("contact_source.police.b", None, "fewer than 5", "Police (B)", of="groups.b"),
            " of ",
            DataCount("groups.b", 6, "6", "children (B)", article="the "),
            " children in B.",
        ],
    )


def test_the_findings_read_as_the_profile_wrote_them(example):
    example.data_findings = [_finding()]
    prepared = prepare(example)
    assert prepared.data_lines == [
        "Earlier contacts, by who made them: Police: 7 (31.8%) of the 22 children in A; "
        "fewer than 5 of the 6 children in B."
    ]
    report = check(prepared)
    assert not [n for n in report.small_numbers if n.key.startswith("profile.")]
    assert not [f for f in report.findings if f.item.startswith("what the data tell us")]


def test_a_higher_threshold_asks_and_a_suppressed_count_loses_its_percentage(example):
    example.data_findings = [_finding()]
    example.small_number_threshold = 10
    keys = {n.key for n in check(example).undecided if n.key.startswith("profile.")}
    assert keys == {"profile.contact_source.police.a", "profile.groups.b"}
    example.small_numbers.update(
        {"profile.contact_source.police.a": "suppress", "profile.groups.b": "suppress"}
    )
    (line,) = prepare(example).data_lines
    assert line == (
        "Earlier contacts, by who made them: Police: fewer than 10 of the 22 children in A; "
        "fewer than 5 of fewer than 10 children in B."
    )
    example.small_numbers["profile.contact_source.police.a"] = "confirm"
    assert "Police: 7 (31.8%) of the 22" in prepare(example).data_lines[0]


def test_a_share_of_a_suppressed_group_has_no_percentage(example):
    finding = _finding()
    finding.parts[5] = DataCount(
        "contact_source.police.b", 6, "6", "Police (B)", "100%", "groups.b"
    )
    example.data_findings = [finding]
    example.small_number_threshold = 7
    example.small_numbers.update(
        {"profile.groups.b": "suppress", "profile.contact_source.police.b": "confirm"}
    )
    assert "6 of fewer than 7 children in B" in prepare(example).data_lines[0]


def test_the_disclosure_check_reads_them(example):
    example.data_findings = [DataFinding("x", "X", ["Removed on 12 March 2023 at home."])]
    findings = [f for f in check(example).findings if f.section == "scope"]
    assert [(f.item, f.kind) for f in findings] == [("what the data tell us 1", "exact_date")]


def test_published_in_the_scope_and_round_trips(example_dict, tmp_path):
    briefing = Briefing.from_dict(example_dict)
    briefing.data_findings = [_finding()]
    again = Briefing.from_dict(briefing.to_dict())
    assert again.data_findings == briefing.data_findings
    built = publish(again, tmp_path, published_by="tester")
    html = built.files["briefing.html"].read_text(encoding="utf-8")
    assert "<h3>What the data tell us</h3>" in html
    assert "Police: 7 (31.8%) of the 22 children in A" in html
    document = docx.Document(str(built.files["briefing.docx"]))
    assert "Police: 7 (31.8%) of the 22 children in A" in flat(
        " ".join(p.text for p in document.paragraphs)
    )
