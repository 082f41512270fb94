"""Partnerships are sealed (ADR 0341): a second partnership's users, in every role, can neither
see nor change anything of the first's: its users, agencies, themes, tool versions, audits,
briefings and exports, in maca's pages or the Django admin.

The site's URL patterns are discovered, so a new page fails ``test_every_page_is_in_the_table``
until it has a row. Each row is a page of the first partnership (its object, where the page has
one) and what each of the second partnership's users gets: object pages refuse (403); lists
answer as for the user's own partnership and must not show the first partnership's records.
Every Django admin page sends them to the admin's sign-in (nobody here is a superuser).
Each request runs in a savepoint that is rolled back, so every user meets the same state.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.web.builders import SECOND_PREFIX
from tests.web.matrix import USERS, status_rolled_back

# Strings that belong to the first partnership only: none may appear on a page the second
# partnership's users are shown (``First 1001 Days v2`` is a version only the first has).
FIRST_ONLY = ["Northmoor", "Test audit", "SYN-900001", "Priya", "First 1001 Days v2"]

# page                               method target   admin lead hvL hvP poL poP csL csP panel board
TABLE = """
home                                 GET  -          200 200 200 200 200 200 200 200 200 200
sign-in                              GET  -          302 302 302 302 302 302 302 302 302 302
sign-out                             GET  -          405 405 405 405 405 405 405 405 405 405
accessibility                        GET  -          200 200 200 200 200 200 200 200 200 200
account                              GET  -          200 200 200 200 200 200 200 200 200 200
password-change                      GET  -          200 200 200 200 200 200 200 200 200 200
recovery-codes-new                   GET  -          200 200 200 200 200 200 200 200 200 200
two-factor-verify                    GET  -          302 302 302 302 302 302 302 302 302 302
two-factor-set-up                    GET  -          302 302 302 302 302 302 302 302 302 302
two-factor-recovery                  GET  -          200 200 200 200 200 200 200 200 200 200
sso-start                            GET  sso        403 403 403 403 403 403 403 403 403 403
sso-callback                         GET  -          403 403 403 403 403 403 403 403 403 403
trail                                GET  -          200 403 403 403 403 403 403 403 403 403
audits:audit-list                    GET  -          200 200 200 403 200 403 200 403 200 200
audits:audit-commission              GET  -          200 200 403 403 403 403 403 403 403 403
audits:my-returns                    GET  -          403 403 200 200 200 200 200 200 403 403
audits:audit-overview                GET  audit      403 403 403 403 403 403 403 403 403 403
audits:audit-advance                 POST audit      403 403 403 403 403 403 403 403 403 403
audits:cohort-upload                 GET  audit      403 403 403 403 403 403 403 403 403 403
audits:case-add                      GET  audit      403 403 403 403 403 403 403 403 403 403
audits:assign-agencies               GET  audit      403 403 403 403 403 403 403 403 403 403
audits:family-voice-add              GET  audit      403 403 403 403 403 403 403 403 403 403
audits:summary                       GET  audit      403 403 403 403 403 403 403 403 403 403
audits:summary-csv                   GET  audit      403 403 403 403 403 403 403 403 403 403
audits:summary-xlsx                  GET  audit      403 403 403 403 403 403 403 403 403 403
profiles:profile                     GET  audit      403 403 403 403 403 403 403 403 403 403
profiles:upload                      GET  audit      403 403 403 403 403 403 403 403 403 403
profiles:xlsx                        GET  audit      403 403 403 403 403 403 403 403 403 403
profiles:exclusions                  GET  audit      403 403 403 403 403 403 403 403 403 403
audits:case-detail                   GET  case       403 403 403 403 403 403 403 403 403 403
audits:case-identifying              GET  case       403 403 403 403 403 403 403 403 403 403
audits:moderation                    GET  case       403 403 403 403 403 403 403 403 403 403
audits:finding-add                   GET  case       403 403 403 403 403 403 403 403 403 403
audits:escalate                      GET  case       403 403 403 403 403 403 403 403 403 403
audits:allocate                      GET  assignment 403 403 403 403 403 403 403 403 403 403
audits:return-overview               GET  return     403 403 403 403 403 403 403 403 403 403
audits:return-section                GET  return_a   403 403 403 403 403 403 403 403 403 403
audits:return-submit                 POST return     403 403 403 403 403 403 403 403 403 403
audits:return-sign-off               POST submitted  403 403 403 403 403 403 403 403 403 403
audits:return-reopen                 GET  submitted  403 403 403 403 403 403 403 403 403 403
audits:chronology-add                GET  return     403 403 403 403 403 403 403 403 403 403
audits:audit-edit                    GET  audit      403 403 403 403 403 403 403 403 403 403
audits:corrections                   GET  audit      403 403 403 403 403 403 403 403 403 403
audits:upload-undo                   GET  upload     403 403 403 403 403 403 403 403 403 403
audits:case-withdraw                 GET  case       403 403 403 403 403 403 403 403 403 403
audits:chronology-edit               GET  entry      403 403 403 403 403 403 403 403 403 403
audits:chronology-delete             GET  entry      403 403 403 403 403 403 403 403 403 403
audits:finding-edit                  GET  finding    403 403 403 403 403 403 403 403 403 403
audits:finding-delete                GET  finding    403 403 403 403 403 403 403 403 403 403
audits:family-voice-edit             GET  voice      403 403 403 403 403 403 403 403 403 403
audits:family-voice-delete           GET  voice      403 403 403 403 403 403 403 403 403 403
audits:escalation-outcome            GET  escalation 403 403 403 403 403 403 403 403 403 403
audits:return-send-back              GET  submitted  403 403 403 403 403 403 403 403 403 403
session-extend                       POST -          302 302 302 302 302 302 302 302 302 302
briefings:edit                       GET  audit      403 403 403 403 403 403 403 403 403 403
briefings:scope-upload               GET  audit      403 403 403 403 403 403 403 403 403 403
briefings:preview                    GET  audit      403 403 403 403 403 403 403 403 403 403
briefings:preview-html               GET  audit      403 403 403 403 403 403 403 403 403 403
briefings:publish                    GET  audit      403 403 403 403 403 403 403 403 403 403
briefings:published-list             GET  -          200 200 200 200 200 200 200 200 200 200
briefings:published                  GET  published  403 403 403 403 403 403 403 403 403 403
briefings:download                   GET  pdf        403 403 403 403 403 403 403 403 403 403
briefings:passages                   GET  audit      403 403 403 403 403 403 403 403 403 403
briefings:fix                        GET  audit      403 403 403 403 403 403 403 403 403 403
briefings:withdraw                   GET  published  403 403 403 403 403 403 403 403 403 403
actions:tracker                      GET  -          200 200 200 403 200 403 200 403 403 200
actions:plan                         GET  audit      403 403 403 403 403 403 403 403 403 403
actions:action-add                   GET  audit_theme 403 403 403 403 403 403 403 403 403 403
actions:action-add-for-finding       GET  finding_theme 403 403 403 403 403 403 403 403 403 403
actions:action-detail                GET  action     403 403 403 403 403 403 403 403 403 403
actions:action-edit                  GET  action     403 403 403 403 403 403 403 403 403 403
actions:action-status                GET  action     403 403 403 403 403 403 403 403 403 403
actions:action-impact                GET  action     403 403 403 403 403 403 403 403 403 403
actions:resource-list                GET  -          200 200 200 200 200 200 200 200 200 200
actions:resource-add                 GET  -          200 200 403 403 403 403 403 403 403 403
actions:resource-edit                GET  resource   403 403 403 403 403 403 403 403 403 403
actions:discussion-add               GET  published  403 403 403 403 403 403 403 403 403 403
actions:reach                        GET  audit      403 403 403 403 403 403 403 403 403 403
actions:reaudit-start                GET  audit      403 403 403 403 403 403 403 403 403 403
actions:comparison                   GET  audit      403 403 403 403 403 403 403 403 403 403
actions:board-report                 GET  docx       403 403 403 403 403 403 403 403 403 403
chronology:uploads                   GET  audit      403 403 403 403 403 403 403 403 403 403
chronology:upload                    GET  audit      403 403 403 403 403 403 403 403 403 403
chronology:system-records            GET  audit      403 403 403 403 403 403 403 403 403 403
chronology:template-csv              GET  audit      403 403 403 403 403 403 403 403 403 403
chronology:template-xlsx             GET  audit      403 403 403 403 403 403 403 403 403 403
chronology:case-timeline             GET  case       403 403 403 403 403 403 403 403 403 403
chronology:family-timeline           GET  case       403 403 403 403 403 403 403 403 403 403
chronology:case-csv                  GET  case       403 403 403 403 403 403 403 403 403 403
chronology:case-xlsx                 GET  case       403 403 403 403 403 403 403 403 403 403
chronology:case-docx                 GET  case       403 403 403 403 403 403 403 403 403 403
chronology:family-csv                GET  case       403 403 403 403 403 403 403 403 403 403
chronology:family-xlsx               GET  case       403 403 403 403 403 403 403 403 403 403
chronology:family-docx               GET  case       403 403 403 403 403 403 403 403 403 403
administration:index                 GET  -          200 403 403 403 403 403 403 403 403 403
administration:user-list             GET  -          200 403 403 403 403 403 403 403 403 403
administration:user-add              GET  -          200 403 403 403 403 403 403 403 403 403
administration:user-detail           GET  user       403 403 403 403 403 403 403 403 403 403
administration:user-link             GET  user       403 403 403 403 403 403 403 403 403 403
administration:user-change           GET  user       403 403 403 403 403 403 403 403 403 403
administration:user-deactivate       GET  user       403 403 403 403 403 403 403 403 403 403
administration:user-reactivate       GET  user       403 403 403 403 403 403 403 403 403 403
administration:user-reset-password   GET  user       403 403 403 403 403 403 403 403 403 403
administration:user-reset-two-factor GET  user       403 403 403 403 403 403 403 403 403 403
administration:user-unlock           GET  user       403 403 403 403 403 403 403 403 403 403
administration:lockout-list          GET  -          200 403 403 403 403 403 403 403 403 403
administration:agency-list           GET  -          200 403 403 403 403 403 403 403 403 403
administration:agency-add            GET  -          200 403 403 403 403 403 403 403 403 403
administration:agency-change         GET  agency     403 403 403 403 403 403 403 403 403 403
administration:agency-deactivate     GET  agency     403 403 403 403 403 403 403 403 403 403
administration:agency-reactivate     GET  agency     403 403 403 403 403 403 403 403 403 403
administration:partnership           GET  -          200 403 403 403 403 403 403 403 403 403
administration:theme-list            GET  -          200 403 403 403 403 403 403 403 403 403
administration:theme-add             GET  -          200 403 403 403 403 403 403 403 403 403
administration:theme-change          GET  theme      403 403 403 403 403 403 403 403 403 403
administration:theme-retire          GET  theme      403 403 403 403 403 403 403 403 403 403
administration:theme-reinstate       GET  theme      403 403 403 403 403 403 403 403 403 403
administration:theme-move            POST theme      403 403 403 403 403 403 403 403 403 403
administration:tool-list             GET  -          200 403 403 403 403 403 403 403 403 403
administration:tool-version          GET  version    403 403 403 403 403 403 403 403 403 403
administration:tool-version-copy     GET  version    403 403 403 403 403 403 403 403 403 403
administration:tool-version-offer    GET  version    403 403 403 403 403 403 403 403 403 403
administration:tool-section-add      GET  version    403 403 403 403 403 403 403 403 403 403
administration:tool-section-change   GET  section    403 403 403 403 403 403 403 403 403 403
administration:tool-section-remove   GET  section    403 403 403 403 403 403 403 403 403 403
administration:tool-question-add     GET  section    403 403 403 403 403 403 403 403 403 403
administration:tool-question-change  GET  question   403 403 403 403 403 403 403 403 403 403
administration:tool-question-remove  GET  question   403 403 403 403 403 403 403 403 403 403
administration:set-password          GET  link       302 302 302 302 302 302 302 302 302 302
"""

# The Django admin (superusers only): every page sends these users to the admin's sign-in
# (status, where to), except the sign-in page itself and the sign-out, which goes to the index
# (and so to the sign-in).
ADMIN_SIGN_IN = (302, "/admin/login/")
ADMIN_EXCEPTIONS = {"admin/login/": (302, "/sign-in/"), "admin/logout/": (302, "/admin/")}


def _rows():
    for line in TABLE.strip().splitlines():
        page, method, target, *codes = line.split()
        assert len(codes) == len(USERS), line
        yield page, method, target, dict(zip(USERS, map(int, codes), strict=True))


def _patterns(resolver=None, namespace="", prefix=""):
    """(name or None, route) of every URL pattern of the site, the admin's included."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield (namespace + entry.name if entry.name else None), prefix + str(entry.pattern)


