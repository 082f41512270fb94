"""`maca serve` and `maca manage`: the web app on 127.0.0.1, development settings by default."""

from __future__ import annotations

import os
import sys


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maca.web.settings.development")
    import django

    django.setup()


def manage(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maca.web.settings.development")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["maca manage", *argv])


def run_server(port: int = 8000, threads: int = 4) -> None:
    setup_django()
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from waitress import serve

    call_command("migrate", interactive=False, verbosity=0)
    application = get_wsgi_application()
    print(f"maca is running at http://127.0.0.1:{port}/  (press Ctrl+C to stop)", flush=True)
    serve(application, host="127.0.0.1", port=port, threads=threads, _quiet=True)
    sys.exit(0)
