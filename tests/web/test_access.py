"""Deny by default: every page needs sign-in unless it is on the short public list."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Public pages and what they answer a visitor who is not signed in. The single sign-on callback
# is public (the provider sends people back to it) and refuses a visit that it did not start.
PUBLIC = {"sign-in": 200, "accessibility": 200, "sso-callback": 403}


def _named_routes(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # the admin has its own staff sign-in; tested below
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_routes(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.converters:
            yield namespace + entry.name


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(set(_named_routes())))
def test_every_page_needs_sign_in_unless_public(client, name):
    response = client.get(reverse(name))
    if name in PUBLIC:
        assert response.status_code == PUBLIC[name]
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("sign-in"))


@pytest.mark.django_db
def test_the_django_admin_is_for_superusers_only(client, client_for):
    """A partnership admin administers their partnership in maca's pages (ADR 0340)."""
    from maca.web.accounts.models import User

    assert client.get("/admin/").status_code == 302
    assert client_for("hv.practitioner").get("/admin/").status_code == 302
    assert client_for("admin").get("/admin/").status_code == 302
    from tests.web.sign_in import pass_second_factor

    root = User.objects.create_superuser("root", "root@example.org", "x" * 16)
    client.force_login(root)
    pass_second_factor(client, root)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_unknown_page_shows_plain_404_without_internals(client_for):
    response = client_for("hv.practitioner").get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert "Traceback" not in body and "urlpatterns" not in body


def test_server_error_page_shows_no_internals(rf):
    from maca.web.errors import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
    assert b"Traceback" not in response.content


@pytest.mark.django_db
def test_signed_in_pages_are_not_cached_and_carry_a_strict_csp(client_for):
    response = client_for("hv.practitioner").get(reverse("home"))
    assert response["Cache-Control"] == "no-store"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
