"""Partnerships are sealed (ADR 0341), step 2 of 3: the tools, versions and themes every
partnership shared become the first partnership's own; every other partnership gets a copy of
each, and its audits, returns (their versions and the themes in their answers), findings and
briefing drafts move to its copies. With no partnership at all they are removed: a partnership
made later gets the shipped ones (``shipped.give_shipped_defaults``). Partnerships with none
get the shipped ones here too."""

from django.db import migrations


def _copy_for(partnership, tools, themes, apps) -> None:
    AuditTool = apps.get_model("audits", "AuditTool")
    ToolVersion = apps.get_model("audits", "ToolVersion")
    Theme = apps.get_model("audits", "Theme")
    Audit = apps.get_model("audits", "Audit")
    SingleAgencyReturn = apps.get_model("audits", "SingleAgencyReturn")
    Finding = apps.get_model("audits", "Finding")
    BriefingDraft = apps.get_model("briefings", "BriefingDraft")

    versions: dict[int, int] = {}
    for tool in tools:
        copy = AuditTool.objects.create(
            partnership=partnership, name=tool.name, description=tool.description
        )
        for version in ToolVersion.objects.filter(tool=tool).order_by("pk"):
            versions[version.pk] = ToolVersion.objects.create(
                tool=copy,
                version=version.version,
                sections=version.sections,
                published=version.published,
                created_at=version.created_at,
            ).pk
    theme_ids = {
        theme.pk: Theme.objects.create(
            partnership=partnership, name=theme.name, order=theme.order, active=theme.active
        ).pk
        for theme in themes
    }

    for old, new in versions.items():
        Audit.objects.filter(partnership=partnership, tool_version_id=old).update(
            tool_version_id=new
        )
        SingleAgencyReturn.objects.filter(
            assignment__case__audit__partnership=partnership, tool_version_id=old
        ).update(tool_version_id=new)
    tagged = Finding.themes.through.objects.filter(finding__case__audit__partnership=partnership)
    for old, new in theme_ids.items():
        tagged.filter(theme_id=old).update(theme_id=new)

    as_text = {str(old): str(new) for old, new in theme_ids.items()}
    returns = SingleAgencyReturn.objects.filter(
        assignment__case__audit__partnership=partnership
    ).select_related("tool_version")
    for ret in returns:
        keys = [
            question["key"]
            for section in ret.tool_version.sections
            for question in section["questions"]
            if question.get("type") == "themes"
        ]
        answers = dict(ret.answers or {})
        for key in keys:
            if isinstance(answers.get(key), list):
                answers[key] = [as_text.get(str(v), str(v)) for v in answers[key]]
        if answers != ret.answers:
            SingleAgencyReturn.objects.filter(pk=ret.pk).update(answers=answers)
    for draft in BriefingDraft.objects.filter(audit__partnership=partnership):
        texts = {as_text.get(key, key): value for key, value in (draft.theme_texts or {}).items()}
        if texts != draft.theme_texts:
            BriefingDraft.objects.filter(pk=draft.pk).update(theme_texts=texts)


def seal(apps, schema_editor):
    from maca.web.audits.shipped import give_shipped_defaults

    Partnership = apps.get_model("accounts", "Partnership")
    AuditTool = apps.get_model("audits", "AuditTool")
    ToolVersion = apps.get_model("audits", "ToolVersion")
    Theme = apps.get_model("audits", "Theme")

    tools = list(AuditTool.objects.filter(partnership__isnull=True).order_by("pk"))
    themes = list(Theme.objects.filter(partnership__isnull=True).order_by("pk"))
    partnerships = list(Partnership.objects.order_by("pk"))
    if not partnerships:
        ToolVersion.objects.filter(tool__in=tools).delete()
        AuditTool.objects.filter(pk__in=[t.pk for t in tools]).delete()
        Theme.objects.filter(pk__in=[t.pk for t in themes]).delete()
        return
    first, *others = partnerships
    for partnership in others:
        _copy_for(partnership, tools, themes, apps)
    AuditTool.objects.filter(pk__in=[t.pk for t in tools]).update(partnership=first)
    Theme.objects.filter(pk__in=[t.pk for t in themes]).update(partnership=first)
    for partnership in partnerships:
        give_shipped_defaults(partnership, apps)


class Migration(migrations.Migration):
    dependencies = [
        ("audits", "0004_partnership_themes_and_tools"),
        ("briefings", "0001_initial"),
    ]
    operations = [migrations.RunPython(seal, migrations.RunPython.noop)]
