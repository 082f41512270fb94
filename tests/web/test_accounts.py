from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from maca.web.accounts.demo import DEMO_USERS
from maca.web.accounts.models import Agency, Partnership, User
from maca.web.accounts.roles import Role
from maca.web.trail.models import Action, AuditEvent
from tests.web.sign_in import demo_code, pass_second_factor


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
def test_staff_status_follows_superuser_status_only(demo):
    _, users = demo
    assert not users["admin"].is_staff
    users["audit.lead"].role = Role.PARTNERSHIP_ADMIN
    users["audit.lead"].save()
    assert not User.objects.get(username="audit.lead").is_staff
    assert User.objects.create_superuser("root", "root@example.org", "x" * 16).is_staff


@pytest.fixture
def superuser_client(client, demo):
    root = User.objects.create_superuser("root", "root@example.org", "x" * 16)
    client.force_login(root)
    pass_second_factor(client, root)
    return client


@pytest.mark.django_db
def test_django_admin_adds_a_user_with_an_agency_and_takes_its_partnership(superuser_client, demo):
    """The defect: "Add user" with any agency failed ("The agency must belong to the user's
    partnership"), because the form had no partnership when the model checked it."""
    partnership, _ = demo
    police = Agency.objects.get(partnership=partnership, name="Northmoor Police")
    response = superuser_client.post(
        "/admin/accounts/user/add/",
        {
            "username": "added.in.admin",
            "password1": "lantern-orchard-kettle-47",
            "password2": "lantern-orchard-kettle-47",
            "usable_password": "true",
            "agency": police.pk,
            "role": Role.PRACTITIONER,
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    user = User.objects.get(username="added.in.admin")
    assert (user.partnership, user.agency) == (partnership, police)


@pytest.mark.django_db
def test_the_django_admin_index_lists_every_part_for_a_superuser(superuser_client):
    """The defect: the admin index listed only tools, themes and versions."""
    page = superuser_client.get("/admin/").content.decode()
    for name in ("Partnerships", "Agencies", "Users", "Access attempts", "Themes", "Tool versions"):
        assert name in page, name


@pytest.mark.django_db
def test_the_administration_entry_of_the_menu_opens_every_part(client_for):
    """The defect, as the business team met it: the menu's Administration led to an index of
    tools, themes and versions only. It leads to maca's administration pages now."""
    client = client_for("admin")
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("administration:index")}"' in home and "/admin/" not in home
    page = client.get(reverse("administration:index")).content.decode()
    for part in (
        "Users",
        "Sign-in lockouts",
        "Agencies",
        "Partnership details",
        "Themes",
        "Audit tools",
    ):
        assert part in page, part


@pytest.mark.django_db
def test_django_admin_changes_are_written_to_the_audit_trail(superuser_client, demo):
    partnership, _ = demo
    response = superuser_client.post(
        "/admin/accounts/agency/add/",
        {
            "partnership": partnership.pk,
            "name": "Probation service",
            "kind": "probation",
            "active": "on",
        },
    )
    assert response.status_code == 302
    agency = Agency.objects.get(name="Probation service")
    assert AuditEvent.objects.filter(action=Action.CREATE, object_ref=agency.name).exists()
