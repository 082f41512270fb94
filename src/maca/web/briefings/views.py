"""The briefing pages: write the narrative, store scope.json, preview, decide small numbers and
publish; read and download published versions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin

from maca.briefing import BriefingInputError, DisclosureError
from maca.briefing.disclosure import KIND_LABELS
from maca.web.audits import readiness
from maca.web.audits.fetchers import audit_from
from maca.web.common.views import permission_required, posted, uploaded
from maca.web.profiles.queries import profile_for

from . import services
from .build import build_briefing, check_buildable, consented_voices, draft_for, theme_uses
from .forms import NarrativeForm, ScopeUploadForm, SmallNumbersForm
from .models import PublishedBriefing
from .queries import visible_published

# The preview is the briefing's own HTML, with its stylesheet inline and its charts as inline
# SVG: it gets a policy of its own that allows exactly that, and no script at all.
PREVIEW_CSP = "; ".join(
    [
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'self'",
    ]
)
FILE_LABELS = {
    "briefing.pdf": "The briefing (PDF)",
    "briefing.docx": "The briefing to edit (Word)",
    "briefing.html": "The briefing as a web page (HTML)",
    "seven-minute-briefing.pdf": "The 7-minute briefing (PDF, one page)",
}
SECTION_ANCHORS = {
    "title": "title",
    "question": "question",
    "overview": "overview",
    "methodology": "methodology",
    "scope": "scope",
    "strengths": "strengths",
    "family_voice": "family-voice",
    "next_steps": "next-steps",
    "learning": "learning",
    "resources": "resources",
}


def published_from(pk) -> PublishedBriefing:
    """A published version without its files (a download reads the one it sends), or 404."""
    return get_object_or_404(
        PublishedBriefing.objects.select_related("audit__partnership").defer(
            *PublishedBriefing.FILE_FIELDS
        ),
        pk=pk,
    )


@permission_required("briefings.edit_briefing", audit_from)
def briefing_edit(request, audit):
    draft = draft_for(audit)
    built = build_briefing(audit, draft)
    uses = [u for u in theme_uses(audit) if u.strength_cases or u.learning_cases]
    voices = list(consented_voices(audit))
    form = NarrativeForm(
        posted(request), draft=draft, uses=uses, voices=voices, profile=profile_for(audit)
    )
    if request.method == "POST" and form.is_valid():
        services.save_draft(draft, request.user, request=request, **form.draft_fields())
        messages.success(request, "The briefing's narrative is saved")
        if request.POST.get("next") == "preview":
            return redirect("briefings:preview", pk=audit.pk)
        return redirect("briefings:edit", pk=audit.pk)
    return render(
        request,
        "briefings/edit.html",
        {"audit": audit, "draft": draft, "built": built, "form": form},
    )


@permission_required("briefings.edit_briefing", audit_from)
def scope_upload(request, audit):
    draft = draft_for(audit)
    form = ScopeUploadForm(posted(request), uploaded(request))
    if request.method == "POST" and form.is_valid():
        scope = form.cleaned_data["scope"]
        services.store_scope(draft, scope["data"], scope["name"], request.user, request=request)
        messages.success(request, f"The scope from {scope['name']} is stored with the audit")
        return redirect("briefings:edit", pk=audit.pk)
    return render(request, "briefings/scope_upload.html", {"audit": audit, "form": form})


def _report_context(audit):
    built = build_briefing(audit)
    problems = check_buildable(built)
    report = None
    if not problems:
        try:
            built, report = services.check_audit(audit, built)
        except services.StoreProblem as problem:
            problems = [str(problem)]
    findings = [
        {
            "where": f"{f.section.replace('_', ' ').capitalize()} / {f.item}",
            "what": KIND_LABELS.get(f.kind, f.kind),
            "excerpt": f.excerpt,
            "anchor": SECTION_ANCHORS.get(f.section, ""),
        }
        for f in (report.findings if report else [])
    ]
    return built, report, problems, findings


@permission_required("briefings.preview_briefing", audit_from)
def briefing_preview(request, audit):
    built, report, problems, findings = _report_context(audit)
    return render(
        request,
        "briefings/preview.html",
        {
            "audit": audit,
            "built": built,
            "report": report,
            "problems": problems,
            "findings": findings,
            "can_publish": request.user.has_perm("briefings.publish_briefing", audit),
        },
    )


@xframe_options_sameorigin
@permission_required("briefings.preview_briefing", audit_from)
def briefing_preview_html(request, audit):
    built = build_briefing(audit)
    problems = check_buildable(built)
    if problems:
        raise Http404("The briefing cannot be built yet")
    response = HttpResponse(services.preview_html(built), content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = PREVIEW_CSP
    return response


@permission_required("briefings.publish_briefing", audit_from)
def briefing_publish(request, audit):
    draft = draft_for(audit)
    built, report, problems, findings = _report_context(audit)
    small = report.small_numbers if report else []
    form = SmallNumbersForm(
        posted(request), small_numbers=small, threshold=draft.small_number_threshold
    )
    refused: list[str] = []
    if request.method == "POST" and not problems and form.is_valid():
        recorded = services.record_decisions(draft, form.choices(), request.user, request=request)
        if request.POST.get("action") == "publish":
            # A briefing the check would refuse is refused at once; one it would pass is
            # confirmed first, with what is not ready (readiness.publish_checks).
            checked = readiness.confirmation(readiness.publish_checks(audit), request)
            if not checked["confirmed"] and _would_pass(audit):
                return _confirm_publish(request, audit, form, checked)
            try:
                version = services.publish_audit(audit, request.user, request=request)
            except DisclosureError as error:
                refused = error.report.problems()
                built, report, problems, findings = _report_context(audit)
            except (BriefingInputError, services.StoreProblem) as problem:
                refused = [str(problem)]
            else:
                messages.success(request, f"Version {version.version} is published")
                return redirect("briefings:published", pk=version.pk)
        else:
            if recorded:
                messages.success(request, f"{recorded} decision(s) recorded")
            return redirect("briefings:publish", pk=audit.pk)
    return render(
        request,
        "briefings/publish.html",
        {
            "audit": audit,
            "built": built,
            "report": report,
            "problems": problems,
            "findings": findings,
            "form": form,
            "refused": refused,
            "history": draft.decisions.select_related("decided_by").order_by("-decided_at", "-id")[
                :50
            ],
            "versions": audit.published_briefings.defer(*PublishedBriefing.FILE_FIELDS),
        },
    )


def _would_pass(audit) -> bool:
    _, report, problems, _ = _report_context(audit)
    return not problems and report is not None and not report.problems()


def _confirm_publish(request, audit, form, checked):
    """Check before publishing: what is not ready, then the choice made on the publish page
    (small numbers included) confirmed as it was."""
    hidden = [("action", "publish")] + [
        (name, request.POST[name]) for name in form.fields if name in request.POST
    ]
    latest = audit.published_briefings.count()
    return render(
        request,
        "common/confirm.html",
        {
            **checked,
            "heading": "Publish a new version of the briefing?",
            "caption": audit.title,
            "back_url": reverse("briefings:publish", args=[audit.pk]),
            "confirm_label": f"Publish version {latest + 1}",
            "hidden": hidden,
        },
    )


@permission_required("briefings.list_published")
def published_list(request):
    return render(
        request,
        "briefings/published_list.html",
        {"versions": visible_published(request.user)},
    )


@permission_required("briefings.read_published", published_from)
def published_detail(request, version):
    return render(
        request,
        "briefings/published_detail.html",
        {
            "version": version,
            "others": version.audit.published_briefings.defer(
                *PublishedBriefing.FILE_FIELDS
            ).exclude(pk=version.pk),
            "files": [
                (label, name, reverse("briefings:download", args=[version.pk, name]))
                for name, label in FILE_LABELS.items()
            ],
        },
    )


@permission_required("briefings.read_published", published_from)
def published_download(request, version, name):
    if name not in services.FILES:
        raise Http404("No such file")
    services.record_download(version, name, request.user, request=request)
    response = HttpResponse(
        services.file_bytes(version, name), content_type=services.FILES[name][1]
    )
    stem = f"A{version.audit_id}-v{version.version}-{name}"
    response["Content-Disposition"] = f'attachment; filename="{stem}"'
    if name.endswith(".html"):
        response["Content-Security-Policy"] = PREVIEW_CSP
    return response
