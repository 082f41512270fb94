"""The check guards every format the briefing leaves in: the father's quote of issue 13 ("Tell
Kayleigh Dobson from the health visiting team thank you") is refused at publishing, so that no
HTML, PDF, Word or 7-minute file is made, until it is changed where it is and read again; a name
in the 7-minute briefing's own text is refused the same way; a quote left out of the briefing
needs no reading and is in none of the files. The footer's promise is on what passed."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse

from tests.briefing.documents import flat, pdf_text
from tests.web.builders import confirmed

pytestmark = pytest.mark.django_db

NAMED = "Tell Kayleigh Dobson from the health visiting team thank you"
FIXED = "Tell the health visitor thank you"


@pytest.fixture
def father(briefed):
    from maca.web.audits.models import FamilyVoice

    briefed.voice = FamilyVoice.objects.create(
        audit=briefed.audit, role="Father", quote=NAMED, consent_given=True,
        consent_recorded_by=briefed.audit.created_by,
    )  # fmt: skip
    return briefed


def _decide_all(client, audit, choice="suppress"):
    url = reverse("briefings:publish", args=[audit.pk])
    page = client.get(url).content.decode()
    names = set(re.findall(r'name="(n_[0-9a-f]{12})"', page))
    client.post(url, {**{n: choice for n in names}, "action": "decide"})


def _refused(page: str) -> str:
    tail = page[page.index('data-testid="refused"') :]
    return tail[: tail.index("</ul>")]


def _every_file(version, tmp_path) -> dict[str, str]:
    """The text of each of the version's four files, as a reader of it gets it."""
    import docx

    (tmp_path / "b.pdf").write_bytes(bytes(version.pdf))
    (tmp_path / "7.pdf").write_bytes(bytes(version.seven_minute_pdf))
    document = docx.Document(io.BytesIO(bytes(version.docx)))
    word = [p.text for p in document.paragraphs]
    word += [p.text for s in document.sections for p in s.footer.paragraphs]
    word += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return {
        "briefing.html": version.html,
        "briefing.pdf": flat(pdf_text(tmp_path / "b.pdf")),
        "briefing.docx": flat("\n".join(word)),
        "seven-minute-briefing.pdf": flat(pdf_text(tmp_path / "7.pdf")),
    }


def test_the_quote_naming_a_health_visitor_is_refused_fixed_in_place_read_and_published(
    father, client_for, confirm_every_passage, tmp_path
):
    from maca.briefing.content import PROMISE
    from maca.web.briefings import services
    from maca.web.briefings.models import PassageConfirmation, PublishedBriefing

    audit = father.audit
    client = client_for("audit.lead")
    url = reverse("briefings:publish", args=[audit.pk])
    _decide_all(client, audit)
    confirm_every_passage(audit)  # everything else read: the quote cannot be
    page = client.post(url, {"action": "publish"}).content.decode()
    refused = _refused(page)
    assert "Voice of the family, view 2: the words: a person&#x27;s name" in refused
    assert "Kayleigh" not in refused  # the refusal says where, the marked passage shows what
    assert "<mark>Kayleigh Dobson</mark>" in page
    assert not PublishedBriefing.objects.exists()
    with pytest.raises(services.PublishRefused):
        services.publish_audit(audit, father.audit.created_by)
    # Fixed on the publish page itself, through the form shown with the passage.
    quote = f"voice.{father.voice.pk}.quote"
    shown = re.search(rf'name="source" value="{quote}".*?name="shown" value="(\w+)"', page, re.S)
    assert shown, "the passage's change form is on the refusal page"
    changed = client.post(
        reverse("briefings:fix", args=[audit.pk]),
        {"source": quote, "shown": shown.group(1), "text": FIXED, "next": url},
    )
    assert changed.status_code == 302
    unread = _refused(client.post(url, {"action": "publish"}).content.decode())
    assert "1 passage of the briefing has not been confirmed as read" in unread
    assert not PublishedBriefing.objects.exists()
    passages = reverse("briefings:passages", args=[audit.pk])
    fingerprint = client.get(passages).context["shown"]
    assert len(fingerprint) == 1
    client.post(passages, {"action": "confirm", "shown": fingerprint, "confirm": fingerprint})
    confirmation = PassageConfirmation.objects.get(fingerprint=fingerprint[0])
    assert confirmation.where == "Voice of the family, view 2: the words"
    assert confirmation.confirmed_by_name == "audit.lead"
    # The check passes; publishing is then confirmed with what is not ready (ADR 0301).
    published = confirmed(client, url, {"action": "publish"})
    assert published.status_code == 302, _refused(published.content.decode())
    files = _every_file(PublishedBriefing.objects.get(), tmp_path)
    for name, text in files.items():
        assert "Kayleigh" not in text and "Dobson" not in text, name
    for name in ("briefing.html", "briefing.pdf", "briefing.docx"):
        assert flat(PROMISE) in flat(files[name]), name
    assert FIXED in files["briefing.html"] and FIXED in files["briefing.docx"]


def test_a_name_in_the_seven_minute_briefing_is_refused(briefed, client_for, confirm_every_passage):
    from maca.web.briefings.build import draft_for
    from maca.web.briefings.models import PublishedBriefing

    draft = draft_for(briefed.audit)
    draft.seven_minute = {
        "background": "Audited for the partnership.",
        "what_to_do": ["Ask fathers", "Ring PC Gareth Hughes about every referral"],
    }
    draft.save()
    client = client_for("audit.lead")
    _decide_all(client, briefed.audit)
    confirm_every_passage(briefed.audit)
    url = reverse("briefings:publish", args=[briefed.audit.pk])
    refused = _refused(client.post(url, {"action": "publish"}).content.decode())
    assert "7-minute briefing: what to do 2: a person&#x27;s name" in refused
    assert not PublishedBriefing.objects.exists()


def test_a_left_out_quote_needs_no_reading_and_is_in_no_file(
    father, client_for, confirm_every_passage, tmp_path
):
    from maca.web.briefings.build import draft_for
    from maca.web.briefings.models import PublishedBriefing

    draft = draft_for(father.audit)
    draft.left_out_voices = [father.voice.pk]
    draft.save()
    client = client_for("audit.lead")
    _decide_all(client, father.audit)
    confirm_every_passage(father.audit)
    url = reverse("briefings:publish", args=[father.audit.pk])
    # The check passes; publishing is then confirmed with what is not ready (ADR 0301).
    published = confirmed(client, url, {"action": "publish"})
    assert published.status_code == 302, _refused(published.content.decode())
    version = PublishedBriefing.objects.get()
    for name, text in _every_file(version, tmp_path).items():
        assert "Kayleigh" not in text, name
    assert "Kayleigh" not in str(version.source)
