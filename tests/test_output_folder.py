"""Output folders are written whole or not at all (maca.output_folder)."""

from __future__ import annotations

import errno

import pytest

from maca.output_folder import written_whole


def test_a_new_folder_appears_only_when_complete(tmp_path):
    out = tmp_path / "briefing"
    with written_whole(out) as staging:
        (staging / "a.pdf").write_bytes(b"1")
        assert not out.exists()
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf"]
    assert [p.name for p in tmp_path.iterdir()] == ["briefing"]


def test_a_full_disk_half_way_leaves_the_old_files_and_no_staging(tmp_path):
    out = tmp_path / "briefing"
    out.mkdir()
    (out / "a.pdf").write_bytes(b"old")
    with pytest.raises(OSError), written_whole(out) as staging:
        (staging / "a.pdf").write_bytes(b"new, half")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert (out / "a.pdf").read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["briefing"]


def test_complete_files_replace_old_ones(tmp_path):
    out = tmp_path / "briefing"
    out.mkdir()
    (out / "a.pdf").write_bytes(b"old")
    (out / "keep.txt").write_bytes(b"mine")
    with written_whole(out) as staging:
        (staging / "a.pdf").write_bytes(b"new")
    assert (out / "a.pdf").read_bytes() == b"new" and (out / "keep.txt").exists()
