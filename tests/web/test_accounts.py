from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from maca.web.accounts.demo import DEMO_USERS
from maca.web.accounts.models import Agency, Partnership, User
from maca.web.accounts.roles import Role
from maca.web.trail.models import Action, AuditEvent
from tests.web.sign_in import demo_code


@pytest.mark.django_db
def test_demo_partnership_has_one_user_per_role_and_is_idempotent(demo):
    call_command("load_demo_partnership", verbosity=0)
    _, users = demo
    assert {u.role for u in users.values()} == set(Role.values)
    assert User.objects.count() == len(DEMO_USERS)
    assert Partnership.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("demo_user", DEMO_USERS, ids=lambda d: d.username)
def test_each_demo_user_signs_in_and_sees_partnership_agency_and_role(
    client, demo, demo_password, demo_user
):
    response = client.post(
        reverse("sign-in"), {"username": demo_user.username, "password": demo_password}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two-factor-verify"))
    response = client.post(response["Location"], {"code": demo_code(demo_user.username)})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    page = client.get(reverse("home")).content.decode()
    assert "Northmoor Safeguarding Children Partnership" in page
    assert demo_user.agency.replace("'", "&#x27;") in page
    assert Role(demo_user.role).label in page


@pytest.mark.django_db
def test_wrong_password_shows_an_error_summary_and_is_recorded(client, demo):
    response = client.post(reverse("sign-in"), {"username": "hv.lead", "password": "wrong-one"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and "Enter a correct username and password" in body
    assert AuditEvent.objects.filter(
        action=Action.SIGN_IN_FAILED, actor_username="hv.lead"
    ).exists()


@pytest.mark.django_db
def test_empty_sign_in_names_each_missing_field(client, demo):
    body = client.post(reverse("sign-in"), {}).content.decode()
    assert "Enter your username" in body and "Enter your password" in body


@pytest.mark.django_db
def test_repeated_failures_lock_the_account(client, demo, demo_password):
    for _ in range(5):
        client.post(reverse("sign-in"), {"username": "hv.lead", "password": "wrong-password"})
    response = client.post(reverse("sign-in"), {"username": "hv.lead", "password": demo_password})
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()


@pytest.mark.django_db
def test_sign_out_is_a_post_and_ends_the_session(client_for):
    client = client_for("hv.practitioner")
    response = client.post(reverse("sign-out"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302
    assert AuditEvent.objects.filter(action=Action.SIGN_OUT).count() == 1


@pytest.mark.django_db
def test_agency_must_belong_to_the_users_partnership(demo):
    partnership, users = demo
    other = Partnership.objects.create(name="Other partnership")
    foreign_agency = Agency.objects.create(partnership=other, name="Other police")
    user = users["hv.practitioner"]
    user.agency = foreign_agency
    with pytest.raises(ValidationError):
        user.full_clean()


@pytest.mark.django_db
def test_staff_status_follows_the_partnership_admin_role(demo):
    _, users = demo
    assert users["admin"].is_staff
    assert not users["audit.lead"].is_staff
    users["audit.lead"].role = Role.PARTNERSHIP_ADMIN
    users["audit.lead"].save()
    assert User.objects.get(username="audit.lead").is_staff


@pytest.mark.django_db
def test_business_team_admin_sees_only_their_own_partnership(client_for, demo):
    other = Partnership.objects.create(name="Elsewhere partnership")
    Agency.objects.create(partnership=other, name="Elsewhere police")
    page = client_for("admin").get("/admin/accounts/agency/").content.decode()
    assert "Northmoor Police" in page
    assert "Elsewhere police" not in page


@pytest.mark.django_db
def test_admin_changes_are_written_to_the_audit_trail(client_for, demo):
    client = client_for("admin")
    response = client.post(
        "/admin/accounts/agency/add/", {"name": "Probation service", "kind": "probation"}
    )
    assert response.status_code == 302
    agency = Agency.objects.get(name="Probation service")
    assert agency.partnership.name == "Northmoor Safeguarding Children Partnership"
    assert AuditEvent.objects.filter(action=Action.CREATE, object_ref=str(agency.pk)).exists()
