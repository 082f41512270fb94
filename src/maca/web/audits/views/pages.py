"""Pages more than one kind of record shares: deleting a record, which is a correction."""

from __future__ import annotations

from django.shortcuts import render


def delete_page(request, form, *, heading: str, caption: str, back: str, quoted: str):
    """Confirm a deletion with its reason (``form``), quoting what the record says."""
    return render(
        request,
        "audits/delete.html",
        {"form": form, "heading": heading, "caption": caption, "back_url": back, "quoted": quoted},
    )
