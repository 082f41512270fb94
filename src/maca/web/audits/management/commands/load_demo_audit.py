from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from maca.web.accounts.models import Partnership


class Command(BaseCommand):
    help = "Load a demo audit part-way through (run load_demo_partnership first). Idempotent."

    def handle(self, *args, **options):
        if not getattr(settings, "MACA_DEMO_ALLOWED", False):
            raise CommandError("The demo audit is not loaded under production settings.")
        from maca.web.audits.demo import load_demo_audit

        self.stdout.write(
            "Demo audit: synthetic data, maca ingest, maca cohort, maca profile "
            "(seconds, the first time)"
        )
        try:
            audit = load_demo_audit()
        except Partnership.DoesNotExist:
            raise CommandError("Load the demo partnership first: load_demo_partnership") from None
        returns = sum(c.assignments.count() for c in audit.cases.all())
        self.stdout.write(
            f"Demo audit A{audit.pk}: {audit.cases.count()} cases, {returns} returns asked for "
            f"(stage: {audit.get_stage_display()})"
        )
