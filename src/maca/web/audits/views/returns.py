"""Single-agency returns: my returns, the task list, section forms, submit, sign-off, re-open,
and the agency's chronology entries."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from maca.web.common.views import permission_required, posted

from .. import services, tool_schema
from ..fetchers import return_from
from ..forms import ChronologyEntryForm, ReopenForm, require_answers, section_form_class
from ..models import Theme
from ..queries import my_returns

STALE = (
    "Someone else saved this return after you opened it, so your changes were not saved. "
    "The page now shows the latest version: check it and make your changes again."
)


@permission_required("audits.list_my_returns")
def my_returns_list(request):
    return render(request, "audits/my_returns.html", {"returns": my_returns(request.user)})


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
    themes = {str(t.pk): t.name for t in Theme.objects.all()}
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
        },
    )


@permission_required("audits.edit_return", return_from)
def return_section(request, ret, key):
    section = ret.tool_version.section(key)
    if section is None:
        raise Http404("No such section")
    graded = _graded(ret)
    form_class = section_form_class(section, graded=graded)
    conflict = False
    if request.method == "POST":
        form = form_class(request.POST)
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
    if request.method != "POST" or conflict:
        ret.refresh_from_db()
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


@require_POST
@permission_required("audits.edit_return", return_from)
def return_submit(request, ret):
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
    if services.submit_return(ret, _version(request), request.user, request=request):
        messages.success(request, "Return submitted to your agency lead for sign-off")
    else:
        messages.error(request, STALE)
    return redirect("audits:return-overview", pk=ret.pk)


def _version(request) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


@require_POST
@permission_required("audits.sign_off_return", return_from)
def return_sign_off(request, ret):
    if services.sign_off_return(ret, _version(request), request.user, request=request):
        messages.success(request, "Return signed off and locked")
    else:
        messages.error(request, STALE)
    return redirect("audits:return-overview", pk=ret.pk)


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


@permission_required("audits.edit_return", return_from)
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
