"""Single-agency returns: my returns (by audit, filtered), the task list, section forms, submit
and sign-off (each checked and confirmed), send back, re-open, and the agency's chronology
entries (added, changed, deleted)."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from maca.web.common.views import Refused, permission_required, posted
from maca.web.common.words import day

from .. import corrections, readiness, services, tool_schema
from ..fetchers import entry_from, return_from
from ..forms import (
    ChronologyEntryForm,
    MyReturnsFilterForm,
    Reason,
    ReopenForm,
    SendBackForm,
    corrected,
    require_answers,
    section_form_class,
    with_reason,
)
from ..models import EDITABLE_STATUSES
from ..queries import my_returns, theme_names
from ..stages import Stage, at_least
from .pages import delete_page

STALE = (
    "Someone else saved this return after you opened it, so your changes were not saved. "
    "The page now shows the latest version: check it and make your changes again."
)


@permission_required("audits.list_my_returns")
def my_returns_list(request):
    """The user's returns grouped by audit, filtered by status and due date."""
    filters = MyReturnsFilterForm(request.GET or None)
    returns = my_returns(request.user)
    if filters.is_bound and filters.is_valid():
        status, due = filters.cleaned_data["status"], filters.cleaned_data["due"]
        today = timezone.localdate()
        if status == "to_do":
            returns = returns.filter(status__in=EDITABLE_STATUSES)
        elif status:
            returns = returns.filter(status=status)
        if due:
            returns = returns.filter(
                status__in=EDITABLE_STATUSES,
                assignment__case__audit__stage=Stage.RETURNS_OPEN,
                assignment__case__withdrawn_at__isnull=True,
            )
            if due == "overdue":
                returns = returns.filter(assignment__due_date__lt=today)
            else:
                returns = returns.filter(
                    assignment__due_date__gte=today,
                    assignment__due_date__lte=today + timedelta(days=7),
                )
    groups: dict = {}
    for ret in returns:
        groups.setdefault(ret.assignment.case.audit, []).append(ret)
    return render(
        request,
        "audits/my_returns.html",
        {
            "groups": [{"audit": a, "returns": rs} for a, rs in groups.items()],
            "count": sum(len(rs) for rs in groups.values()),
            "filters": filters,
            "filtered": filters.is_bound and any(filters.cleaned_data.values())
            if filters.is_bound and filters.is_valid()
            else False,
        },
    )


def why_not_editable(user, ret) -> Refused | None:
    """Why the return's own practitioner or agency lead cannot change it now, in plain words;
    nothing for anyone else (they are refused without a reason)."""
    if not user.has_perm("audits.view_return", ret):
        return None
    assignment = ret.assignment
    holder = assignment.practitioner_id == user.pk or (
        user.role == "agency_lead" and assignment.agency_id == user.agency_id
    )
    if not holder:
        return None
    case, audit = assignment.case, assignment.case.audit
    title = "You cannot change this return now"
    if case.withdrawn:
        reason = (
            f"Child {case.case_ref} was withdrawn from the audit on {day(case.withdrawn_at)}: "
            "nothing more is needed on this return."
        )
    elif audit.stage == Stage.COMMISSIONED:
        reason = "Returns are not open yet: the audit lead opens them when the cases are ready."
    elif at_least(audit.stage, Stage.MODERATION_OPEN):
        when = f" on {day(audit.stage_changed_at)}" if audit.stage_changed_at else ""
        reason = (
            f"Moderation (audit day) opened{when}, so returns can no longer be changed. "
            f"What was saved is kept: the panel reads the return as it is "
            f"({ret.get_status_display().lower()}). If something important is missing, tell "
            "the audit lead."
        )
    elif ret.status == ret.Status.SUBMITTED:
        reason = (
            f"The return was submitted on {day(ret.submitted_at)} and is waiting for sign-off "
            f"by {readiness.who_signs_off(assignment.agency)}, who can send it back to you."
        )
    elif ret.status == ret.Status.SIGNED_OFF:
        reason = (
            f"The return was signed off on {day(ret.signed_off_at)} and is locked. To change it, "
            "ask your agency lead or the audit lead to re-open it."
        )
    else:
        return None
    return Refused(reason, title)


def _graded(ret) -> bool:
    return ret.assignment.case.audit.grading


def section_states(ret) -> list[dict]:
    """Each section of the return's tool version with its state for the task list."""
    graded = _graded(ret)
    states = []
    for section in ret.tool_version.sections:
        questions = tool_schema.questions_of(section, graded=graded)
        answered = [q for q in questions if tool_schema.is_answered(ret.answers.get(q["key"]))]
        missing = tool_schema.missing_in_section(section, ret.answers, graded=graded)
        if not missing:
            state = tool_schema.SECTION_COMPLETED
        else:
            state = tool_schema.SECTION_IN_PROGRESS if answered else tool_schema.SECTION_NOT_STARTED
        states.append({"section": section, "state": state, "missing": missing})
    return states