def test_every_page_is_in_the_table():
    ours = {name for name, route in _patterns() if not route.startswith("admin/")}
    assert ours == {row[0] for row in _rows()}


@pytest.fixture
def first_partnership(second_partnership):
    """Both partnerships, with the first's objects as the table names them."""
    from maca.web.accounts.models import Agency, SingleSignOn
    from maca.web.administration import services
    from maca.web.audits.models import Theme
    from maca.web.briefings.models import PublishedBriefing

    built = second_partnership("findings_agreed")
    first = built.first
    admin = first.audit.created_by.partnership.users.get(username="admin")
    partnership = first.audit.partnership
    v2 = services.copy_tool_version(first.audit.tool_version, admin)
    services.offer_tool_version(v2, admin, offered=True)
    published = PublishedBriefing.objects.create(
        audit=first.audit, version=1, title="Northmoor briefing", published_by_name="audit.lead",
        html="<!DOCTYPE html><title>x</title>", pdf=b"%PDF-1.7", docx=b"PK",
        seven_minute_pdf=b"%PDF-1.7",
    )  # fmt: skip
    link = services.add_user(
        admin,
        username="waiting.user",
        first_name="Wren",
        last_name="Northmoor",
        email="waiting@northmoor.example",
        agency=admin.agency,
        role="practitioner",
    ).link
    action, finding, resource = _first_action_plan(first, admin)
    upload, entry, voice, escalation = _first_corrections(first, admin)
    targets = {
        "upload": upload,
        "entry": entry,
        "voice": voice,
        "escalation": escalation,
        "action": action,
        "finding": finding,
        "resource": resource,
        "audit": first.audit,
        "case": first.c001,
        "assignment": first.hv,
        "return": first.police_return,
        "submitted": first.hv_return,
        "published": published,
        "user": partnership.users.get(username="hv.lead"),
        "agency": Agency.objects.get(partnership=partnership, name="Northmoor Police"),
        "theme": Theme.objects.filter(partnership=partnership).first(),
        "version": first.audit.tool_version,
        "link": urlsplit(link).path,
        # The first partnership's single sign-on, whose provider is the discard port: a start
        # that went ahead would be refused at once, and no request leaves the machine.
        "sso": SingleSignOn.objects.create(
            partnership=partnership, issuer="http://127.0.0.1:9", client_id="c", client_secret="s"
        ),
    }
    return built, targets


