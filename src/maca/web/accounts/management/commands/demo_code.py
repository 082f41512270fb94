from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from maca.web.accounts.models import AuthenticatorApp
from maca.web.accounts.two_factor import totp_code


class Command(BaseCommand):
    help = "The current two-factor code of a demo user (demo data only, never in production)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not getattr(settings, "MACA_DEMO_ALLOWED", False):
            raise CommandError("Demo codes are not given under production settings.")
        device = AuthenticatorApp.objects.filter(
            user__username=username, demo=True, confirmed=True
        ).first()
        if device is None:
            raise CommandError(f"{username!r} has no demo authenticator (load_demo_partnership)")
        self.stdout.write(totp_code(device.secret))
