"""Agencies (add, change, deactivate, reactivate; which have a lead and users, plainly) and the
partnership's own details, in the administration pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from maca.web.accounts.models import Agency, Partnership, User
from maca.web.administration import services
from maca.web.audits.forms import AssignAgenciesForm
from maca.web.trail.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


def test_the_agency_list_shows_which_agencies_have_no_lead_or_no_users(client_for):
    page = client_for("admin").get(reverse("administration:agency-list")).content.decode()
    # The demo: health visiting and police have a lead; CSC has users but no lead; early help,
    # midwifery, GP, education, housing and domestic abuse have nobody at all.
    assert "have no agency lead, so the audit lead signs off their returns on their behalf" in page
    assert "Children&#x27;s social care" in page.split("no agency lead")[1].split("</p>")[0]
    assert "Midwifery" in page.split("no users, so nobody")[1].split("</p>")[0]
    assert "Northmoor Police" not in page.split("no agency lead")[1].split("</p>")[0]
    assert "Priya Shah" in page  # the health visiting lead, by name
    assert "No agency lead" in page and "No users" in page and "Ready" in page


def test_the_administration_overview_shows_the_same_gaps(client_for):
    page = client_for("admin").get(reverse("administration:index")).content.decode()
    assert "no agency lead, so the audit lead signs off their returns on their behalf" in page


def test_the_assign_page_flags_agencies_with_no_lead_or_no_users(make_audit, client_for):
    """Where assignments are made (issue 12): an assignment to an agency with no users is
    never seen, and a return of one with no lead can never be signed off."""
    built = make_audit("commissioned")
    url = reverse("audits:assign-agencies", args=[built.audit.pk])

    def warnings() -> tuple[str, str]:
        page = client_for("audit.lead").get(url).content.decode()
        no_lead = (
            page.split("no agency lead, so")[1].split("</p>")[0]
            if "no agency lead, so" in page
            else ""
        )
        no_users = page.split("no users, so nobody")[1].split("</p>")[0]
        assert "Ask your business team to add an agency lead and users" in page
        return no_lead, no_users

    no_lead, no_users = warnings()
    assert "Midwifery" in no_users and "Northmoor Police" not in no_users
    assert "Children" not in no_lead  # make_audit gave CSC a lead (csc.lead)
    csc_lead = User.objects.get(username="csc.lead")
    services.deactivate_user(csc_lead, User.objects.get(username="admin"), reason="Left")
    no_lead, _ = warnings()
    assert "Children&#x27;s social care" in no_lead and "Northmoor Police" not in no_lead
    # A deactivated agency is not offered, so it is not flagged either.
    midwifery = Agency.objects.get(partnership=built.audit.partnership, name="Midwifery")
    services.deactivate_agency(midwifery, User.objects.get(username="admin"), reason="Gone")
    assert "Midwifery" not in warnings()[1]


def test_add_and_rename_an_agency_in_the_trail(client_for):
    admin = client_for("admin")
    response = admin.post(
        reverse("administration:agency-add"), {"name": " Probation  service ", "kind": "probation"}
    )
    assert response.status_code == 302
    agency = Agency.objects.get(name="Probation service")
    assert agency.partnership.name == "Northmoor Safeguarding Children Partnership"
    duplicate = admin.post(
        reverse("administration:agency-add"), {"name": "northmoor police", "kind": "police"}
    ).content.decode()
    assert "already has an agency called northmoor police" in duplicate
    admin.post(
        reverse("administration:agency-change", args=[agency.pk]),
        {"name": "Probation Service North", "kind": "probation"},
    )
    assert AuditEvent.objects.filter(action=Action.CREATE, object_ref="Probation service").exists()
    assert AuditEvent.objects.filter(
        object_ref="Probation Service North", summary="Changed name (was Probation service)"
    ).exists()


def test_an_agency_with_active_users_cannot_be_deactivated(client_for):
    police = Agency.objects.get(name="Northmoor Police")
    admin = client_for("admin")
    url = reverse("administration:agency-deactivate", args=[police.pk])
    page = admin.get(url).content.decode()
    assert (
        "This agency has active users" in page
        and "<form" not in page.split("<main")[1].split("</main>")[0]
    )
    admin.post(url, {"reason": "Merged"})
    assert Agency.objects.get(pk=police.pk).active


def test_a_deactivated_agency_is_offered_for_nothing_new(make_audit, client_for):
    built = make_audit("commissioned")
    housing = Agency.objects.get(name="Housing")
    admin = client_for("admin")
    url = reverse("administration:agency-deactivate", args=[housing.pk])
    assert "Enter the reason" in admin.post(url, {"reason": ""}).content.decode()
    assert admin.post(url, {"reason": "Service ended"}).status_code == 302
    assert not Agency.objects.get(pk=housing.pk).active
    offered = AssignAgenciesForm(audit=built.audit).fields["agencies"].queryset
    assert housing not in offered and Agency.objects.get(name="Northmoor Police") in offered
    user_form = admin.get(reverse("administration:user-add")).content.decode()
    assert ">Housing</option>" not in user_form
    admin.post(reverse("administration:agency-reactivate", args=[housing.pk]), {"reason": ""})
    assert Agency.objects.get(pk=housing.pk).active
    assert [e.summary for e in AuditEvent.objects.filter(object_ref="Housing").order_by("id")] == [
        "Deactivated: Service ended",
        "Reactivated",
    ]


def test_the_partnership_details_are_changed_and_shown_to_the_locked_out(client, client_for):
    admin = client_for("admin")
    url = reverse("administration:partnership")
    bad = admin.post(url, {"name": "", "la_code": "84", "contact_email": "nope"}).content.decode()
    assert "Enter the partnership&#x27;s name" in bad
    assert "three digits, like 840" in bad and "Enter an email address like" in bad
    response = admin.post(
        url,
        {
            "name": "Northmoor and Dale SCP",
            "la_code": "840",
            "contact_name": "Safeguarding business unit",
            "contact_email": "scp@northmoor.example",
            "contact_phone": "01234 567890",
        },
    )
    assert response.status_code == 302
    partnership = Partnership.objects.get()
    assert (partnership.name, partnership.la_code) == ("Northmoor and Dale SCP", "840")
    assert AuditEvent.objects.filter(
        summary__startswith="Changed the partnership's name, home local authority code"
    ).exists()
    for _ in range(5):
        client.post(reverse("sign-in"), {"username": "hv.lead", "password": "wrong-password"})
    locked = client.post(reverse("sign-in"), {"username": "hv.lead", "password": "x"})
    assert "scp@northmoor.example" in locked.content.decode()


@pytest.mark.parametrize(
    "change",
    [
        lambda users: services.add_agency(users["admin"], name="New agency", kind="other"),
        lambda users: services.change_agency(
            Agency.objects.get(name="Housing"), users["admin"], name="Housing options"
        ),
        lambda users: services.deactivate_agency(
            Agency.objects.get(name="Housing"), users["admin"], reason="r"
        ),
        lambda users: services.change_partnership(
            users["admin"].partnership, users["admin"], name="Renamed"
        ),
    ],
    ids=["add", "change", "deactivate", "partnership"],
)
def test_an_agency_or_partnership_change_whose_trail_entry_fails_leaves_nothing(
    demo, trail_fails, change
):
    before = (list(Agency.objects.values()), list(Partnership.objects.values()))
    with trail_fails(), pytest.raises(Exception, match="audit trail cannot be written"):
        change(demo[1])
    assert (list(Agency.objects.values()), list(Partnership.objects.values())) == before
    assert User.objects.count() == len(demo[1])
