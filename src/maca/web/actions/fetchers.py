"""This app's objects by primary key, with what their pages and permissions read, or 404
(for ``common.views.permission_required(perm, fetch)``)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from maca.web.audits.models import Finding

from .models import Action, Resource


def action_from(pk) -> Action:
    return get_object_or_404(
        Action.objects.select_related(
            "audit__partnership", "theme", "owner_agency", "lead_user", "finding__case"
        ),
        pk=pk,
    )


def resource_from(pk) -> Resource:
    return get_object_or_404(Resource.objects.select_related("partnership"), pk=pk)


def finding_from(pk) -> Finding:
    return get_object_or_404(Finding.objects.select_related("case__audit__partnership"), pk=pk)
