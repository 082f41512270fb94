"""``--faults`` adds exactly the faults listed in truth/faults.csv, at the rows it names."""

from __future__ import annotations

import csv

import pandas as pd
from lxml import etree

KINDS = {"bad_date", "unknown_code", "duplicate_key", "missing_id", "end_before_start"}


def faults(folder) -> pd.DataFrame:
    return pd.read_csv(folder / "truth" / "faults.csv", dtype=str, keep_default_na=False)


def csv_row(path, row: int) -> dict:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return dict(zip(rows[0], rows[row - 1], strict=True))


def test_every_listed_fault_is_at_its_row(faults_dirs):
    for folder in faults_dirs:
        listed = faults(folder)
        assert set(listed.fault) == KINDS
        for f in listed.itertuples():
            path = folder / f.file
            if path.suffix == ".xml":
                hits = [
                    e
                    for e in etree.parse(str(path)).getroot().iter(f.column)
                    if e.sourceline == int(f.row)
                ]
                assert len(hits) == 1 and (hits[0].text or "") == f.value, f
            else:
                assert csv_row(path, int(f.row))[f.column] == f.value, f


def test_faults_are_added_rows_so_the_good_rows_are_unchanged(faults_dirs, tmp_path):
    from maca.synth import generate

    clean = tmp_path / "clean"
    generate(clean, scale="la", seed=5, families=400)
    folder = faults_dirs[0]
    listed = faults(folder)
    for path in clean.glob("*.csv"):
        good = pd.read_csv(path, dtype=str, keep_default_na=False)
        faulty = pd.read_csv(folder / path.name, dtype=str, keep_default_na=False)
        rows = sorted(int(r) - 2 for r in listed[listed.file == path.name].row)
        assert len(faulty) == len(good) + len(rows), path.name
        kept = faulty.drop(index=rows).reset_index(drop=True)
        pd.testing.assert_frame_equal(kept, good, check_dtype=False)
    for name in ("children.csv", "exclusions.csv"):
        assert (clean / "truth" / name).read_bytes() == (folder / "truth" / name).read_bytes()


def test_duplicate_keys_and_bad_values_really_are_faults(faults_dirs):
    folder = faults_dirs[0]
    listed = faults(folder).set_index("fault")
    contacts = pd.read_csv(folder / "ssd_contacts.csv", dtype=str, keep_default_na=False)
    dup = listed.loc["duplicate_key"]
    assert (contacts.cont_contact_id == dup.value).sum() == 2
    dates = pd.read_csv(folder / "ssd_cin_episodes.csv", dtype=str, keep_default_na=False)
    row = int(
        faults(folder)
        .query("file == 'ssd_cin_episodes.csv' and fault == 'end_before_start'")
        .row.iloc[0]
    )
    assert dates.cine_close_date[row - 2] < dates.cine_referral_date[row - 2]
