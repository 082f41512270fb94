"""The cohort upload takes profile.json and exclusions.csv too; the "Upload the cohort profile"
page takes them for an audit whose cases are loaded. They must be of the audit's cohort (period,
children, the comparison group); a refusal says why and loads nothing; a replacement is recorded
and keeps what it replaces."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maca.web.profiles.models import Exclusion, ExclusionsFile, ProfileFile
from maca.web.trail.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


def _file(path, name=None, data=None):
    return SimpleUploadedFile(name or path.name, data if data is not None else path.read_bytes())


def _cohort_post(client, audit, run, **files):
    data = {
        "cohort": _file(run.cohort_csv),
        "profile": _file(run.profile_json),
        "exclusions": _file(run.exclusions_csv),
    }
    data.update(files)
    return client.post(
        reverse("audits:cohort-upload", args=[audit.pk]),
        {k: v for k, v in data.items() if v is not None},
    )


def _problems(response) -> list[str]:
    return [str(p) for p in response.context["problems"]]


def test_the_cohort_upload_stores_the_profile_and_exclusions(empty_audit, cohort_run, client_for):
    audit = empty_audit()
    client = client_for("audit.lead")
    response = _cohort_post(client, audit, cohort_run)
    assert response.status_code == 302, _problems(response)
    cases = audit.cases.count()
    assert cases == len(cohort_run.cohort_csv.read_text().splitlines()) - 1
    stored = ProfileFile.objects.get(audit=audit)
    assert stored.replaced_at is None and stored.file_name == "profile.json"
    assert stored.document == json.loads(cohort_run.profile_json.read_text())
    exclusions = ExclusionsFile.objects.get(audit=audit)
    assert exclusions.rows.count() == len(cohort_run.exclusions_csv.read_text().splitlines()) - 1
    summaries = list(AuditEvent.objects.values_list("summary", flat=True))
    assert any(
        s.startswith("Stored the cohort profile from profile.json (sha256 ") for s in summaries
    )
    assert any("Stored the exclusions from exclusions.csv, 973 rows" in s for s in summaries)
    page = client.get(response["Location"])
    assert "The cohort profile is stored; 973 exclusions stored" in page.content.decode()


def test_a_profile_of_another_cohort_loads_nothing(empty_audit, cohort_run, client_for):
    audit = empty_audit()
    client = client_for("audit.lead")
    events = AuditEvent.objects.count()
    lines = cohort_run.cohort_csv.read_text().splitlines(keepends=True)
    fewer = "".join(lines[:-1]).encode()  # one child fewer than the profile counts
    response = _cohort_post(
        client, audit, cohort_run, cohort=_file(cohort_run.cohort_csv, data=fewer)
    )
    assert response.status_code == 200
    children = len(lines) - 1
    (problem,) = _problems(response)
    assert problem.startswith(
        f"profile.json: counts {children} children in the cohort (22 children unknown to CSC "
        f"within the first 1001 days; 40 children unknown to CSC aged two or over) but the "
        f"audit has {children - 1} cases loaded from cohort.csv"
    )
    assert audit.cases.count() == 0  # the cases went with the refusal
    assert not ProfileFile.objects.exists() and not Exclusion.objects.exists()
    assert AuditEvent.objects.count() == events  # nothing recorded: nothing happened


def test_exclusions_with_person_ids_are_refused(empty_audit, cohort_run, client_for):
    audit = empty_audit()
    text = cohort_run.exclusions_csv.read_text().splitlines()
    text[0] = text[0].replace("l1_refs,", "l1_refs,pers_person_id,")
    identified = "\n".join([text[0]] + [r.replace(",,", ",,,", 1) for r in text[1:]]).encode()
    response = _cohort_post(
        client_for("audit.lead"),
        audit,
        cohort_run,
        exclusions=_file(cohort_run.exclusions_csv, data=identified),
    )
    assert _problems(response) == [
        "exclusions.csv row 1, column pers_person_id: this exclusions file holds person ids; "
        "upload the one written by maca cohort --pseudonymise (the ids are only in key.csv)"
    ]
    assert audit.cases.count() == 0 and not ProfileFile.objects.exists()
    assert "pers_person_id" in response.content.decode()  # told on the page, by column


def test_a_broken_profile_is_told_by_where(empty_audit, cohort_run, client_for):
    audit = empty_audit()
    document = json.loads(cohort_run.profile_json.read_text())
    document["measures"][0]["rows"][1]["cells"]["open_to_csc"].update(
        count=2, shown="2", status="shown"
    )
    response = _cohort_post(
        client_for("audit.lead"),
        audit,
        cohort_run,
        profile=_file(cohort_run.profile_json, "mine.json", json.dumps(document).encode()),
    )
    (problem,) = _problems(response)
    assert problem.startswith("mine.json: measures[0].rows[1].cells.open_to_csc.count: a count")
    assert audit.cases.count() == 0


@pytest.fixture
def loaded(empty_audit, cohort_run, client_for):
    """An audit with the demo cohort's cases loaded (and no profile yet)."""
    audit = empty_audit("returns_open")
    client = client_for("audit.lead")
    response = _cohort_post(client, audit, cohort_run, profile=None, exclusions=None)
    assert response.status_code == 302
    return audit


