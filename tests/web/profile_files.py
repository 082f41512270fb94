"""The cohort files the profile tests upload (tests/web, tests/browser), registered as fixtures
by tests/conftest.py: one council's synthetic data run through maca cohort and maca profile
(the demo's own steps, ``maca.demo.demo_cohort``), built once per session under a temporary
folder; and an audit with that profile and those exclusions stored."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def cohort_run(tmp_path_factory):
    """``maca.demo.DemoCohort``: cohort.csv, key.csv, exclusions.csv, scope.json, profile.json."""
    from maca.demo import demo_cohort

    return demo_cohort(tmp_path_factory.mktemp("cohort-run"))


@pytest.fixture
def with_profile(cohort_run):
    """with_profile(audit): the demo cohort's profile and exclusions stored for ``audit`` (as
    seed data, without the cohort's cases or any check)."""
    from maca.cohort.exclusions_file import read_exclusions
    from maca.profile import read_profile
    from maca.web.profiles.models import Exclusion, ExclusionsFile, ProfileFile

    profile = read_profile(cohort_run.profile_json.read_bytes())
    rows = read_exclusions(cohort_run.exclusions_csv.read_bytes()).rows

    def store(audit):
        ProfileFile.objects.create(
            audit=audit, document=profile.document, file_name="profile.json", sha256="0" * 64
        )
        file = ExclusionsFile.objects.create(
            audit=audit, file_name="exclusions.csv", sha256="0" * 64
        )
        Exclusion.objects.bulk_create(Exclusion.from_row(file, row) for row in rows)
        return profile

    return store


@pytest.fixture
def empty_audit(make_audit):
    """empty_audit(stage): an audit of the demo partnership with no cases yet (``make_audit``'s,
    its two cases taken away)."""

    def build(stage: str = "commissioned"):
        audit = make_audit(stage).audit
        audit.cases.all().delete()
        return audit

    return build