def _readable_answers(ret) -> list[dict]:
    """Sections with question text and the answer as words (choice labels, theme names)."""
    themes = theme_names(ret.assignment.case.audit.partnership)
    graded = _graded(ret)
    out = []
    for section in ret.tool_version.sections:
        rows = []
        for question in tool_schema.questions_of(section, graded=graded):
            rows.append(
                {"question": question, "answer": answer_text(question, ret.answers, themes)}
            )
        out.append({"section": section, "rows": rows})
    return out


def answer_text(question: dict, answers: dict, themes: dict) -> str:
    value = answers.get(question["key"])
    if value is None or not tool_schema.is_answered(value):
        return ""
    if question["type"] == "themes" and isinstance(value, list):
        return "; ".join(themes.get(str(v), str(v)) for v in value)
    labels = dict(tool_schema.choices_for(question))
    return labels.get(value, str(value)) if labels else str(value)


@permission_required("audits.view_return", return_from)
def return_overview(request, ret):
    return _overview(request, ret)


def _overview(request, ret, errors=()):
    """The return's page, with ``errors`` (links to incomplete sections) when a submit failed."""
    return render(
        request,
        "audits/return_overview.html",
        {
            "ret": ret,
            "case": ret.assignment.case,
            "audit": ret.assignment.case.audit,
            "sections": section_states(ret),
            "answers": _readable_answers(ret),
            "chronology": ret.chronology_entries.all(),
            "extra_errors": list(errors),
            "reopen_form": ReopenForm(initial={"version": ret.version}),
            "signs_off": readiness.who_signs_off(ret.assignment.agency),
        },
    )


@permission_required("audits.edit_return", return_from, why=why_not_editable)
def return_section(request, ret, key):
    section = ret.tool_version.section(key)
    if section is None:
        raise Http404("No such section")
    graded = _graded(ret)
    form_class = section_form_class(
        section, graded=graded, partnership=ret.assignment.case.audit.partnership
    )
    conflict = False
    data = posted(request)
    if request.method == "POST":
        form = form_class(data)
        if form.is_valid():
            completing = "complete" in request.POST
            if completing:
                require_answers(form, section, graded=graded)
            if not form.errors:
                values = {k: v for k, v in form.cleaned_data.items() if k != "version"}
                if services.save_answers(
                    ret,
                    values,
                    form.cleaned_data["version"],
                    request.user,
                    section_key=key,
                    request=request,
                ):
                    return _after_save(request, ret, section, completing)
                conflict = True
    if request.method != "POST" and data is not None:
        form = form_class(data)  # kept after a session ended: shown again to check and save
    elif request.method != "POST" or conflict:
        if conflict:  # the other person's save; the return was read just now otherwise
            ret.refresh_from_db(fields=["answers", "version", "status", "updated_at"])
        form = form_class(initial={**ret.answers, "version": ret.version})
    return render(
        request,
        "audits/return_section.html",
        {
            "ret": ret,
            "case": ret.assignment.case,
            "section": section,
            "form": form,
            "conflict": STALE if conflict else "",
            "unsaved": _unsaved_text(form_class, request.POST) if conflict else [],
        },
    )


def _unsaved_text(form_class, posted) -> list[tuple[str, str]]:
    """The free text a user typed into a form that lost a conflict, so it is not lost."""
    return [
        (field.label, posted.get(name, ""))
        for name, field in form_class.base_fields.items()
        if isinstance(field.widget, forms.Textarea) and posted.get(name, "").strip()
    ]


def _after_save(request, ret, section, completing):
    if not completing:
        messages.success(request, f"Section {section['key']} saved as a draft")
        return redirect("audits:return-overview", pk=ret.pk)
    keys = tool_schema.section_keys(ret.tool_version.sections)
    index = keys.index(str(section["key"]))
    if index + 1 < len(keys):
        return redirect("audits:return-section", pk=ret.pk, key=keys[index + 1])
    messages.success(request, "All sections saved. Check the return and submit it.")
    return redirect("audits:return-overview", pk=ret.pk)


@permission_required("audits.edit_return", return_from, why=why_not_editable)
def return_submit(request, ret):
    """Submit: incomplete sections are errors on the return's page; otherwise a confirmation
    that says what is not ready and who signs off."""
    incomplete = [s for s in section_states(ret) if s["missing"]]
    if incomplete:
        errors = [
            {
                "text": f"Complete section {s['section']['key']}: {s['section']['title']}",
                "href": reverse("audits:return-section", args=[ret.pk, s["section"]["key"]]),
            }
            for s in incomplete
        ]
        return _overview(request, ret, errors)
    context = readiness.confirmation(readiness.submit_checks(ret), request)
    if context["confirmed"]:
        if services.submit_return(ret, _version(request), request.user, request=request):
            who = readiness.who_signs_off(ret.assignment.agency)
            messages.success(request, f"Return submitted: {who} signs it off")
        else:
            messages.error(request, STALE)
        return redirect("audits:return-overview", pk=ret.pk)
    return _confirm(request, ret, context, "Submit the return?", "Submit the return")


