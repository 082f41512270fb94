"""The partnership's own details: name, local authority code and whom users contact."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from maca.web.common.views import permission_required, posted

from .. import services
from ..forms import PartnershipForm
from ..pages import crumbs, page


@permission_required("administration.administer")
def partnership_details(request):
    partnership = request.user.partnership
    form = PartnershipForm(posted(request), instance=partnership)
    if request.method == "POST" and form.is_valid():
        changed = services.change_partnership(
            partnership, request.user, request=request, **form.cleaned_data
        )
        messages.success(request, "Changes saved" if changed else "Nothing was changed")
        return redirect("administration:index")
    return render(
        request,
        "administration/form.html",
        {
            "form": form,
            "crumbs": crumbs(),
            "page": page(
                "Partnership details",
                submit="Save changes",
                cancel=reverse("administration:index"),
                intro=["The name is shown at the top of every page and on the briefing."],
            ),
        },
    )
