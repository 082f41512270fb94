"""The briefing pages: write the narrative, store scope.json, preview, decide small numbers and
publish; read and download published versions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin

from maca.briefing import BriefingInputError, DisclosureError
from maca.briefing.number_words import small_number_words
from maca.web.actions.queries import offered_resources
from maca.web.audits import readiness
from maca.web.audits.fetchers import audit_from
from maca.web.common.views import permission_required, posted, uploaded
from maca.web.profiles.queries import profile_for

from . import passages, services
from .build import build_briefing, check_buildable, consented_voices, draft_for, theme_uses
from .fetchers import published_from
from .forms import (
    ConfirmPassagesForm,
    FixPassageForm,
    NarrativeForm,
    ScopeUploadForm,
    SmallNumbersForm,
    WithdrawForm,
)
from .models import PublishedBriefing
from .queries import current_version, visible_published

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


@permission_required("briefings.edit_briefing", audit_from)
def briefing_edit(request, audit):
    draft = draft_for(audit)
    built = build_briefing(audit, draft)
    uses = [u for u in theme_uses(audit) if u.strength_cases or u.learning_cases]
    voices = list(consented_voices(audit))
    form = NarrativeForm(
        posted(request),
        draft=draft,
        uses=uses,
        voices=voices,
        library=list(offered_resources(audit.partnership)),
        profile=profile_for(audit),
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


def _check_context(audit, draft=None, found_at: str = "") -> dict:
    """The briefing built and checked: the core's report, every passage read against the
    findings and confirmations, and what stops publishing (each with where to put it right)."""
    draft = draft or draft_for(audit)
    built = build_briefing(audit, draft)
    problems = check_buildable(built)
    report = reading = None
    if not problems:
        try:
            report, reading = passages.check_briefing(audit, draft, built)
        except services.StoreProblem as problem:
            problems = [str(problem)]
    to_do = (
        passages.refusals(audit, reading, report.small_numbers, report, found_at=found_at)
        if reading and report
        else []
    )
    return {
        "audit": audit,
        "draft": draft,
        "built": built,
        "report": report,
        "reading": reading,
        "problems": problems,
        "to_do": to_do,
    }


@permission_required("briefings.preview_briefing", audit_from)
def briefing_preview(request, audit):
    context = _check_context(audit)
    context["can_publish"] = request.user.has_perm("briefings.publish_briefing", audit)
    return render(request, "briefings/preview.html", context)


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
    here = request.path
    context = _check_context(audit, found_at=here)
    draft, report = context["draft"], context["report"]
    form = SmallNumbersForm(
        posted(request),
        small_numbers=report.small_numbers if report else [],
        threshold=draft.small_number_threshold,
    )
    refused: list[passages.Refusal] = []
    action = request.POST.get("action")
    if request.method == "POST" and not context["problems"] and form.is_valid():
        choices = form.choices(confirm_all=action == "confirm_all")
        recorded = services.record_decisions(draft, choices, request.user, request=request)
        if action == "publish":
            # A briefing the passage check would refuse is refused at once, with where each is
            # put right; one it would pass is confirmed first, with what is not ready
            # (readiness.publish_checks).
            checked = readiness.confirmation(readiness.publish_checks(audit), request)
            if not checked["confirmed"] and _would_pass(audit):
                return _confirm_publish(request, audit, form, checked)
            try:
                version = services.publish_audit(audit, request.user, request=request)
            except services.PublishRefused as refusal:
                refused = refusal.refusals
            except DisclosureError as error:
                found = error.report
                refused = passages.refusals(audit, None, found.small_numbers, found)
            except (BriefingInputError, services.StoreProblem) as problem:
                refused = [passages.Refusal(str(problem), "")]
            else:
                messages.success(request, f"Version {version.version} is published")
                return redirect("briefings:published", pk=version.pk)
            # As the page now stands, linked to where each is put right on it.
            context = _check_context(audit, found_at=here)
            refused = context["to_do"] or refused
        else:
            if recorded:
                messages.success(request, f"{recorded} decision(s) recorded")
            return redirect("briefings:publish", pk=audit.pk)
    decided = draft.decisions.select_related("decided_by").order_by("-decided_at", "-id")[:50]
    return render(
        request,
        "briefings/publish.html",
        {
            **context,
            "form": form,
            "refused": refused,
            "history": [(small_number_words(d.key, d.value), d) for d in decided],
            "versions": audit.published_briefings.defer(*PublishedBriefing.FILE_FIELDS),
            "found": _with_forms(
                [
                    r
                    for r in (context["reading"].found if context["reading"] else [])
                    if r.passage.published
                ],
                here,
            ),  # fmt: skip
        },
    )


@permission_required("briefings.check_passages", audit_from)
def briefing_passages(request, audit):
    draft = draft_for(audit)
    reading = passages.read_passages(audit, draft)
    form = ConfirmPassagesForm(posted(request), reading=reading)
    if request.method == "POST" and form.is_valid():
        recorded = services.confirm_passages(
            audit, form.reads, request.user, request=request, all_shown=form.all_shown
        )
        messages.success(
            request, f"{recorded} passage{pluralize(recorded)} confirmed as read by you"
        )
        return redirect("briefings:passages", pk=audit.pk)
    here = request.path
    groups = [
        ("found", "Identifying details found: change these", _with_forms(reading.found, here)),
        ("unread", "Not yet confirmed as read", _with_forms(reading.unread, here)),
        ("confirmed", "Confirmed as read", _with_forms(reading.confirmed, here)),
    ]
    return render(
        request,
        "briefings/passages.html",
        {
            "audit": audit,
            "reading": reading,
            "form": form,
            "groups": groups,
            "shown": sorted({r.passage.fingerprint for r in reading.unread}),
        },
    )


@permission_required("briefings.fix_passage", audit_from)
def passage_fix(request, audit):
    draft = draft_for(audit)
    key = request.POST.get("source") if request.method == "POST" else request.GET.get("passage")
    passage = passages.passage_at(audit, draft, key or "")
    if passage is None:
        raise Http404("No such passage")
    form = FixPassageForm(posted(request), passage=passage)
    back = reverse("briefings:passages", args=[audit.pk])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.fix_passage(
                audit, passage.key, data["text"], data["shown"], request.user, request=request
            )
        except services.PassageProblem as problem:
            form.add_error(None, str(problem))
        else:
            messages.success(request, f"{passage.where}: changed. Read it again and confirm it.")
            return redirect(f"{form.safe_next(request, back)}#{passage.anchor}")
    read = passages.read_one(audit, draft, passage)
    if not form.is_bound:
        form = FixPassageForm(passage=passage, initial={"next": request.GET.get("next", back)})
    return render(
        request,
        "briefings/passage_fix.html",
        {"audit": audit, "read": read, "form": form, "back": back},
    )


def _with_forms(reads, here: str) -> list:
    """Each passage with its form to change it where it is shown (ids of its own)."""
    return [
        (read, FixPassageForm(passage=read.passage, initial={"next": here},
                              auto_id=f"{read.passage.anchor}-%s"))
        for read in reads
    ]  # fmt: skip


def _would_pass(audit) -> bool:
    """The passage check (every passage read and confirmed, small numbers decided, nothing
    identifying) as it stands now, the page's decisions recorded."""
    context = _check_context(audit)
    return not context["problems"] and context["report"] is not None and not context["to_do"]


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
    user = request.user
    others = visible_published(user).filter(audit=version.audit).exclude(pk=version.pk)
    can_download = user.has_perm("briefings.download_published", version)
    return render(
        request,
        "briefings/published_detail.html",
        {
            "version": version,
            "others": others,
            "can_download": can_download,
            "can_withdraw": user.has_perm("briefings.withdraw_published", version),
            "current": current_version(version.audit) if version.withdrawn else None,
            "small_numbers": [
                (small_number_words(n["key"], n["value"]), n["decision"])
                for n in version.record.get("small_numbers", [])
            ],
            "files": [
                (label, name, reverse("briefings:download", args=[version.pk, name]))
                for name, label in FILE_LABELS.items()
            ]
            if can_download
            else [],
        },
    )


@permission_required("briefings.download_published", published_from)
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


@permission_required("briefings.withdraw_published", published_from)
def published_withdraw(request, version):
    form = WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.withdraw_version(
            version, request.user, reason=form.cleaned_data["reason"], request=request
        )
        messages.success(request, f"Version {version.version} is withdrawn")
        return redirect("briefings:published", pk=version.pk)
    return render(request, "briefings/withdraw.html", {"version": version, "form": form})
