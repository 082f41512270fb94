from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Load the demo's resource library, an earlier audit with its action plan part-way and "
        "its briefing's reach, and the part-way demo audit (load_demo_audit) as its re-audit. "
        "Idempotent."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "MACA_DEMO_ALLOWED", False):
            raise CommandError("The demo is not loaded under production settings.")
        from maca.web.actions.demo import load_demo_actions

        self.stdout.write("Demo action plan: an earlier audit, its briefing and its actions")
        audit = load_demo_actions()
        if audit is None:
            raise CommandError("Load the demo partnership first: load_demo_partnership")
        actions = audit.actions.count()
        self.stdout.write(
            f"Earlier audit {audit.trail_ref}: {audit.cases.count()} cases, {actions} actions; "
            f"re-audit: {', '.join(r.audit.trail_ref for r in audit.reaudits.all()) or 'none'}"
        )