def _first_action_plan(first, admin):
    """The first partnership's area for learning on C001, an action for it and a resource."""
    from datetime import timedelta

    from django.utils import timezone

    from maca.web.actions.models import Action, Resource
    from maca.web.audits.models import Finding

    theme = first.audit.partnership.themes.order_by("pk").first()
    finding = Finding.objects.create(
        case=first.c001, kind="area_for_learning", text="Taken at face value.", recorded_by=admin
    )
    finding.themes.add(theme)
    action = Action.objects.create(
        audit=first.audit, theme=theme, area=theme.name, text="Verify.", measure="A dip sample.",
        owner_agency=first.hv.agency, lead_role="Named nurse", created_by=admin,
        due_date=timezone.localdate() + timedelta(days=30),
    )  # fmt: skip
    resource = Resource.objects.create(
        partnership=first.audit.partnership, kind="guidance", title="Northmoor guidance",
        url="https://example.org/guidance",
    )  # fmt: skip
    return action, finding, resource


def _first_corrections(first, admin):
    """The first partnership's records a correction page names: an upload of its cohort, a
    chronology entry of the police return, a family view and a safeguarding escalation."""
    from datetime import date

    from maca.web.audits.models import (
        ChronologyEntry,
        CohortUpload,
        FamilyVoice,
        SafeguardingEscalation,
    )

    upload = CohortUpload.objects.create(
        audit=first.audit, cohort_name="cohort.csv", uploaded_by=admin, cases_created=1
    )
    entry = ChronologyEntry.objects.create(
        single_agency_return=first.police_return, agency=first.police_return.assignment.agency,
        date_text="2023-08-20", sort_date=date(2023, 8, 20), subject="mother",
        source="Police log", event="Call-out to the home", added_by=admin,
    )  # fmt: skip
    voice = FamilyVoice.objects.create(
        audit=first.audit, case=first.c001, role="Mother", quote="Synthetic view",
        consent_given=True, consent_recorded_by=admin,
    )  # fmt: skip
    escalation = SafeguardingEscalation.objects.create(
        case=first.c001, raised_by=admin, escalated_to="MASH team manager", concern="A concern"
    )
    return upload, entry, voice, escalation


