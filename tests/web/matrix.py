"""What every permission matrix of the web apps shares (tests/web/*/test_permission_matrix.py):
the demo users in the columns' order, the audit stages by letter, reading a matrix's rows, and
one request in a savepoint that is rolled back, so that every user meets the same state."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import transaction

USERS = [
    "admin",
    "audit.lead",
    "hv.lead",
    "hv.practitioner",
    "police.lead",
    "police.practitioner",
    "csc.lead",
    "csc.practitioner",
    "panel.member",
    "board.reader",
]
STAGES = {
    "C": "commissioned",
    "R": "returns_open",
    "M": "moderation_open",
    "F": "findings_agreed",
    "X": "closed",
}


def matrix_rows(matrix: str) -> Iterator[tuple[str, str, str, str, dict[str, int]]]:
    """``page method target stages code...`` lines → (page, method, target, stages,
    {username: status code})."""
    for line in matrix.strip().splitlines():
        page, method, target, stages, *codes = line.split()
        assert len(codes) == len(USERS), line
        yield page, method, target, stages, dict(zip(USERS, map(int, codes), strict=True))


def status_rolled_back(client, method: str, url: str, data: dict | None = None) -> int:
    """The status code of one request whose changes are then undone."""
    with transaction.atomic():
        response = client.post(url, data or {}) if method == "POST" else client.get(url)
        transaction.set_rollback(True)
    return response.status_code


def elsewhere_users(*roles: tuple[str, str]) -> list[str]:
    """Users of another partnership ("Elsewhere SCP", with a business team of its own), one per
    ``(username, role)``: the usernames, for checking that a page shows them nothing."""
    from maca.web.accounts.models import Agency, Partnership, User

    other = Partnership.objects.create(name="Elsewhere SCP")
    team = Agency.objects.create(partnership=other, name="Business team", kind="business_team")
    for username, role in roles:
        User.objects.create_user(username, partnership=other, agency=team, role=role)
    return [username for username, _ in roles]
