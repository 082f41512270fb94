"""Validation a user expects (issue 12): due dates not in the past, chronology dates not in the
future, dates in one format, overdue shown as overdue, GOV.UK messages in plain words, correct
plurals and "Error:" in the title of an upload that failed."""

from __future__ import annotations

import inspect
import re
from datetime import date, timedelta
from pathlib import Path

from django import forms
from django.urls import reverse
from django.utils import timezone

from maca.web.audits.models import ChronologyEntry, SingleAgencyReturn
from maca.web.common.forms import PlainErrors
from maca.web.common.words import plural, with_article

WEB = Path(__file__).resolve().parents[3] / "src" / "maca" / "web"


def test_due_dates_in_the_past_are_refused(make_audit, client_for, demo):
    """Seen: past due dates were accepted."""
    partnership, users = demo
    built = make_audit("commissioned")
    client = client_for("audit.lead")
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    agency = partnership.agencies.get(name="Midwifery")
    page = client.post(
        reverse("audits:assign-agencies", args=[built.audit.pk]),
        {"agencies": [agency.pk], "cases": [built.c001.pk], "due_date": yesterday},
    ).content.decode()
    assert "The return due date must be today or in the future" in page
    allocate = client_for("hv.lead").post(
        reverse("audits:allocate", args=[built.hv.pk]),
        {"practitioner": users["hv.practitioner"].pk, "due_date": yesterday},
    )
    assert "The return due date must be today or in the future" in allocate.content.decode()
    commission = client.post(reverse("audits:audit-commission"), {"returns_due": yesterday})
    assert "The returns due date must be today or in the future" in commission.content.decode()


def test_a_chronology_date_in_the_future_is_refused(make_audit, client_for):
    """Seen: a 2030 chronology date was accepted."""
    built = make_audit("returns_open")
    response = client_for("police.practitioner").post(
        reverse("audits:chronology-add", args=[built.police_return.pk]),
        {"date_text": "2030-01-01", "subject": "mother", "source": "Log", "event": "x"},
    )
    assert "The date is in the future: a chronology records what has happened" in (
        response.content.decode()
    )
    assert not ChronologyEntry.objects.exists()


def test_dates_show_in_one_format_whichever_way_they_were_typed(make_audit, client_for, demo):
    """Seen: dates shown as typed (15/07/2023 beside 2022-03-10)."""
    _, users = demo
    built = make_audit("returns_open")
    for text, day_, uncertain in (
        ("15/07/2023", date(2023, 7, 15), False),
        ("2022-03-10", date(2022, 3, 10), False),
        ("?2023-05", date(2023, 5, 1), True),
    ):
        ChronologyEntry.objects.create(
            single_agency_return=built.police_return, agency=built.police.agency,
            date_text=text, sort_date=day_, date_uncertain=uncertain, subject="mother",
            source="Log", event="x", added_by=users["police.practitioner"],
        )  # fmt: skip
    page = client_for("police.practitioner").get(
        reverse("audits:return-overview", args=[built.police_return.pk])
    )
    body = page.content.decode()
    assert "15 July 2023" in body and "10 March 2022" in body
    assert "May 2023 (month only, uncertain)" in body
    assert "15/07/2023" not in body and "2022-03-10" not in body
    assert "31 January 2031" in body  # the due date, in the same format


