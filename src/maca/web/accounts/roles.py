"""The roles of shared/spec/audit.md. A user holds one role in their partnership."""

from django.db import models


class Role(models.TextChoices):
    PARTNERSHIP_ADMIN = "partnership_admin", "Partnership admin (business team)"
    AUDIT_LEAD = "audit_lead", "Audit lead"
    AGENCY_LEAD = "agency_lead", "Agency lead"
    PRACTITIONER = "practitioner", "Practitioner"
    PANEL_MEMBER = "panel_member", "Panel member"
    BOARD_READER = "board_reader", "Board reader"


ROLE_SUMMARY = {
    Role.PARTNERSHIP_ADMIN: (
        "Everything in your partnership, including users, agencies and audit tools."
    ),
    Role.AUDIT_LEAD: (
        "Run an audit: cohort, assignments, moderation, findings and the learning briefing."
    ),
    Role.AGENCY_LEAD: "See and sign off your agency's returns; assign your agency's practitioners.",
    Role.PRACTITIONER: "Complete the returns and chronology entries assigned to you.",
    Role.PANEL_MEMBER: "Read all returns of an audit once moderation opens; record findings.",
    Role.BOARD_READER: "Read published briefings and findings summaries.",
}
