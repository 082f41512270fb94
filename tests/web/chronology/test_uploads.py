"""Agency uploads, the system records, and the timelines they make (issue 15)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

HEADER = "case_ref,date,time,subject,source,event,significance\n"
GOOD_AND_BAD = (
    HEADER
    + "C001,2025-01-02,,child,HV contact record,Home visit; baby weighed,low\n"
    + "C001,31/02/2025,,child,HV contact record,A day that is not there,low\n"
    + "C002,2025-01-03,,child,HV contact record,Not a case of health visiting,low\n"
    + "C001,2025-01-04,25:00,,HV contact record,No subject and a wrong time,maybe\n"
    + "C001,2024-12-01,,mother,HV contact record,Domestic abuse notification received,high\n"
)


def _upload(client, audit, text: str | bytes, name: str = "hv.csv", url: str = "upload"):
    data = text.encode() if isinstance(text, str) else text
    return client.post(
        reverse(f"chronology:{url}", args=[audit.pk]),
        {"file": SimpleUploadedFile(name, data)},
    )


def test_bad_rows_are_shown_with_row_column_and_reason_and_good_rows_kept(make_audit, client_for):
    from maca.web.chronology.models import UploadedEntry
    from maca.web.trail.models import Action, AuditEvent

    built = make_audit("returns_open")
    client = client_for("hv.practitioner")
    response = _upload(client, built.audit, GOOD_AND_BAD)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "2 entries kept" in page
    rejects = page.split('data-testid="rejects"')[1].split("</table>")[0]
    cell = '<td class="govuk-table__cell">'
    for row, column in (("3", "date"), ("4", "case_ref"), ("5", "time"), ("5", "subject")):
        assert f"{cell}{row}</td>\n      {cell}{column}</td>" in rejects, (row, column)
    assert "3 rows of hv.csv were not loaded" in page
    assert "not a case your agency is assigned to in this audit" in rejects
    kept = UploadedEntry.objects.filter(case=built.c001)
    assert sorted(kept.values_list("row", flat=True)) == [2, 6]
    assert set(kept.values_list("agency_name", flat=True)) == {built.hv.agency.name}
    event = AuditEvent.objects.filter(action=Action.CREATE, object_type="upload").get()
    assert event.actor_username == "hv.practitioner"
    assert "2 entries kept for 1 cases (C001), 3 rows rejected" in event.summary


def test_the_agency_comes_from_the_uploader_never_the_file(make_audit, client_for):
    from maca.web.chronology.models import UploadedEntry

    built = make_audit("returns_open")
    text = "case_ref,date,subject,source,event,agency\nC001,2025-01-02,child,Log,Seen,Police\n"
    _upload(client_for("hv.practitioner"), built.audit, text)
    entry = UploadedEntry.objects.get()
    assert entry.agency_name == built.hv.agency.name != "Police"
    assert entry.upload.agency == built.hv.agency


def test_uploading_again_replaces_the_agencys_earlier_entries_of_the_case(make_audit, client_for):
    from maca.web.chronology.models import Upload, UploadedEntry
    from maca.web.trail.models import AuditEvent

    built = make_audit("returns_open")
    hv, police = client_for("hv.practitioner"), client_for("police.practitioner")
    _upload(hv, built.audit, GOOD_AND_BAD)
    _upload(police, built.audit, HEADER + "C001,2025-01-02,,child,Police log,Call out,low\n")
    fixed = HEADER + "C001,2025-01-02,,child,HV contact record,Home visit; baby weighed,low\n"
    _upload(hv, built.audit, fixed, name="hv-fixed.csv")
    by_agency = sorted(UploadedEntry.objects.values_list("agency_name", "event"))
    assert by_agency == sorted(
        [(built.hv.agency.name, "Home visit; baby weighed"), (built.police.agency.name, "Call out")]
    )
    latest = Upload.objects.filter(agency=built.hv.agency).first()
    assert latest.file_name == "hv-fixed.csv" and latest.entries_replaced == 2
    assert Upload.objects.count() == 3  # the earlier upload is kept, with its rejects
    assert "2 earlier entries of these cases replaced" in AuditEvent.objects.first().summary


def test_an_upload_is_undone_when_the_trail_cannot_be_written(make_audit, demo, trail_fails):
    from django.db import DatabaseError

    from maca.web.chronology import services
    from maca.web.chronology.models import Upload, UploadedEntry

    built = make_audit("returns_open")
    _, users = demo
    with trail_fails(), pytest.raises(DatabaseError):
        services.upload_chronology(
            built.audit, users["hv.practitioner"], data=GOOD_AND_BAD.encode(), file_name="a.csv"
        )
    assert not Upload.objects.exists() and not UploadedEntry.objects.exists()


def test_an_xlsx_upload_from_the_downloaded_template(make_audit, client_for):
    from openpyxl import load_workbook

    from maca.web.chronology.models import UploadedEntry

    built = make_audit("returns_open")
    client = client_for("police.practitioner")
    response = client.get(reverse("chronology:template-xlsx", args=[built.audit.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Chronology"]
    header = [c.value for c in sheet[1]]
    assert "agency" not in header and header[:2] == ["case_ref", "date"]
    values = {"case_ref": "C001", "date": "2025-01-05", "subject": "mother",
              "source": "Police log", "event": "Domestic abuse notification: argument"}  # fmt: skip
    for column, value in values.items():
        sheet.cell(row=2, column=header.index(column) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    _upload(client, built.audit, out.getvalue(), name="police.xlsx")
    assert UploadedEntry.objects.get().agency_name == built.police.agency.name
    csv_template = client.get(reverse("chronology:template-csv", args=[built.audit.pk]))
    assert csv_template.content.decode("utf-8-sig").startswith("case_ref,date,time")


def test_a_file_with_no_good_row_changes_nothing_and_shows_its_rejects(make_audit, client_for):
    from maca.web.chronology.models import Upload, UploadedEntry
    from maca.web.trail.models import AuditEvent

    built = make_audit("returns_open")
    client = client_for("hv.practitioner")
    _upload(client, built.audit, HEADER + "C001,2025-01-02,,child,HV record,Kept,low\n")
    before = AuditEvent.objects.count()
    response = _upload(client, built.audit, HEADER + "C001,not a date,,child,HV record,X,low\n")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was loaded" in html and 'data-testid="rejects"' in html
    assert Upload.objects.count() == 1 and AuditEvent.objects.count() == before
    assert list(UploadedEntry.objects.values_list("event", flat=True)) == ["Kept"]


def test_a_file_that_is_not_csv_or_excel_is_refused_in_the_form(make_audit, client_for):
    from maca.web.chronology.models import Upload

    built = make_audit("returns_open")
    response = _upload(client_for("hv.practitioner"), built.audit, b"%PDF-1.4", name="a.pdf")
    assert response.status_code == 200
    assert "must be a CSV (.csv) or an Excel workbook" in response.content.decode()
    assert not Upload.objects.exists()


def _system_records(refs=("C001", "C002")) -> str:
    head = "case_ref,date,subject,source,event,system_event,record_ref,family_ref\n"
    rows = []
    for ref in refs:
        family = "F01"
        rows.append(
            f"{ref},2025-01-20,child,Police protection log,Removed,removal,R1{ref},{family}"
        )
        rows.append(
            f"{ref},2024-01-01,child,CSC system,Referral received,referral,R2{ref},{family}"
        )
        rows.append(f"{ref},2024-03-01,child,CSC system,Birth,birth,R3{ref},{family}")
    return head + "\n".join(rows) + "\n"


def test_the_business_team_loads_the_system_records(make_audit, client_for):
    from maca.web.chronology.models import Upload, UploadedEntry

    built = make_audit("returns_open")
    response = _upload(
        client_for("audit.lead"), built.audit, _system_records(), "system-records.csv",
        url="system-records",
    )  # fmt: skip
    assert response.status_code == 302
    upload = Upload.objects.get()
    assert upload.system_records and upload.agency is None and upload.rejects == []
    agencies = set(UploadedEntry.objects.values_list("agency_name", flat=True))
    assert agencies == {"Police (system record)", "Children's social care (system record)"}
    # An agency cannot load system records, nor say in its file that it holds them.
    assert _upload(
        client_for("hv.lead"), built.audit, _system_records(), url="system-records"
    ).status_code == 403  # fmt: skip


def test_the_family_timeline_shows_a_signal_a_gap_and_a_duplicate(make_audit, client_for):
    built = make_audit("moderation_open")
    built.c002.family_ref = "F01"
    built.c002.save()
    from maca.web.chronology import services

    hv = built.hv.agency_lead
    police = built.police.agency_lead
    lead = built.audit.created_by
    services.upload_chronology(built.audit, lead, data=_system_records().encode(),
                               file_name="system-records.csv", system_records=True)  # fmt: skip
    shared = "C001,2024-06-01,,child,{source},Bruising seen on baby's arm at home visit,high\n"
    services.upload_chronology(
        built.audit, hv, data=(HEADER + shared.format(source="HV record")).encode(),
        file_name="hv.csv",
    )  # fmt: skip
    services.upload_chronology(
        built.audit, police, data=(HEADER + shared.format(source="Police log")).encode(),
        file_name="police.csv",
    )  # fmt: skip
    page = client_for("panel.member").get(
        reverse("chronology:family-timeline", args=[built.c001.pk])
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Family F01 (cases C001, C002)" in html
    assert "Possible duplicate" in html
    assert "Signal: Injury to a non-mobile baby" in html and "injury_to_non_mobile_baby" in html
    assert 'data-testid="gaps"' in html and "Gap:</strong> no agency contact" in html
    assert "<svg" in html and "own-agency-only" not in html


def test_before_moderation_an_agency_sees_only_its_own_entries(make_audit, client_for):
    from maca.web.chronology import services

    built = make_audit("returns_open")
    services.upload_chronology(
        built.audit, built.police.agency_lead,
        data=(HEADER + "C001,2025-01-02,,child,Police log,Call out to the address,low\n").encode(),
        file_name="police.csv",
    )  # fmt: skip
    html = client_for("hv.lead").get(
        reverse("chronology:case-timeline", args=[built.c001.pk])
    ).content.decode()  # fmt: skip
    assert "Call out to the address" not in html and "own-agency-only" in html
    html = client_for("police.practitioner").get(
        reverse("chronology:case-timeline", args=[built.c001.pk])
    ).content.decode()  # fmt: skip
    assert "Call out to the address" in html


@pytest.mark.parametrize("kind", ["csv", "xlsx", "docx"])
def test_exports_are_pseudonymised_and_recorded(kind, make_audit, client_for):
    from maca.web.chronology import services
    from maca.web.trail.models import Action, AuditEvent

    built = make_audit("moderation_open")
    services.upload_chronology(
        built.audit, built.hv.agency_lead,
        data=(HEADER + "C001,2025-01-02,,child,HV record,Home visit,low\n").encode(),
        file_name="hv.csv",
    )  # fmt: skip
    response = client_for("audit.lead").get(
        reverse(f"chronology:family-{kind}", args=[built.c001.pk])
    )
    assert response.status_code == 200
    assert b"SYN-900001" not in response.content
    event = AuditEvent.objects.get(action=Action.EXPORT)
    assert event.summary == f"Chronology of family F01 as {kind.upper()} (1 entries, pseudonymised)"


def test_an_agency_sees_only_its_own_uploads_listed_at_every_stage(make_audit, client_for):
    from maca.web.chronology import services

    built = make_audit("returns_open")
    for assignment, name in ((built.hv, "hv-file.csv"), (built.police, "police-file.csv")):
        services.upload_chronology(
            built.audit, assignment.agency_lead,
            data=(HEADER + "C001,2025-01-02,,child,Record,Seen,low\n").encode(), file_name=name,
        )  # fmt: skip
    built.audit.stage = "moderation_open"
    built.audit.save()
    url = reverse("chronology:uploads", args=[built.audit.pk])
    html = client_for("hv.lead").get(url).content.decode()
    assert "hv-file.csv" in html and "police-file.csv" not in html
    html = client_for("audit.lead").get(url).content.decode()
    assert "hv-file.csv" in html and "police-file.csv" in html
