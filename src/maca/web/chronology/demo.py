"""The demo audit's system records: what ``maca chronology extract`` finds in the demo's store for
its cohort, loaded by the audit lead through ``services.upload_chronology`` (with its trail), as
the business team would. Synthetic data only."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import transaction

from maca.chronology.extract import extract
from maca.chronology.template import submission_csv
from maca.demo import demo_cohort
from maca.web.accounts.demo import DEMO_PARTNERSHIP
from maca.web.accounts.models import User
from maca.web.audits.demo import DEMO_AUDIT_TITLE
from maca.web.audits.models import Audit

from . import services
from .models import Upload

DEMO_SYSTEM_RECORDS_FILE = "system-records.csv"  # the name `maca chronology extract` suggests


@transaction.atomic
def load_demo_chronology() -> Upload:
    """The demo audit's system records, loaded once (an earlier load is left as it is).
    ``Audit.DoesNotExist`` when the demo audit is not loaded."""
    audit = Audit.objects.get(partnership__name=DEMO_PARTNERSHIP, title=DEMO_AUDIT_TITLE)
    earlier = audit.chronology_uploads.filter(system_records=True).order_by("pk").first()
    if earlier is not None:
        return earlier
    made = demo_cohort(Path(settings.MACA_HOME) / "demo")  # built by load_demo_audit, reused
    records = extract(made.store, made.cohort_dir)
    lead = User.objects.get(username="audit.lead")
    upload = services.upload_chronology(
        audit,
        lead,
        data=submission_csv(records.entries, system=True),
        file_name=DEMO_SYSTEM_RECORDS_FILE,
        system_records=True,
    )
    if upload.pk is None:  # nothing kept: say why rather than leave the timelines empty
        reasons = "; ".join(str(r.get("reason")) for r in upload.rejects[:3])
        raise ValueError(f"the demo's system records did not load: {reasons or 'no entries'}")
    return upload
