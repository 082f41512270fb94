"""`maca briefing --audit ID --out DIR` and `maca demo --out DIR`."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import lxml.html
import pytest
from typer.testing import CliRunner

from maca.briefing import SECTIONS
from maca.cli import app
from tests.briefing.documents import heading_lines, pdf_text

FILES = {"briefing.html", "briefing.pdf", "briefing.docx", "seven-minute-briefing.pdf"}
SEED_HEADINGS = [heading for _, heading in SECTIONS if heading]
ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_briefing_from_an_audit_is_refused_until_numbers_are_decided_and_passages_read(
    briefed, tmp_path, confirm_every_passage
):
    from maca.briefing.content import PROMISE
    from maca.web.briefings.build import draft_for
    from maca.web.briefings.models import PublishedBriefing
    from maca.web.briefings.services import check_audit, record_decisions

    audit = briefed.audit
    args = ["briefing", "--audit", str(audit.pk), "--out", str(tmp_path / "v1")]
    refused = CliRunner().invoke(app, [*args, "--by", "audit.lead"])
    assert refused.exit_code == 2
    assert "2 children in the audit, in the Scope: confirm or suppress" in refused.output
    assert "have not been confirmed as read for identifying details" in refused.output
    assert "Traceback" not in refused.output
    _, report = check_audit(audit)
    record_decisions(
        draft_for(audit), {n.key: (n.value, "suppress") for n in report.small_numbers}, None
    )
    unread = CliRunner().invoke(app, [*args, "--by", "audit.lead"])
    assert unread.exit_code == 2 and "confirm or suppress" not in unread.output
    assert "not been confirmed as read" in unread.output
    assert confirm_every_passage(audit) > 0
    result = CliRunner().invoke(app, [*args, "--by", "audit.lead"])
    assert result.exit_code == 0, result.output
    assert PROMISE in (tmp_path / "v1" / "briefing.html").read_text(encoding="utf-8")
    assert FILES | {"publication.json"} == {p.name for p in (tmp_path / "v1").iterdir()}
    assert PublishedBriefing.objects.get(audit=audit).published_by_name == "audit.lead"


@pytest.mark.django_db
def test_briefing_from_an_audit_expected_problems_are_one_line(briefed, tmp_path):
    out = str(tmp_path / "out")
    missing = CliRunner().invoke(app, ["briefing", "--audit", "9999", "--out", out])
    assert missing.exit_code == 2 and "there is no audit 9999" in missing.output
    both = CliRunner().invoke(app, ["briefing", "--audit", "1", "--input", "x", "--out", out])
    assert both.exit_code == 2 and "either --input" in both.output
    nobody = CliRunner().invoke(app, ["briefing", "--audit", str(briefed.audit.pk), "--out", out])
    assert nobody.exit_code == 2 and "--by USERNAME" in nobody.output
    draft = CliRunner().invoke(
        app, ["briefing", "--audit", str(briefed.audit.pk), "--out", out, "--draft"]
    )
    assert draft.exit_code == 0 and "fix before publishing" in draft.output
    assert "Draft preview" in (tmp_path / "out" / "briefing.html").read_text()


def test_demo_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "old.txt").write_text("x")
    result = CliRunner().invoke(app, ["demo", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "new or empty folder" in result.output


@pytest.mark.slow
def test_demo_runs_the_whole_pipeline(tmp_path):
    """In a process of its own: the demo sets up Django with a throwaway database."""
    out, work = tmp_path / "demo", tmp_path / "work"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "maca", "demo", "--out", str(out), "--work", str(work)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert FILES <= {p.name for p in out.iterdir()}
    html = (out / "briefing.html").read_text("utf-8")
    tree = lxml.html.fromstring(html)
    assert [h.text_content() for h in tree.iter("h2")] == SEED_HEADINGS
    assert "Draft preview" not in html
    text = pdf_text(out / "briefing.pdf")
    assert heading_lines(text, SEED_HEADINGS) == SEED_HEADINGS
    document = docx.Document(str(out / "briefing.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == SEED_HEADINGS
    # Nothing of the synthetic children's identifiers reaches the briefing.
    with (work / "data" / "truth" / "children.csv").open(newline="") as handle:
        children = list(csv.DictReader(handle))
    assert children and not [c for c in children if c["pers_person_id"] in html]
    assert f"There were {len(children)} children identified" in " ".join(text.split())
    if shutil.which("libreoffice"):
        converted = subprocess.run(
            ["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"),
             str(out / "briefing.docx")],
            capture_output=True, timeout=120,
        )  # fmt: skip
        assert converted.returncode == 0 and (tmp_path / "lo" / "briefing.pdf").exists()
