"""The colour of an audit's stage, a return's status and a section's state as a GOV.UK tag."""

from __future__ import annotations

from django import template

from .. import labels
from ..models import SingleAgencyReturn
from ..stages import Stage
from ..tool_schema import SECTION_COMPLETED, SECTION_IN_PROGRESS, SECTION_NOT_STARTED

register = template.Library()
Status = SingleAgencyReturn.Status

STATUS_TAGS = {
    Status.DRAFT: "govuk-tag--grey",
    Status.SUBMITTED: "govuk-tag--blue",
    Status.SIGNED_OFF: "govuk-tag--green",
    Status.REOPENED: "govuk-tag--orange",
    Status.SENT_BACK: "govuk-tag--orange",
    Stage.COMMISSIONED: "govuk-tag--grey",
    Stage.RETURNS_OPEN: "govuk-tag--blue",
    Stage.MODERATION_OPEN: "govuk-tag--purple",
    Stage.FINDINGS_AGREED: "govuk-tag--green",
    Stage.CLOSED: "govuk-tag--grey",
    SECTION_COMPLETED: "govuk-tag--green",
    SECTION_IN_PROGRESS: "govuk-tag--light-blue",
    SECTION_NOT_STARTED: "govuk-tag--grey",
}


@register.filter
def tag_class(status: str) -> str:
    return STATUS_TAGS.get(str(status), "govuk-tag--grey")


@register.filter
def age(days) -> str:
    """An age in days in words (``2 months (62 days)``)."""
    return labels.age_in_words(days)


@register.filter
def entry_date(entry) -> str:
    return labels.entry_date_words(entry)