def test_templates_format_dates_in_one_place():
    """Every page writes a date through the one filter (common.words.day)."""
    offenders = [
        f"{path.relative_to(WEB)}: {match}"
        for path in WEB.rglob("*.html")
        if "static" not in path.parts
        for match in re.findall(r"\|date\b[^}]*", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_overdue_is_shown_as_overdue(make_audit, client_for):
    """Seen: a return past its due date showed as "Draft", not overdue."""
    built = make_audit("returns_open")
    built.police.due_date = timezone.localdate() - timedelta(days=2)
    built.police.save()
    client = client_for("police.practitioner")
    mine = client.get(reverse("audits:my-returns")).content.decode()
    assert "Overdue" in mine
    page = client.get(reverse("audits:return-overview", args=[built.police_return.pk]))
    assert 'data-testid="overdue"' in page.content.decode()
    only = client.get(reverse("audits:my-returns"), {"due": "overdue"}).content.decode()
    assert "Child C001" in only


def test_error_messages_are_plain_words_not_djangos_defaults(make_audit, client_for):
    """Seen: "Ensure this value has at most 200 characters"."""
    client = client_for("audit.lead")
    body = client.post(reverse("audits:audit-commission"), {"title": "x" * 250}).content.decode()
    assert "Title must be 200 characters or fewer" in body
    assert "Ensure this value" not in body and "This field is required" not in body
    built = make_audit("returns_open")
    body = client.post(
        reverse("audits:escalate", args=[built.c001.pk]),
        {"escalated_to": "MASH", "escalated_to_email": "nope", "concern": "x"},
    ).content.decode()
    assert "Enter an email address in the correct format, like name@example.org" in body


def test_every_form_of_the_web_app_gives_plain_messages():
    """One place (common.forms.PlainErrors) for every form's messages: each form class mixes it
    in, so a new form cannot bring Django's defaults back."""
    import maca.web.accounts.forms
    import maca.web.audits.admin
    import maca.web.audits.forms
    import maca.web.briefings.forms

    modules = [
        maca.web.accounts.forms,
        maca.web.audits.admin,
        maca.web.audits.forms,
        maca.web.briefings.forms,
    ]
    classes = [
        cls
        for module in modules
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__
    ]
    assert len(classes) >= 15
    assert [c.__name__ for c in classes if not issubclass(c, PlainErrors)] == []


def test_plurals_and_articles():
    """Seen: "1 cases loaded", "Recorded a area for learning"."""
    assert plural(1, "case") == "1 case" and plural(2, "case") == "2 cases"
    assert (
        plural(1, "entry") == "1 entry" and plural(3, "chronology entry") == "3 chronology entries"
    )
    assert with_article("area for learning") == "an area for learning"
    assert with_article("strength") == "a strength"


def test_one_case_loaded_and_an_area_for_learning_recorded(make_audit, client_for, demo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from maca.web.trail.models import AuditEvent

    built = make_audit("commissioned")
    csv = b"case_ref,family_ref,removal_date,removal_kind\nC010,F10,2023-09-04,pp_invoked\n"
    response = client_for("audit.lead").post(
        reverse("audits:cohort-upload", args=[built.audit.pk]),
        {"cohort": SimpleUploadedFile("cohort.csv", csv)},
        follow=True,
    )
    assert "1 case loaded" in response.content.decode()
    built.audit.stage = "moderation_open"
    built.audit.save()
    theme = built.audit.partnership.themes.order_by("pk").first()
    client_for("panel.member").post(
        reverse("audits:finding-add", args=[built.c001.pk]),
        {"kind": "area_for_learning", "themes": [theme.pk], "text": "x"},
    )
    assert AuditEvent.objects.filter(summary="Recorded an area for learning").exists()


def test_an_upload_that_failed_has_error_in_the_title(make_audit, client_for):
    """Seen: upload error pages lacked "Error:" in the title."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    built = make_audit("commissioned")
    response = client_for("audit.lead").post(
        reverse("audits:cohort-upload", args=[built.audit.pk]),
        {"cohort": SimpleUploadedFile("cohort.csv", b"case_ref\nC001\n")},
    )
    title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)[1]
    assert title.startswith("Error: Load the cohort")


def test_my_returns_are_grouped_by_audit_and_filtered(make_audit, client_for):
    """Seen: My returns was one flat list across audits."""
    first = make_audit("returns_open")
    second = make_audit("returns_open")
    second.audit.title = "Second audit"
    second.audit.save()
    SingleAgencyReturn.objects.filter(pk=second.police_return.pk).update(status="submitted")
    client = client_for("police.lead")
    page = client.get(reverse("audits:my-returns"))
    titles = [g["audit"].title for g in page.context["groups"]]
    assert sorted(titles) == ["Second audit", "Test audit"]
    submitted = client.get(reverse("audits:my-returns"), {"status": "submitted"}).context
    assert [g["audit"].title for g in submitted["groups"]] == ["Second audit"]
    to_do = client.get(reverse("audits:my-returns"), {"status": "to_do"}).context
    assert [g["audit"].title for g in to_do["groups"]] == ["Test audit"]
    assert first.police_return.pk in [r.pk for g in to_do["groups"] for r in g["returns"]]