class Pk(str):
    """A part of the address that is the primary key of another target (``Pk("theme")``)."""


# Targets that are an object and more of the page's address.
WITH_MORE = {
    "return_a": ("return", {"key": "A"}),
    "pdf": ("published", {"name": "briefing.pdf"}),
    "section": ("version", {"key": "A"}),
    "question": ("version", {"key": "A_narrative"}),
    "audit_theme": ("audit", {"theme": Pk("theme")}),
    "finding_theme": ("finding", {"theme": Pk("theme")}),
    "docx": ("audit", {"kind": "docx"}),
}


def _url(page: str, target: str, targets: dict) -> str:
    if target == "-":
        return reverse(page)
    if target == "link":
        return targets["link"]
    name, more = WITH_MORE.get(target, (target, {}))
    more = {k: targets[v].pk if isinstance(v, Pk) else v for k, v in more.items()}
    return reverse(page, kwargs={"pk": targets[name].pk, **more})


def test_the_second_partnership_sees_and_changes_nothing_of_the_first(
    first_partnership, client_for
):
    built, targets = first_partnership
    clients = {name: client_for(SECOND_PREFIX + name) for name in USERS}
    wrong = []
    for page, method, target, expected in _rows():
        url = _url(page, target, targets)
        for name, code in expected.items():
            client = clients[name]
            status = status_rolled_back(client, method, url, {"direction": "up", "version": "0"})
            if status != code:
                wrong.append(f"{page} {method} as {SECOND_PREFIX}{name}: {status}, not {code}")
            elif status == 200:
                body = client.get(url).content.decode(errors="replace")
                leaked = [marker for marker in FIRST_ONLY if marker in body]
                if leaked:
                    wrong.append(f"{page} as {SECOND_PREFIX}{name} shows {leaked}")
    assert wrong == [], "\n".join(wrong)


