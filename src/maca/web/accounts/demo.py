"""The synthetic demo partnership `make run` loads: agencies and one user per role.

Everything here is invented. The demo password and each demo user's fixed authenticator secret
are printed by `make run` (``maca manage demo_code USER`` prints the current code); the command
refuses to run under production settings, and a demo authenticator never verifies there.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from .models import Agency, Partnership, User
from .roles import Role
from .two_factor import give_demo_authenticator

DEMO_PARTNERSHIP = "Northmoor Safeguarding Children Partnership"
DEMO_LA_CODE = "999"
# Synthetic demo only (refused under production settings).
DEMO_PASSWORD = "demo-partnership-1001"  # noqa: S105  # nosec B105

DEMO_AGENCIES = [
    ("Partnership business team", Agency.Kind.BUSINESS_TEAM),
    ("Northmoor Police", Agency.Kind.POLICE),
    ("Children's social care", Agency.Kind.CSC),
    ("Early help", Agency.Kind.EARLY_HELP),
    ("0-19 health visiting service", Agency.Kind.HEALTH_VISITING),
    ("Midwifery", Agency.Kind.MIDWIFERY),
    ("General practice", Agency.Kind.GP),
    ("Education and early years", Agency.Kind.EDUCATION),
    ("Housing", Agency.Kind.HOUSING),
    ("Domestic abuse service", Agency.Kind.DOMESTIC_ABUSE),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    agency: str
    role: Role
    job_title: str


DEMO_USERS = [
    DemoUser(
        "admin",
        "Alex",
        "Brennan",
        "Partnership business team",
        Role.PARTNERSHIP_ADMIN,
        "Business manager",
    ),
    DemoUser(
        "audit.lead",
        "Sam",
        "Okafor",
        "Partnership business team",
        Role.AUDIT_LEAD,
        "Quality assurance officer",
    ),
    DemoUser(
        "hv.lead",
        "Priya",
        "Shah",
        "0-19 health visiting service",
        Role.AGENCY_LEAD,
        "Named nurse for safeguarding",
    ),
    DemoUser(
        "hv.practitioner",
        "Jo",
        "Whitfield",
        "0-19 health visiting service",
        Role.PRACTITIONER,
        "Health visitor",
    ),
    DemoUser(
        "police.lead",
        "Chris",
        "Lowther",
        "Northmoor Police",
        Role.AGENCY_LEAD,
        "Detective inspector, safeguarding",
    ),
    DemoUser(
        "police.practitioner",
        "Dana",
        "Moss",
        "Northmoor Police",
        Role.PRACTITIONER,
        "Police sergeant",
    ),
    DemoUser(
        "csc.practitioner",
        "Morgan",
        "Reid",
        "Children's social care",
        Role.PRACTITIONER,
        "Team manager",
    ),
    DemoUser(
        "panel.member",
        "Lee",
        "Carter",
        "Children's social care",
        Role.PANEL_MEMBER,
        "Head of service",
    ),
    DemoUser(
        "board.reader",
        "Robin",
        "Hale",
        "Partnership business team",
        Role.BOARD_READER,
        "Independent scrutineer",
    ),
]


@transaction.atomic
def load_demo_partnership() -> tuple[Partnership, list[User]]:
    """Create (or bring back to its starting state) the demo partnership. Idempotent."""
    partnership, _ = Partnership.objects.update_or_create(
        name=DEMO_PARTNERSHIP,
        defaults={
            "la_code": DEMO_LA_CODE,
            "contact_name": "Northmoor partnership business team",
            "contact_email": "business.team@northmoor.example",
        },
    )
    agencies = {}
    for name, kind in DEMO_AGENCIES:
        agencies[name], _ = Agency.objects.update_or_create(
            partnership=partnership, name=name, defaults={"kind": kind}
        )
    users = []
    for demo in DEMO_USERS:
        user, _ = User.objects.update_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "email": f"{demo.username}@northmoor.example",
                "partnership": partnership,
                "agency": agencies[demo.agency],
                "role": demo.role,
                "job_title": demo.job_title,
                "is_active": True,
                "deactivated_at": None,
                "deactivated_by": None,
                "deactivation_reason": "",
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        give_demo_authenticator(user)
        users.append(user)
    return partnership, users