def _upload(client, audit, **files):
    return client.post(reverse("profiles:upload", args=[audit.pk]), files)


def test_the_profile_page_upload_and_a_recorded_replacement(loaded, cohort_run, client_for):
    client = client_for("audit.lead")
    first = _upload(client, loaded, profile=_file(cohort_run.profile_json))
    assert first.status_code == 302
    again = _upload(
        client,
        loaded,
        profile=_file(cohort_run.profile_json, "profile-again.json"),
        exclusions=_file(cohort_run.exclusions_csv),
    )
    assert again.status_code == 302
    files = list(ProfileFile.objects.filter(audit=loaded).order_by("id"))
    assert len(files) == 2
    assert files[0].replaced_at is not None and files[1].replaced_at is None  # the first is kept
    replaced = AuditEvent.objects.get(action=Action.CHANGE, object_ref=files[1].trail_ref)
    assert replaced.summary.startswith("Replaced the cohort profile from profile-again.json")
    page = client.get(reverse("profiles:profile", args=[loaded.pk])).content.decode()
    assert "From profile-again.json" in page


def test_a_profile_of_another_period_is_refused(loaded, cohort_run, client_for):
    from maca.web.briefings.build import draft_for

    draft = draft_for(loaded)
    scope = json.loads(cohort_run.scope_json.read_text())
    scope["period"] = {"from": "2024-01-01", "to": "2024-03-31"}
    draft.scope_json = scope
    draft.save()
    response = _upload(client_for("audit.lead"), loaded, profile=_file(cohort_run.profile_json))
    problems = _problems(response)
    assert problems[0] == (
        "profile.json: covers 2023-09-01 to 2023-12-31 but the audit's cohort (its "
        "scope.json) covers 2024-01-01 to 2024-03-31; upload the files made from the same run "
        "of maca cohort (maca profile --cohort COHORT_DIR)"
    )
    assert not ProfileFile.objects.exists()


def test_exclusions_that_miss_the_comparison_group_are_refused(loaded, cohort_run, client_for):
    lines = cohort_run.exclusions_csv.read_text().splitlines(keepends=True)
    kept = "".join(line for line in lines if ",open_to_csc," not in line).encode()
    response = _upload(
        client_for("audit.lead"),
        loaded,
        profile=_file(cohort_run.profile_json),
        exclusions=_file(cohort_run.exclusions_csv, data=kept),
    )
    (problem,) = _problems(response)
    assert problem.startswith(
        "exclusions.csv: lists 0 open_to_csc exclusions but the profile's comparison group has "
        "9 children open to CSC"
    )
    assert not ProfileFile.objects.exists() and not ExclusionsFile.objects.exists()


def test_no_file_chosen_is_a_field_error(loaded, client_for):
    response = _upload(client_for("audit.lead"), loaded)
    assert response.context["form"].errors["profile"] == [
        "Choose a profile.json, an exclusions.csv or both"
    ]


def test_a_failing_trail_stores_nothing(loaded, cohort_run, client_for, trail_fails):
    from maca.web.profiles import services

    files = services.read_cohort_files(
        cohort_run.profile_json.read_bytes(), cohort_run.exclusions_csv.read_bytes()
    )
    with trail_fails(), pytest.raises(Exception, match="cannot be written"):
        services.store_cohort_files(loaded, files, loaded.created_by)
    assert not ProfileFile.objects.exists() and not Exclusion.objects.exists()


def test_the_command_line_loads_them_too(empty_audit, cohort_run):
    from maca.web.audits.loading import load_from_files

    audit = empty_audit()
    result = load_from_files(
        audit.pk,
        cohort_run.cohort_csv,
        cohort_run.key_csv,
        "audit.lead",
        profile_json=cohort_run.profile_json,
        exclusions_csv=cohort_run.exclusions_csv,
    )
    assert result.created == audit.cases.count() and result.stored.profile is not None
    assert result.stored.exclusions.rows.count() == 973


def test_cases_removed_outside_the_profile_period_are_named(loaded, cohort_run, client_for):
    from datetime import date

    moved = list(loaded.cases.order_by("case_ref")[:4])
    for case in moved:
        case.removal_date = date(2024, 2, 1)
        case.save()
    response = _upload(client_for("audit.lead"), loaded, profile=_file(cohort_run.profile_json))
    (problem,) = _problems(response)
    refs = ", ".join(c.case_ref for c in moved[:3])
    assert problem.startswith(
        f"profile.json: covers 2023-09-01 to 2023-12-31 but cases {refs} and 1 more were "
        "removed outside it"
    )


def test_the_demo_audit_has_its_profile_and_exclusions(demo):
    from maca.web.audits.demo import load_demo_audit
    from maca.web.profiles.queries import exclusion_counts, profile_for

    audit = load_demo_audit()
    profile = profile_for(audit)
    assert profile is not None and profile.period_words
    assert sum(n for _, _, n in exclusion_counts(audit)) > 0
