"""Audit day: a case's returns side by side with the merged chronology, consensus findings,
escalation of a live safeguarding concern, and the voice of the family."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render

from maca.web.common.views import permission_required, posted

from .. import services, tool_schema
from ..fetchers import audit_from, case_from
from ..forms import EscalationForm, FamilyVoiceForm, FindingForm
from ..models import ChronologyEntry, Theme
from ..queries import visible_returns
from .returns import answer_text


def side_by_side(case, returns) -> list[dict]:
    """Per section, per question: each agency's answer in a column. The audit's tool version
    leads; a return made with another version shows its answers under the same keys."""
    themes = {str(t.pk): t.name for t in Theme.objects.all()}
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


@permission_required("audits.escalate_concern", case_from)
def escalate(request, case):
    form = EscalationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.escalate_concern(case, request.user, request=request, **form.cleaned_data)
        messages.success(request, "Concern escalated and recorded with who and when")
        return redirect("audits:case-detail", pk=case.pk)
    return render(request, "audits/escalation_form.html", {"case": case, "form": form})


@permission_required("audits.record_family_voice", audit_from)
def family_voice_add(request, audit):
    initial = {"case": request.GET.get("case")} if request.GET.get("case", "").isdigit() else {}
    form = FamilyVoiceForm(posted(request), audit=audit, initial=initial)
    if request.method == "POST" and form.is_valid():
        voice = services.record_family_voice(
            audit, request.user, request=request, **form.cleaned_data
        )
        messages.success(request, f"The {voice.role.lower()}'s view is recorded")
        if voice.case_id:
            return redirect("audits:moderation", pk=voice.case_id)
        return redirect("audits:audit-overview", pk=audit.pk)
    return render(request, "audits/family_voice_form.html", {"audit": audit, "form": form})
