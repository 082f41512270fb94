from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from maca.web.accounts.demo import DEMO_PASSWORD, load_demo_partnership
from maca.web.accounts.two_factor import demo_secret, grouped


class Command(BaseCommand):
    help = "Load the synthetic demo partnership (agencies and one user per role). Idempotent."

    def handle(self, *args, **options):
        if not getattr(settings, "MACA_DEMO_ALLOWED", False):
            raise CommandError("The demo partnership is not loaded under production settings.")
        partnership, users = load_demo_partnership()
        self.stdout.write(f"Demo partnership: {partnership.name} (synthetic data only)")
        self.stdout.write(f"Sign in with any of these usernames and the password {DEMO_PASSWORD},")
        self.stdout.write(
            "then the code of the demo authenticator: add its key to an authenticator app, or "
            "run `.venv/bin/maca manage demo_code USERNAME` for the code now."
        )
        width = max(len(u.username) for u in users)
        for user in users:
            self.stdout.write(
                f"  {user.username:<{width}}  key {grouped(demo_secret(user.username))}  "
                f"{user.role_label}, {user.agency}"
            )