def test_a_list_shows_the_second_partnership_its_own_records(first_partnership, client_for):
    """The other side of the table: the lists are not simply empty."""
    built, _ = first_partnership
    admin = client_for(SECOND_PREFIX + "admin")
    assert "Southmere audit" in admin.get(reverse("audits:audit-list")).content.decode()
    assert "south.hv.lead" in admin.get(reverse("administration:user-list")).content.decode()
    agencies = admin.get(reverse("administration:agency-list")).content.decode()
    assert "Southmere police" in agencies
    themes = admin.get(reverse("administration:theme-list")).content.decode()
    assert "Professional curiosity" in themes
    assert "Version 1" in admin.get(reverse("administration:tool-list")).content.decode()


def _admin_urls(targets: dict) -> list[str]:
    """Every Django admin page, its placeholders filled with the first partnership's objects."""
    urls = []
    for _, route in _patterns():
        if not route.startswith("admin/"):
            continue
        url = route.replace("^", "").replace("$", "")
        url = re.sub(r"<path:content_type_id>", "1", url)
        url = re.sub(r"<(path:)?(object_id|id)>", str(targets["user"].pk), url)
        url = re.sub(r"\(\?P<app_label>[^)]*\)", "accounts", url)
        url = re.sub(r"\(\?P<url>[^)]*\)", "accounts/user/", url)
        assert "<" not in url and "(" not in url, route
        urls.append("/" + url)
    return urls


def test_no_django_admin_page_is_open_to_the_second_partnership(first_partnership, client_for):
    _, targets = first_partnership
    urls = _admin_urls(targets)
    assert len(urls) > 50 and "/admin/accounts/user/" in urls
    wrong = []
    for name in USERS:
        client = client_for(SECOND_PREFIX + name)
        for url in urls:
            response = client.get(url)
            status, where = ADMIN_EXCEPTIONS.get(url.lstrip("/"), ADMIN_SIGN_IN)
            if response.status_code != status or not response.get("Location", "").startswith(where):
                wrong.append(f"{url} as {SECOND_PREFIX}{name}: {response.status_code}")
    assert wrong == [], "\n".join(wrong)
