"""The partnership's own audit tools (ADR 0341): each version's questions; a new version as a
copy of one, edited section by section and question by question while no return was made with
it (``ToolVersion.clean``); which versions are offered when commissioning an audit."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from maca.web.common.views import permission_required, posted

from .. import services
from ..fetchers import tool_version_from
from ..forms import ANSWER_TYPE_LABELS, ConfirmForm, QuestionForm, SectionForm
from ..pages import crumbs, page
from ..queries import tool_versions_visible_to, tools_visible_to

TYPE_LABELS = dict(ANSWER_TYPE_LABELS)


@permission_required("administration.administer")
def tool_list(request):
    versions = list(tool_versions_visible_to(request.user))
    tools = [
        {"tool": tool, "versions": [v for v in versions if v.tool_id == tool.pk]}
        for tool in tools_visible_to(request.user)
    ]
    return render(request, "administration/tool_list.html", {"crumbs": crumbs(), "tools": tools})


def _version_crumbs(version):
    url = reverse("administration:tool-version", args=[version.pk])
    return crumbs("tools", (str(version), url))


def _back(version):
    return redirect("administration:tool-version", pk=version.pk)


@permission_required("administration.manage_tool_version", tool_version_from)
def version_detail(request, version):
    sections = [
        {
            "section": section,
            "questions": [
                {**q, "type_label": TYPE_LABELS.get(q.get("type"), q.get("type"))}
                for q in section["questions"]
            ],
        }
        for section in version.sections
    ]
    return render(
        request,
        "administration/tool_version.html",
        {
            "crumbs": crumbs("tools"),
            "version": version,
            "sections": sections,
            "editable": request.user.has_perm("administration.edit_tool_version", version),
            "audits": version.audits.count(),
        },
    )


def _confirm(request, version, *, heading, submit, consequences, act, done):
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            made = act()
        except services.Refused as refusal:
            messages.error(request, str(refusal))
            return _back(version)
        except ValidationError as invalid:
            messages.error(request, " ".join(invalid.messages))
            return _back(version)
        messages.success(request, done)
        return _back(made if made is not None else version)
    return render(
        request,
        "administration/confirm.html",
        {
            "form": form,
            "crumbs": _version_crumbs(version),
            "page": page(
                heading,
                caption=str(version),
                submit=submit,
                cancel=reverse("administration:tool-version", args=[version.pk]),
                consequences=consequences,
            ),
        },
    )


@permission_required("administration.manage_tool_version", tool_version_from)
def version_copy(request, version):
    def act():
        return services.copy_tool_version(version, request.user, request=request)

    return _confirm(
        request,
        version,
        heading="Make a new version from this one?",
        submit="Make a new version",
        consequences=[
            "A new version of the tool, with the same sections and questions, to edit.",
            "It is not offered for new audits until you offer it.",
            f"{version} stays as it is, and audits that use it keep it.",
        ],
        act=act,
        done="New version made: edit its questions, then offer it",
    )


@permission_required("administration.manage_tool_version", tool_version_from)
def version_offer(request, version):
    offered = not version.published

    def act():
        services.offer_tool_version(version, request.user, offered=offered, request=request)

    if offered:
        words = {
            "heading": "Offer this version for new audits?",
            "submit": "Offer it",
            "consequences": [
                "It can be chosen when commissioning an audit.",
                "Once a return is made with it, its questions can no longer change.",
            ],
            "done": f"{version} is offered for new audits",
        }
    else:
        words = {
            "heading": "Stop offering this version?",
            "submit": "Stop offering it",
            "consequences": [
                "It can no longer be chosen when commissioning an audit.",
                "Audits that use it keep it.",
            ],
            "done": f"{version} is no longer offered",
        }
    return _confirm(request, version, act=act, **words)


def _section_or_404(version, key: str) -> dict:
    section = version.section(key)
    if section is None:
        raise Http404("No such section")
    return section


def _question_or_404(version, key: str) -> tuple[dict, dict]:
    for section in version.sections:
        for question in section["questions"]:
            if question["key"] == key:
                return section, question
    raise Http404("No such question")


def _edit_page(request, version, form, heading, submit, change, *, intro=()):
    """A form that edits the version's questions: ``change(cleaned_data)`` (a service call) on a
    valid post; a problem with the result (a return made meanwhile) is shown on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            change(form.cleaned_data)
        except ValidationError as invalid:
            form.add_error(None, " ".join(invalid.messages))
        else:
            messages.success(request, "Saved")
            return _back(version)
    return render(
        request,
        "administration/form.html",
        {
            "form": form,
            "crumbs": _version_crumbs(version),
            "page": page(
                heading,
                caption=str(version),
                submit=submit,
                cancel=reverse("administration:tool-version", args=[version.pk]),
                intro=intro,
            ),
        },
    )


@permission_required("administration.edit_tool_version", tool_version_from)
def section_add(request, version):
    form = SectionForm(posted(request))
    return _edit_page(
        request,
        version,
        form,
        "Add a section",
        "Add the section",
        lambda data: services.add_section(version, request.user, request=request, **data),
        intro=["It starts with one question (is this evidenced?), which you can then change."],
    )


@permission_required("administration.edit_tool_version", tool_version_from)
def section_change(request, version, key):
    section = _section_or_404(version, key)
    form = SectionForm(posted(request), initial={"title": section["title"]})
    return _edit_page(
        request,
        version,
        form,
        f"Section {key}: title",
        "Save the title",
        lambda data: services.change_section(version, key, request.user, request=request, **data),
    )


@permission_required("administration.edit_tool_version", tool_version_from)
def section_remove(request, version, key):
    section = _section_or_404(version, key)

    def act():
        services.remove_section(version, key, request.user, request=request)

    return _confirm(
        request,
        version,
        heading=f"Remove section {key}?",
        submit="Remove the section",
        consequences=[
            f"Section {key} ({section['title']}) and its {len(section['questions'])} "
            "questions are removed from this version.",
            "Other versions keep theirs.",
        ],
        act=act,
        done=f"Section {key} removed",
    )


@permission_required("administration.edit_tool_version", tool_version_from)
def question_add(request, version, key):
    _section_or_404(version, key)
    form = QuestionForm(posted(request), initial={"type": "text"})
    return _edit_page(
        request,
        version,
        form,
        f"Add a question to section {key}",
        "Add the question",
        lambda data: services.add_question(version, key, request.user, request=request, **data),
        intro=["It is added at the end of the section."],
    )


@permission_required("administration.edit_tool_version", tool_version_from)
def question_change(request, version, key):
    _, question = _question_or_404(version, key)
    form = QuestionForm(posted(request), initial=QuestionForm.initial_for(question))
    return _edit_page(
        request,
        version,
        form,
        "Change the question",
        "Save the question",
        lambda data: services.change_question(version, key, request.user, request=request, **data),
    )


@permission_required("administration.edit_tool_version", tool_version_from)
def question_remove(request, version, key):
    section, question = _question_or_404(version, key)
    if len(section["questions"]) == 1:
        messages.error(
            request,
            f"Section {section['key']} has no other question: remove the section instead",
        )
        return _back(version)

    def act():
        services.remove_question(version, key, request.user, request=request)

    return _confirm(
        request,
        version,
        heading="Remove this question?",
        submit="Remove the question",
        consequences=[f"“{question['text']}” is removed from section {section['key']}."],
        act=act,
        done="Question removed",
    )