def _confirm(request, ret, context, heading, label, **extra):
    return render(
        request,
        "common/confirm.html",
        {
            **context,
            "heading": heading,
            "caption": f"Child {ret.assignment.case.case_ref} · {ret.assignment.agency}",
            "back_url": reverse("audits:return-overview", args=[ret.pk]),
            "confirm_label": label,
            "hidden": [("version", request.POST.get("version", ret.version))],
            **extra,
        },
    )


def _version(request) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


@permission_required("audits.sign_off_return", return_from)
def return_sign_off(request, ret):
    context = readiness.confirmation(readiness.sign_off_checks(ret, request.user), request)
    if context["confirmed"]:
        if services.sign_off_return(ret, _version(request), request.user, request=request):
            messages.success(request, "Return signed off and locked")
        else:
            messages.error(request, STALE)
        return redirect("audits:return-overview", pk=ret.pk)
    return _confirm(request, ret, context, "Sign off the return?", "Sign off and lock")


@permission_required("audits.send_back_return", return_from)
def return_send_back(request, ret):
    form = SendBackForm(posted(request), initial={"version": ret.version})
    if request.method == "POST" and form.is_valid():
        reason, version = form.cleaned_data["reason"], form.cleaned_data["version"]
        if services.send_back_return(ret, version, reason, request.user, request=request):
            messages.success(request, "Return sent back to the practitioner with your reason")
        else:
            messages.error(request, STALE)
        return redirect("audits:return-overview", pk=ret.pk)
    return render(request, "audits/return_send_back.html", {"ret": ret, "form": form})


@permission_required("audits.reopen_return", return_from)
def return_reopen(request, ret):
    form = ReopenForm(posted(request), initial={"version": ret.version})
    if request.method == "POST" and form.is_valid():
        reason, version = form.cleaned_data["reason"], form.cleaned_data["version"]
        if services.reopen_return(ret, version, reason, request.user, request=request):
            messages.success(request, "Return re-opened; the re-opening is recorded")
        else:
            messages.error(request, STALE)
        return redirect("audits:return-overview", pk=ret.pk)
    return render(request, "audits/return_reopen.html", {"ret": ret, "form": form})


@permission_required("audits.edit_return", return_from, why=why_not_editable)
def chronology_add(request, ret):
    form = ChronologyEntryForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.add_chronology_entry(
            ret,
            request.user,
            sort_date=form.sort_date,
            date_uncertain=form.uncertain,
            request=request,
            **form.cleaned_data,
        )
        messages.success(request, "Chronology entry added")
        if "another" in request.POST:
            return redirect("audits:chronology-add", pk=ret.pk)
        return redirect("audits:return-overview", pk=ret.pk)
    return render(request, "audits/chronology_form.html", {"ret": ret, "form": form})


CorrectedEntryForm = with_reason(
    ChronologyEntryForm, "Why are you changing the entry?", "Enter why you are changing the entry"
)


def why_entry_is_fixed(user, entry) -> Refused | None:
    return why_not_editable(user, entry.single_agency_return)


@permission_required("audits.correct_chronology_entry", entry_from, why=why_entry_is_fixed)
def chronology_edit(request, entry):
    ret = entry.single_agency_return
    form = CorrectedEntryForm(posted(request), instance=entry)
    if request.method == "POST" and form.is_valid():
        reason, fields = corrected(form)
        corrections.edit_chronology_entry(
            entry,
            request.user,
            reason=reason,
            sort_date=form.sort_date,
            date_uncertain=form.uncertain,
            request=request,
            **fields,
        )
        messages.success(request, "Chronology entry changed; the correction is recorded")
        return redirect("audits:return-overview", pk=ret.pk)
    return render(
        request, "audits/chronology_form.html", {"ret": ret, "form": form, "entry": entry}
    )


@permission_required("audits.correct_chronology_entry", entry_from, why=why_entry_is_fixed)
def chronology_delete(request, entry):
    ret = entry.single_agency_return
    form = Reason(posted(request), label="Why are you deleting the entry?", error="Enter why")
    if request.method == "POST" and form.is_valid():
        corrections.delete_chronology_entry(
            entry, request.user, reason=form.cleaned_data["reason"], request=request
        )
        messages.success(
            request, "Chronology entry deleted; what it said is kept with the correction"
        )
        return redirect("audits:return-overview", pk=ret.pk)
    return delete_page(
        request,
        form,
        heading="Delete this chronology entry?",
        caption=f"Child {ret.assignment.case.case_ref} · {ret.assignment.agency}",
        back=reverse("audits:return-overview", args=[ret.pk]),
        quoted=f"{entry.date_text}: {entry.event}",
    )
