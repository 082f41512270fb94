from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from maca.web.audits.models import Audit


class Command(BaseCommand):
    help = (
        "Load the demo audit's system records (maca chronology extract on the demo's store and "
        "cohort) into its chronology (run load_demo_audit first). Idempotent."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "MACA_DEMO_ALLOWED", False):
            raise CommandError("The demo chronology is not loaded under production settings.")
        from maca.web.chronology.demo import load_demo_chronology

        try:
            upload = load_demo_chronology()
        except Audit.DoesNotExist:
            raise CommandError("Load the demo audit first: load_demo_audit") from None
        self.stdout.write(
            f"Demo chronology of audit A{upload.audit_id}: {upload.entries_kept} system records "
            f"for {len(upload.case_refs)} cases ({upload.rows_rejected} rows rejected)"
        )
