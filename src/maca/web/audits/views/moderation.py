"""Audit day: a case's returns side by side with the merged chronology, consensus findings
(recorded, changed, deleted), escalation of a live safeguarding concern and its outcome, and the
voice of the family (recorded, changed, deleted)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from maca.web.common.views import permission_required, posted

from .. import corrections, services, tool_schema
from ..fetchers import audit_from, case_from, escalation_from, finding_from, voice_from
from ..forms import (
    EscalationForm,
    EscalationOutcomeForm,
    FamilyVoiceForm,
    FindingForm,
    Reason,
    corrected,
    with_reason,
)
from ..models import ChronologyEntry
from ..queries import theme_names, visible_returns
from .pages import delete_page
from .returns import answer_text


def side_by_side(case, returns) -> list[dict]:
    """Per section, per question: each agency's answer in a column. The audit's tool version
    leads; a return made with another version shows its answers under the same keys."""
    themes = theme_names(case.audit.partnership)
    graded = case.audit.grading
    sections = []
    for section in case.audit.tool_version.sections:
        rows = []
        for question in tool_schema.questions_of(section, graded=graded):
            rows.append(
                {
                    "question": question,
                    "answers": [answer_text(question, r.answers, themes) for r in returns],
                }
            )
        sections.append({"section": section, "rows": rows})
    return sections


@permission_required("audits.moderate_case", case_from)
def moderation(request, case):
    returns = list(visible_returns(request.user, case))
    chronology = (
        ChronologyEntry.objects.filter(single_agency_return__in=returns)
        .select_related("agency")
        .order_by("sort_date", "time", "sequence", "agency__name", "id")
    )
    return render(
        request,
        "audits/moderation.html",
        {
            "case": case,
            "audit": case.audit,
            "returns": returns,
            "sections": side_by_side(case, returns),
            "chronology": chronology,
            "findings": case.findings.prefetch_related("themes", "agencies"),
            "voices": case.family_voices.all(),
            "escalations": case.escalations.select_related("raised_by"),
        },
    )


@permission_required("audits.record_finding", case_from)
def finding_add(request, case):
    form = FindingForm(posted(request), case=case)
    if request.method == "POST" and form.is_valid():
        finding = services.record_finding(case, request.user, request=request, **form.cleaned_data)
        messages.success(request, f"{finding.get_kind_display()} recorded for {case.case_ref}")
        return redirect("audits:moderation", pk=case.pk)
    return render(request, "audits/finding_form.html", {"case": case, "form": form})


CorrectedFindingForm = with_reason(
    FindingForm, "Why are you changing the finding?", "Enter why you are changing the finding"
)
CorrectedVoiceForm = with_reason(
    FamilyVoiceForm, "Why are you changing their view?", "Enter why you are changing it"
)


@permission_required("audits.correct_finding", finding_from)
def finding_edit(request, finding):
    case = finding.case
    form = CorrectedFindingForm(posted(request), case=case, instance=finding)
    if request.method == "POST" and form.is_valid():
        reason, fields = corrected(form)
        corrections.edit_finding(finding, request.user, reason=reason, request=request, **fields)
        messages.success(request, "The finding is changed; the correction is recorded")
        return redirect("audits:moderation", pk=case.pk)
    return render(
        request, "audits/finding_form.html", {"case": case, "form": form, "finding": finding}
    )


@permission_required("audits.correct_finding", finding_from)
def finding_delete(request, finding):
    case = finding.case
    form = Reason(posted(request), label="Why are you deleting the finding?", error="Enter why")
    if request.method == "POST" and form.is_valid():
        corrections.delete_finding(
            finding, request.user, reason=form.cleaned_data["reason"], request=request
        )
        messages.success(
            request, "The finding is deleted; what it said is kept with the correction"
        )
        return redirect("audits:moderation", pk=case.pk)
    return delete_page(
        request,
        form,
        heading=f"Delete this {finding.get_kind_display().lower()}?",
        caption=f"Child {case.case_ref} · audit day",
        back=reverse("audits:moderation", args=[case.pk]),
        quoted=finding.text,
    )


@permission_required("audits.escalate_concern", case_from)
def escalate(request, case):
    form = EscalationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        escalation = services.escalate_concern(
            case, request.user, request=request, **form.cleaned_data
        )
        messages.success(request, "Concern escalated and recorded with who and when")
        if escalation.notified_at:
            messages.success(
                request,
                f"{escalation.escalated_to_email} was emailed that it was escalated to them",
            )
        else:
            messages.warning(
                request,
                f"The email to {escalation.escalated_to_email} could not be sent: tell them "
                "yourself that the concern was escalated to them",
            )
        return redirect("audits:case-detail", pk=case.pk)
    return render(request, "audits/escalation_form.html", {"case": case, "form": form})


@permission_required("audits.record_escalation_outcome", escalation_from)
def escalation_outcome(request, escalation):
    case = escalation.case
    form = EscalationOutcomeForm(posted(request), instance=escalation)
    if request.method == "POST" and form.is_valid():
        services.record_escalation_outcome(
            escalation, request.user, request=request, **form.cleaned_data
        )
        messages.success(request, "The outcome of the escalation is recorded")
        return redirect("audits:case-detail", pk=case.pk)
    return render(
        request,
        "audits/escalation_outcome.html",
        {"case": case, "escalation": escalation, "form": form},
    )


def _after_voice(request, voice):
    """Back to the case's moderation page if the user may see it, else the audit page (a
    recorded view never lands on a refusal)."""
    if voice.case_id and request.user.has_perm("audits.moderate_case", voice.case):
        return redirect("audits:moderation", pk=voice.case_id)
    return redirect("audits:audit-overview", pk=voice.audit_id)


@permission_required("audits.record_family_voice", audit_from)
def family_voice_add(request, audit):
    initial = {"case": request.GET.get("case")} if request.GET.get("case", "").isdigit() else {}
    form = FamilyVoiceForm(posted(request), audit=audit, initial=initial)
    if request.method == "POST" and form.is_valid():
        voice = services.record_family_voice(
            audit, request.user, request=request, **form.cleaned_data
        )
        messages.success(request, f"The {voice.role.lower()}'s view is recorded")
        return _after_voice(request, voice)
    return render(request, "audits/family_voice_form.html", {"audit": audit, "form": form})


@permission_required("audits.correct_family_voice", voice_from)
def family_voice_edit(request, voice):
    audit = voice.audit
    form = CorrectedVoiceForm(posted(request), audit=audit, instance=voice)
    if request.method == "POST" and form.is_valid():
        reason, fields = corrected(form)
        corrections.edit_family_voice(voice, request.user, reason=reason, request=request, **fields)
        messages.success(request, "Their view is changed; the correction is recorded")
        return _after_voice(request, voice)
    return render(
        request,
        "audits/family_voice_form.html",
        {"audit": audit, "form": form, "voice": voice},
    )


@permission_required("audits.correct_family_voice", voice_from)
def family_voice_delete(request, voice):
    form = Reason(posted(request), label="Why are you deleting their view?", error="Enter why")
    if request.method == "POST" and form.is_valid():
        case, audit_id = voice.case, voice.audit_id
        corrections.delete_family_voice(
            voice, request.user, reason=form.cleaned_data["reason"], request=request
        )
        messages.success(request, "Their view is deleted; what it said is kept with the correction")
        if case is not None and request.user.has_perm("audits.moderate_case", case):
            return redirect("audits:moderation", pk=case.pk)
        return redirect("audits:audit-overview", pk=audit_id)
    return delete_page(
        request,
        form,
        heading=f"Delete the {voice.role.lower()}'s view?",
        caption=voice.audit.title,
        back=reverse("audits:audit-overview", args=[voice.audit_id]),
        quoted=voice.quote,
    )
