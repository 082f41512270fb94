"""The GOV.UK timeout warning: two minutes before the idle timeout (``SESSION_COOKIE_AGE``) a
dialog (``static/maca/timeout-warning.mjs``) offers to stay signed in, which asks
:func:`session_extend`; the request itself renews the session (``SESSION_SAVE_EVERY_REQUEST``)."""

from __future__ import annotations

import rules
from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .views import permission_required

WARN_BEFORE_SECONDS = 2 * 60

rules.add_perm("common.extend_session", rules.is_authenticated)


def timeout_warning(request) -> dict:
    """Context processor: the idle timeout and when to warn, for the dialog in base.html."""
    total = int(settings.SESSION_COOKIE_AGE)
    return {
        "session_timeout": {
            "seconds": total,
            "warn_seconds": min(WARN_BEFORE_SECONDS, max(total // 2, 1)),
        }
    }


@require_POST
@permission_required("common.extend_session")
def session_extend(request):
    """Stay signed in: 204 for the dialog's script; without script, back to the page."""
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("home")
    return HttpResponseRedirect(back)
