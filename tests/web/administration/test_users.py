"""Users in the administration pages: add with an agency and role (one-time set-password link
by email and shown once), set the password by the link, change, deactivate, reactivate, reset a
password, unlock after a lockout. Each change is in the trail, in the change's transaction."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client
from django.urls import reverse

from maca.web.accounts.models import Agency, Partnership, User
from maca.web.accounts.roles import Role
from maca.web.accounts.two_factor import totp_code
from maca.web.administration import services
from maca.web.trail.models import Action, AuditEvent

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "lantern-orchard-kettle-47"  # noqa: S105 - a test value


def _agency(name="Northmoor Police"):
    return Agency.objects.get(name=name)


def _add(client, **changes):
    data = {
        "username": "new.practitioner",
        "first_name": "Ash",
        "last_name": "Penrose",
        "email": "Ash.Penrose@northmoor.example",
        "job_title": "Police constable",
        "agency": _agency().pk,
        "role": Role.PRACTITIONER,
    }
    return client.post(reverse("administration:user-add"), {**data, **changes})


def _link_in(text: str) -> str:
    return re.search(r"http://[^\s\"<]+/set-password/[^\s\"<]+", text).group(0)


def _path(link: str) -> str:
    return urlsplit(link).path


def _set_password(link: str, password: str = NEW_PASSWORD) -> tuple[Client, object]:
    client = Client()
    first = client.get(_path(link))
    assert first.status_code == 302  # Django takes the token out of the address
    response = client.post(
        first["Location"], {"new_password1": password, "new_password2": password}
    )
    return client, response


def test_an_admin_adds_a_practitioner_with_an_agency_who_sets_a_password_and_signs_in(client_for):
    """The defect: the Django admin's "Add user" failed with any agency ("The agency must belong
    to the user's partnership"). The business team now adds users in maca's own pages."""
    admin = client_for("admin")
    response = _add(admin)
    user = User.objects.get(username="new.practitioner")
    assert response.status_code == 302
    assert response["Location"] == reverse("administration:user-link", args=[user.pk])
    assert user.partnership.name == "Northmoor Safeguarding Children Partnership"
    assert (user.agency, user.role, user.email) == (
        _agency(),
        Role.PRACTITIONER,
        "ash.penrose@northmoor.example",
    )
    assert not user.has_usable_password()
    assert AuditEvent.objects.filter(action=Action.CREATE, object_ref="new.practitioner").exists()

    (email,) = mail.outbox
    assert email.to == ["ash.penrose@northmoor.example"] and "new.practitioner" in email.body
    shown = admin.get(response["Location"]).content.decode()
    link = _link_in(email.body)
    assert link in shown
    again = admin.get(response["Location"]).content.decode()
    assert link not in again and "was shown once" in again

    client, done = _set_password(link)
    assert done.status_code == 302 and done["Location"] == reverse("sign-in")
    signed_in = client.post(
        reverse("sign-in"), {"username": "new.practitioner", "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302
    # A new user sets up two-factor sign-in at their first sign-in (ADR 0501).
    assert client.get(reverse("home"))["Location"].startswith(reverse("two-factor-set-up"))
    set_up = client.get(reverse("two-factor-set-up")).content.decode()
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', set_up).group(1)
    client.post(reverse("two-factor-set-up"), {"code": totp_code(secret.replace(" ", ""))})
    home = client.get(reverse("home")).content.decode()
    assert "Northmoor Police" in home and "Practitioner" in home
    assert AuditEvent.objects.filter(
        actor_username="new.practitioner", summary="Set their password by a link"
    ).exists()
    # The link works once.
    assert "This link does not work" in Client().get(_path(link), follow=True).content.decode()


def test_the_set_password_page_applies_the_password_validators(client_for):
    _add(client_for("admin"))
    link = _link_in(mail.outbox[0].body)
    _, short = _set_password(link, "short")
    body = short.content.decode()
    assert short.status_code == 200 and "There is a problem" in body
    assert "at least 12 characters" in body
    client = Client()
    form = client.get(_path(link))["Location"]
    mismatch = client.post(form, {"new_password1": NEW_PASSWORD, "new_password2": "other"})
    assert "The two passwords do not match" in mismatch.content.decode()
    assert not User.objects.get(username="new.practitioner").has_usable_password()


def test_adding_a_user_explains_each_problem(client_for):
    admin = client_for("admin")
    body = admin.post(reverse("administration:user-add"), {}).content.decode()
    for message in (
        "Enter a username",
        "Enter their first name",
        "Select their agency",
        "Select their role",
    ):
        assert message in body
    taken = _add(admin, username="HV.Lead").content.decode()
    assert "Someone already has that username" in taken
    odd = _add(admin, username="jo whitfield").content.decode()
    assert "letters, digits and . _ - only" in odd
    assert not User.objects.filter(first_name="Ash").exists()


def test_a_user_can_only_be_given_an_agency_of_the_admins_partnership(client_for):
    other = Partnership.objects.create(name="Elsewhere SCP")
    foreign = Agency.objects.create(partnership=other, name="Elsewhere police")
    body = _add(client_for("admin"), agency=foreign.pk).content.decode()
    assert "Select a valid choice" in body
    assert not User.objects.filter(username="new.practitioner").exists()


def test_an_email_that_cannot_be_sent_still_shows_the_link(client_for, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no mail server (test)")

    monkeypatch.setattr("maca.web.administration.set_password_link.send_mail", refuse)
    admin = client_for("admin")
    shown = admin.get(_add(admin)["Location"]).content.decode()
    assert "The email could not be sent" in shown and "/set-password/" in shown


def test_the_user_list_filters_by_agency_role_status_and_name(client_for, demo):
    admin = client_for("admin")
    url = reverse("administration:user-list")
    police = _agency()
    by_agency = admin.get(url, {"agency": police.pk}).content.decode()
    assert "police.lead" in by_agency and "hv.lead" not in by_agency
    by_role = admin.get(url, {"role": Role.AGENCY_LEAD}).content.decode()
    assert "police.lead" in by_role and "police.practitioner" not in by_role
    by_name = admin.get(url, {"name": "priya"}).content.decode()
    assert "hv.lead" in by_name and "police.lead" not in by_name
    services.deactivate_user(demo[1]["hv.lead"], demo[1]["admin"], reason="Left")
    deactivated = admin.get(url, {"status": "deactivated"}).content.decode()
    assert "hv.lead" in deactivated and "police.lead" not in deactivated
    assert admin.get(url, {"agency": "x", "role": "y", "page": "z"}).status_code == 200


def test_change_a_users_agency_and_role_is_recorded(client_for):
    user = User.objects.get(username="hv.practitioner")
    response = client_for("admin").post(
        reverse("administration:user-change", args=[user.pk]),
        {
            "first_name": "Jo",
            "last_name": "Whitfield",
            "email": "hv.practitioner@northmoor.example",
            "job_title": "Health visitor",
            "agency": _agency().pk,
            "role": Role.AGENCY_LEAD,
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.agency, user.role) == (_agency(), Role.AGENCY_LEAD)
    event = AuditEvent.objects.get(action=Action.CHANGE, object_ref="hv.practitioner")
    assert "role Practitioner → Agency lead" in event.summary
    assert "agency 0-19 health visiting service → Northmoor Police" in event.summary


def test_an_admin_cannot_change_their_own_role(client_for):
    admin = User.objects.get(username="admin")
    client = client_for("admin")
    page = client.get(reverse("administration:user-change", args=[admin.pk])).content.decode()
    assert "You cannot change your own role" in page and 'name="role"' not in page
    client.post(
        reverse("administration:user-change", args=[admin.pk]),
        {
            "first_name": "Alex",
            "last_name": "Brennan",
            "email": "admin@northmoor.example",
            "agency": admin.agency_id,
            "role": Role.PRACTITIONER,
        },
    )
    assert User.objects.get(username="admin").role == Role.PARTNERSHIP_ADMIN


def test_deactivate_needs_a_reason_signs_the_user_out_and_keeps_who_when_why(client_for):
    target = User.objects.get(username="police.practitioner")
    signed_in = client_for("police.practitioner")
    admin = client_for("admin")
    url = reverse("administration:user-deactivate", args=[target.pk])
    page = admin.get(url).content.decode()
    assert "Deactivate this account?" in page and "govuk-button--warning" in page
    assert "Enter the reason" in admin.post(url, {"reason": ""}).content.decode()
    assert User.objects.get(pk=target.pk).is_active
    assert admin.post(url, {"reason": "Left the force"}).status_code == 302
    target.refresh_from_db()
    assert not target.is_active and target.deactivation_reason == "Left the force"
    assert target.deactivated_by.username == "admin" and target.deactivated_at is not None
    assert AuditEvent.objects.filter(summary="Deactivated: Left the force").exists()
    assert signed_in.get(reverse("home")).status_code == 302  # signed out
    detail = admin.get(reverse("administration:user-detail", args=[target.pk])).content.decode()
    assert "Deactivated" in detail and "Left the force" in detail
    assert "Reactivate account" in detail and "Deactivate account" not in detail


def test_the_deactivate_page_says_what_work_the_user_leaves(make_audit, client_for):
    built = make_audit("returns_open")
    practitioner = built.police.practitioner
    page = (
        client_for("admin")
        .get(reverse("administration:user-deactivate", args=[practitioner.pk]))
        .content.decode()
    )
    assert "1 return allocated to them is not yet submitted" in page


def test_nobody_deactivates_or_resets_their_own_account(client_for):
    admin = User.objects.get(username="admin")
    client = client_for("admin")
    for name in ("administration:user-deactivate", "administration:user-reset-password"):
        assert client.get(reverse(name, args=[admin.pk])).status_code == 403
    assert User.objects.get(username="admin").is_active


def test_reactivate(client_for, demo):
    target = demo[1]["police.lead"]
    services.deactivate_user(target, demo[1]["admin"], reason="Long leave")
    response = client_for("admin").post(
        reverse("administration:user-reactivate", args=[target.pk]), {"reason": ""}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.is_active and target.deactivation_reason == ""
    assert AuditEvent.objects.filter(summary="Reactivated", object_ref="police.lead").exists()


def test_reset_password_stops_the_old_one_ends_sessions_and_sends_a_new_link(
    client, client_for, demo_password
):
    target = User.objects.get(username="hv.lead")
    signed_in = client_for("hv.lead")
    admin = client_for("admin")
    url = reverse("administration:user-reset-password", args=[target.pk])
    assert "Enter the reason" in admin.post(url, {"reason": ""}).content.decode()
    response = admin.post(url, {"reason": "Forgot it; identity checked by phone"})
    assert response.status_code == 302
    assert signed_in.get(reverse("home")).status_code == 302
    old = client.post(reverse("sign-in"), {"username": "hv.lead", "password": demo_password})
    assert old.status_code == 200  # the old password no longer works
    link = _link_in(mail.outbox[-1].body)
    assert "reset by your business team" in mail.outbox[-1].body
    assert link in admin.get(response["Location"]).content.decode()
    _, done = _set_password(link)
    assert done.status_code == 302
    assert AuditEvent.objects.filter(
        object_ref="hv.lead", summary__startswith="Reset the password"
    ).exists()


def test_a_newer_link_replaces_an_older_one(demo):
    target, admin = demo[1]["hv.lead"], demo[1]["admin"]
    older = services.reset_password(target, admin, reason="first").link
    newer = services.reset_password(target, admin, reason="second").link
    assert "This link does not work" in Client().get(_path(older), follow=True).content.decode()
    _, done = _set_password(newer)
    assert done.status_code == 302


def test_a_deactivated_users_link_does_not_work(demo):
    target, admin = demo[1]["hv.lead"], demo[1]["admin"]
    link = services.reset_password(target, admin, reason="forgot").link
    services.deactivate_user(target, admin, reason="left")
    assert "This link does not work" in Client().get(_path(link), follow=True).content.decode()


def _lock_out(client, username: str) -> None:
    for _ in range(5):
        client.post(reverse("sign-in"), {"username": username, "password": "wrong-password"})


def test_a_locked_out_user_is_unlocked_by_the_business_team(client, client_for, demo_password):
    """The defect: the lockout page sent people to the business team, who got 403 on the
    lockout records (the Django admin's). The records of their own users are theirs now."""
    _lock_out(client, "hv.lead")
    locked = client.post(reverse("sign-in"), {"username": "hv.lead", "password": demo_password})
    assert locked.status_code == 429
    assert "Sign-in lockouts" in locked.content.decode()
    admin = client_for("admin")
    listing = admin.get(reverse("administration:lockout-list")).content.decode()
    assert "hv.lead" in listing and "Locked until" in listing
    target = User.objects.get(username="hv.lead")
    detail = admin.get(reverse("administration:user-detail", args=[target.pk])).content.decode()
    assert "Locked out" in detail and "Unlock sign-in" in detail
    url = reverse("administration:user-unlock", args=[target.pk])
    assert "Check it is them" in admin.get(url).content.decode()
    assert admin.post(url, {"reason": "Phoned; it was them"}).status_code == 302
    again = client.post(reverse("sign-in"), {"username": "hv.lead", "password": demo_password})
    assert again.status_code == 302
    assert AuditEvent.objects.filter(
        object_ref="hv.lead", summary__startswith="Unlocked sign-in (1 lockout records cleared)"
    ).exists()


def test_lockout_records_show_only_the_admins_own_partnerships_users(client, client_for):
    other = Partnership.objects.create(name="Elsewhere SCP")
    team = Agency.objects.create(partnership=other, name="Elsewhere team", kind="business_team")
    User.objects.create_user("elsewhere.user", partnership=other, agency=team, role=Role.AUDIT_LEAD)
    _lock_out(client, "elsewhere.user")
    _lock_out(client, "nobody.known")
    _lock_out(client, "police.lead")
    listing = client_for("admin").get(reverse("administration:lockout-list")).content.decode()
    assert "police.lead" in listing
    assert "elsewhere.user" not in listing and "nobody.known" not in listing


def test_setting_the_password_by_link_also_clears_a_lockout(client, demo):
    _lock_out(client, "hv.lead")
    link = services.reset_password(demo[1]["hv.lead"], demo[1]["admin"], reason="locked").link
    _set_password(link)
    response = client.post(reverse("sign-in"), {"username": "hv.lead", "password": NEW_PASSWORD})
    assert response.status_code == 302 and SESSION_KEY in client.session


@pytest.mark.parametrize(
    "change",
    [
        lambda users: services.add_user(
            users["admin"],
            username="x.y",
            first_name="X",
            last_name="Y",
            email="x@northmoor.example",
            agency=users["admin"].agency,
            role=Role.PRACTITIONER,
        ),
        lambda users: services.change_user(users["hv.lead"], users["admin"], job_title="Other"),
        lambda users: services.deactivate_user(users["hv.lead"], users["admin"], reason="r"),
        lambda users: services.reset_password(users["hv.lead"], users["admin"], reason="r"),
        lambda users: services.set_password_from_link(users["hv.lead"], NEW_PASSWORD),
    ],
    ids=["add", "change", "deactivate", "reset", "set-password"],
)
def test_a_user_change_whose_trail_entry_fails_leaves_nothing_changed(demo, trail_fails, change):
    before = list(User.objects.order_by("pk").values())
    with trail_fails(), pytest.raises(Exception, match="audit trail cannot be written"):
        change(demo[1])
    assert list(User.objects.order_by("pk").values()) == before
    assert mail.outbox == []


def test_an_unlock_whose_trail_entry_fails_keeps_the_lockout(client, demo, trail_fails):
    from axes.models import AccessAttempt

    _lock_out(client, "hv.lead")
    with trail_fails(), pytest.raises(Exception, match="audit trail cannot be written"):
        services.unlock_user(demo[1]["hv.lead"], demo[1]["admin"])
    assert AccessAttempt.objects.filter(username="hv.lead").exists()
