from __future__ import annotations

import pytest
from django.urls import reverse

from maca.web.accounts.models import Partnership
from maca.web.trail import log_event
from maca.web.trail.models import Action, AuditEvent


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("admin", 200),
        ("audit.lead", 403),
        ("hv.lead", 403),
        ("hv.practitioner", 403),
        ("panel.member", 403),
        ("board.reader", 403),
    ],
)
def test_only_the_partnership_admin_reads_the_trail(client_for, username, status):
    assert client_for(username).get(reverse("trail")).status_code == status


@pytest.mark.django_db
def test_a_refusal_is_itself_recorded(client_for):
    client_for("board.reader").get(reverse("trail"))
    event = AuditEvent.objects.get(action=Action.DENIED)
    assert event.actor_username == "board.reader" and event.object_ref == "trail"


@pytest.mark.django_db
def test_trail_shows_only_own_partnership_and_filters(client_for, demo):
    _, users = demo
    other = Partnership.objects.create(name="Elsewhere")
    log_event(users["hv.lead"], Action.EXPORT, object_type="findings", summary="Northmoor export")
    AuditEvent.objects.create(partnership=other, action=Action.EXPORT, summary="Elsewhere export")
    client = client_for("admin")
    page = client.get(reverse("trail")).content.decode()
    assert "Northmoor export" in page and "Elsewhere export" not in page
    filtered = client.get(reverse("trail"), {"action": "sign_in"}).content.decode()
    assert "Northmoor export" not in filtered


@pytest.mark.django_db
def test_trail_entries_cannot_be_changed_or_deleted(demo):
    _, users = demo
    event = log_event(users["admin"], Action.CHANGE, summary="x")
    event.summary = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


def test_log_filter_strips_tracebacks():
    import logging
    import sys

    from maca.web.logs import NoPersonalDataFilter

    try:
        raise ValueError("child 123456 born 2023-01-02")
    except ValueError:
        record = logging.LogRecord(
            "django.request", 40, "", 0, "Internal error", (), sys.exc_info()
        )
    NoPersonalDataFilter().filter(record)
    assert record.getMessage() == (
        "Internal error [ValueError raised in "
        "tests.web.test_trail:test_log_filter_strips_tracebacks:65]"
    )
    assert record.exc_info is None


@pytest.mark.django_db
def test_an_admin_deletion_that_fails_leaves_no_trail_entry(client, demo, monkeypatch):
    """The Django admin's list action writes the trail and deletes in one transaction."""
    from django.db import DatabaseError

    from maca.web.accounts.admin import AgencyAdmin
    from maca.web.accounts.models import Agency, User
    from tests.web.sign_in import pass_second_factor

    root = User.objects.create_superuser("root", "root@example.org", "x" * 16)
    client.force_login(root)
    pass_second_factor(client, root)

    partnership, _ = demo
    agency = Agency.objects.create(
        partnership=partnership, name="Housing options", kind=Agency.Kind.HOUSING
    )

    def refuse(self, request, queryset):
        raise DatabaseError("the database went away (test)")

    monkeypatch.setattr(AgencyAdmin, "delete_queryset", refuse)
    with pytest.raises(DatabaseError):
        client.post(
            reverse("admin:accounts_agency_changelist"),
            {"action": "delete_selected", "_selected_action": [agency.pk], "post": "yes"},
        )
    assert Agency.objects.filter(pk=agency.pk).exists()
    assert not AuditEvent.objects.filter(action=Action.DELETE).exists()
