"""Themes and tool versions are each partnership's own (ADR 0341): the business team adds,
renames, retires and orders its themes, and makes new tool versions by copying one and editing
its questions; another partnership sees none of it change."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from maca.web.administration import services
from maca.web.audits.forms import AuditForm, FindingForm, section_form_class
from maca.web.audits.models import Theme, ToolVersion
from maca.web.trail.models import AuditEvent

pytestmark = pytest.mark.django_db


def _theme(partnership, name="Professional curiosity"):
    return Theme.objects.get(partnership=partnership, name=name)


def test_renaming_a_theme_leaves_another_partnerships_summary_as_it_was(
    second_partnership, client_for
):
    """The defect: a partnership's admin renamed a theme, and the other partnership's summary
    showed the new name (themes were shared and editable by every partnership)."""
    built = second_partnership("findings_agreed")
    first = built.first.audit.partnership
    response = client_for("admin").post(
        reverse("administration:theme-change", args=[_theme(first).pk]),
        {"name": "Curiosity and challenge"},
    )
    assert response.status_code == 302
    assert _theme(first, "Curiosity and challenge")
    south_admin = client_for("south.admin")
    summary = south_admin.get(reverse("audits:summary", args=[built.audit.pk])).content.decode()
    assert "Professional curiosity" in summary and "Curiosity and challenge" not in summary
    # ...and the first partnership's admin cannot reach the second's themes at all.
    theirs = _theme(built.partnership)
    for name in ("theme-change", "theme-retire", "theme-reinstate"):
        url = reverse(f"administration:{name}", args=[theirs.pk])
        assert client_for("admin").post(url, {"name": "Hijacked"}).status_code == 403, name
    assert _theme(built.partnership).name == "Professional curiosity"


def test_add_retire_reinstate_and_order_themes(client_for, make_audit):
    built = make_audit("moderation_open")
    partnership = built.audit.partnership
    admin = client_for("admin")
    admin.post(reverse("administration:theme-add"), {"name": "Neglect"})
    neglect = _theme(partnership, "Neglect")
    assert list(Theme.objects.filter(partnership=partnership))[-1] == neglect
    duplicate = admin.post(reverse("administration:theme-add"), {"name": "neglect"})
    assert "There is a theme called neglect already" in duplicate.content.decode()

    curiosity = _theme(partnership)
    admin.post(reverse("administration:theme-retire", args=[curiosity.pk]))
    assert not _theme(partnership).active
    offered = FindingForm(case=built.c001).fields["themes"].queryset
    assert curiosity not in offered and neglect in offered
    section = built.audit.tool_version.section("A")
    form = section_form_class(section, graded=False, partnership=partnership)
    assert str(curiosity.pk) not in dict(form.base_fields["A_themes"].choices)
    admin.post(reverse("administration:theme-reinstate", args=[curiosity.pk]))
    assert _theme(partnership).active

    second = list(Theme.objects.filter(partnership=partnership))[1]
    admin.post(reverse("administration:theme-move", args=[second.pk]), {"direction": "up"})
    assert list(Theme.objects.filter(partnership=partnership))[0] == second
    admin.post(reverse("administration:theme-move", args=[neglect.pk]), {"direction": "down"})
    assert list(Theme.objects.filter(partnership=partnership))[-1] == neglect
    summaries = list(
        AuditEvent.objects.filter(object_type="theme").values_list("summary", flat=True)
    )
    assert "Added the theme Neglect" in summaries and "Retired Professional curiosity" in summaries
    assert f"Moved {second.name} up the list" in summaries


def test_pickers_offer_only_the_audits_partnerships_themes(second_partnership):
    built = second_partnership("moderation_open")
    theirs = set(Theme.objects.filter(partnership=built.partnership))
    offered = set(FindingForm(case=built.first.c001).fields["themes"].queryset)
    assert offered and not offered & theirs
    section = built.audit.tool_version.section("A")
    choices = section_form_class(section, graded=False, partnership=built.partnership)
    ids = set(dict(choices.base_fields["A_themes"].choices))
    assert ids == {str(t.pk) for t in theirs}


def test_commissioning_offers_only_the_partnerships_own_offered_versions(
    second_partnership, client_for
):
    built = second_partnership("commissioned")
    first = built.first.audit.partnership
    ours = ToolVersion.objects.get(tool__partnership=first)
    theirs = ToolVersion.objects.get(tool__partnership=built.partnership)
    assert list(AuditForm(partnership=first).fields["tool_version"].queryset) == [ours]
    response = client_for("audit.lead").post(
        reverse("audits:audit-commission"),
        {
            "title": "Sneaky",
            "question": "Q",
            "terms_of_reference": "T",
            "lawful_basis": "L",
            "isa_reference": "I",
            "tool_version": theirs.pk,
            "returns_due": "2031-03-01",
        },
    )
    page = response.content.decode()
    # Refused in plain words (common.forms.PlainErrors), not Django's "Select a valid choice".
    assert "Select tool version from the options" in page
    services.offer_tool_version(ours, built.first.audit.created_by, offered=False)
    assert not AuditForm(partnership=first).fields["tool_version"].queryset.exists()


def _version_with_no_returns(admin_user):
    v1 = ToolVersion.objects.get(tool__partnership=admin_user.partnership, version=1)
    return services.copy_tool_version(v1, admin_user)


def test_a_new_version_is_a_copy_to_edit_not_yet_offered(client_for, demo):
    admin = client_for("admin")
    v1 = ToolVersion.objects.get(tool__partnership=demo[0], version=1)
    page = admin.get(reverse("administration:tool-version-copy", args=[v1.pk])).content.decode()
    assert "Make a new version from this one?" in page
    response = admin.post(reverse("administration:tool-version-copy", args=[v1.pk]))
    v2 = ToolVersion.objects.get(tool=v1.tool, version=2)
    assert response["Location"] == reverse("administration:tool-version", args=[v2.pk])
    assert (v2.sections, v2.published, v2.based_on) == (v1.sections, False, v1)

    def post(name, data, *args):
        return admin.post(reverse(f"administration:{name}", args=[v2.pk, *args]), data)

    post(
        "tool-question-change",
        {"text": "Who knew the family?", "type": "text", "required": "on"},
        "A_narrative",
    )
    post(
        "tool-question-add",
        {"text": "Was a sibling seen?", "type": "choice", "choices": "Yes\nNo\n"},
        "B",
    )
    post("tool-section-change", {"title": "Professional curiosity and challenge"}, "B")
    post("tool-section-add", {"title": "Re-audit"})
    post("tool-question-remove", {}, "A_recommendations")
    post("tool-section-remove", {}, "I")
    v2.refresh_from_db()
    a, b = v2.section("A"), v2.section("B")
    assert a["questions"][1] == {
        "key": "A_narrative", "type": "text", "text": "Who knew the family?", "required": True
    }  # fmt: skip
    assert b["title"] == "Professional curiosity and challenge"
    assert b["questions"][-1] == {
        "key": "B_q1", "type": "choice", "text": "Was a sibling seen?", "required": False,
        "choices": ["Yes", "No"],
    }  # fmt: skip
    assert "A_recommendations" not in [q["key"] for q in a["questions"]]
    assert v2.section("I") is None and v2.section("J")["title"] == "Re-audit"
    assert ToolVersion.objects.get(pk=v1.pk).sections == v1.sections  # v1 unchanged
    admin.post(reverse("administration:tool-version-offer", args=[v2.pk]))
    assert ToolVersion.objects.get(pk=v2.pk).published
    refs = set(AuditEvent.objects.filter(object_ref=str(v2)).values_list("summary", flat=True))
    assert {
        "Copied from First 1001 Days v1",
        "Changed question A_narrative",
        "Removed section I",
    } <= refs


def test_a_question_form_explains_each_problem(client_for, demo):
    v2 = _version_with_no_returns(demo[1]["admin"])
    url = reverse("administration:tool-question-add", args=[v2.pk, "A"])
    body = client_for("admin").post(url, {"type": "choice", "choices": "Only one"}).content.decode()
    assert "Enter the question" in body and "Enter at least two choices" in body


def test_a_version_with_returns_cannot_change_but_can_be_copied(make_audit, client_for):
    built = make_audit("returns_open")
    version = built.audit.tool_version
    admin = client_for("admin")
    page = admin.get(reverse("administration:tool-version", args=[version.pk])).content.decode()
    assert "Returns were made with this version, so its questions cannot change" in page
    assert "Change the title" not in page
    for name, args in [
        ("tool-section-change", ["A"]),
        ("tool-section-add", []),
        ("tool-question-change", ["A_narrative"]),
        ("tool-question-remove", ["A_narrative"]),
    ]:
        url = reverse(f"administration:{name}", args=[version.pk, *args])
        assert admin.post(url, {"title": "x", "text": "x", "type": "text"}).status_code == 403
    with pytest.raises(ValidationError, match="add a new version instead"):
        services.change_section(version, "A", built.audit.created_by, title="Changed")
    assert ToolVersion.objects.get(pk=version.pk).section("A")["title"] != "Changed"
    assert (
        admin.post(reverse("administration:tool-version-copy", args=[version.pk])).status_code
        == 302
    )


def test_the_last_question_of_a_section_is_not_removed(client_for, demo):
    v2 = _version_with_no_returns(demo[1]["admin"])
    key = services.add_section(v2, demo[1]["admin"], title="New")
    only = ToolVersion.objects.get(pk=v2.pk).section(key)["questions"][0]["key"]
    response = client_for("admin").post(
        reverse("administration:tool-question-remove", args=[v2.pk, only])
    )
    assert response.status_code == 302
    assert ToolVersion.objects.get(pk=v2.pk).section(key)["questions"]


def test_unknown_sections_and_questions_are_not_found(client_for, demo):
    v2 = _version_with_no_returns(demo[1]["admin"])
    admin = client_for("admin")
    assert (
        admin.get(reverse("administration:tool-section-change", args=[v2.pk, "Z"])).status_code
        == 404
    )
    assert (
        admin.get(reverse("administration:tool-question-change", args=[v2.pk, "nope"])).status_code
        == 404
    )


@pytest.mark.parametrize(
    "change",
    [
        lambda admin, theme, v2: services.add_theme(admin, name="New"),
        lambda admin, theme, v2: services.rename_theme(theme, admin, name="New"),
        lambda admin, theme, v2: services.retire_theme(theme, admin),
        lambda admin, theme, v2: services.move_theme(theme, admin, up=False),
        lambda admin, theme, v2: services.copy_tool_version(v2, admin),
        lambda admin, theme, v2: services.change_section(v2, "A", admin, title="New"),
        lambda admin, theme, v2: services.offer_tool_version(v2, admin, offered=True),
    ],
    ids=["add", "rename", "retire", "move", "copy", "edit", "offer"],
)
def test_a_theme_or_tool_change_whose_trail_entry_fails_leaves_nothing(demo, trail_fails, change):
    admin = demo[1]["admin"]
    v2 = _version_with_no_returns(admin)
    theme = _theme(demo[0])
    before = (list(Theme.objects.values()), list(ToolVersion.objects.values()))
    with trail_fails(), pytest.raises(Exception, match="audit trail cannot be written"):
        change(admin, theme, v2)
    assert (list(Theme.objects.values()), list(ToolVersion.objects.values())) == before
