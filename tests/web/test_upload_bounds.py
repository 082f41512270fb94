"""Uploads: a bound per file checked before the body is read, and hostile CSV and JSON files
answered in the form's error summary (the file, the row, the reason)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

HEADER = b"case_ref,family_ref,removal_date,removal_kind\n"


@pytest.fixture
def lead(client_for):
    from maca.web.audits.demo import load_demo_audit

    audit = load_demo_audit()
    return client_for("audit.lead"), audit


@pytest.mark.django_db
def test_a_csv_field_over_128_kib_is_a_problem_on_its_row(lead):
    client, audit = lead
    upload = SimpleUploadedFile("cohort.csv", HEADER + b"C901,F01,2023-09-04," + b"y" * 200_000)
    cases = audit.cases.count()
    response = client.post(reverse("audits:cohort-upload", args=[audit.pk]), {"cohort": upload})
    assert response.status_code == 200
    assert "cohort.csv row 2: a value is longer than 128 KiB" in response.content.decode()
    assert audit.cases.count() == cases


@pytest.mark.django_db
def test_an_unterminated_quote_is_a_problem_on_its_row(lead):
    client, audit = lead
    upload = SimpleUploadedFile("cohort.csv", HEADER + b'C901,"F01,2023-09-04,pp_invoked\n')
    response = client.post(reverse("audits:cohort-upload", args=[audit.pk]), {"cohort": upload})
    assert "a quotation mark is opened and never closed" in response.content.decode()


@pytest.mark.django_db
def test_a_deeply_nested_scope_json_is_a_form_error(lead):
    client, audit = lead
    upload = SimpleUploadedFile("scope.json", b"[" * 200_000)
    response = client.post(reverse("briefings:scope-upload", args=[audit.pk]), {"scope": upload})
    assert response.status_code == 200
    assert "scope.json: is nested more than 32 levels deep" in response.content.decode()


@override_settings(MACA_UPLOAD_MAX_BYTES=1000)
@pytest.mark.django_db
def test_an_upload_over_the_bound_is_the_413_page_before_it_is_read(lead):
    client, audit = lead
    upload = SimpleUploadedFile("cohort.csv", HEADER + b"x" * 2000)
    cases = audit.cases.count()
    response = client.post(reverse("audits:cohort-upload", args=[audit.pk]), {"cohort": upload})
    assert response.status_code == 413
    assert "A file you upload can be at most 0.001 MB" in response.content.decode()
    assert audit.cases.count() == cases
