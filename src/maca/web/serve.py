"""`maca serve` and `maca manage`: the web app on 127.0.0.1, development settings by default;
`maca serve --production`: gunicorn under production settings (ADR 0500, docs/production.md)."""

from __future__ import annotations

import os
import sys

# gunicorn's access log: the request id (the response's X-Request-ID), the method, the path
# without its query string, the status, the bytes sent and the time taken; no client address.
ACCESS_LOG_FORMAT = '%({x-request-id}o)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


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


def production_options(bind: str | None, workers: int | None, threads: int | None) -> dict:
    """gunicorn's settings: the command's options over the MACA_* settings."""
    from django.conf import settings

    return {
        "bind": bind or settings.MACA_BIND,
        "workers": workers or settings.MACA_WORKERS,
        "threads": threads or settings.MACA_THREADS,
        "worker_class": "gthread",
        # gunicorn sets the request's scheme from X-Forwarded-Proto only for these peers; the
        # TrustedProxyMiddleware applies the same list to everything else.
        "forwarded_allow_ips": ",".join(settings.MACA_TRUSTED_PROXIES),
        "preload_app": True,
        "timeout": 60,
        "graceful_timeout": 30,
        "keepalive": 5,
        "accesslog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "errorlog": "-",
        "proc_name": "maca",
    }


def run_production(bind: str | None = None, workers: int | None = None, threads: int | None = None):
    """Migrate, collect the static files, then serve with gunicorn until stopped."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maca.web.settings.production")
    setup_django()
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()  # no connection may be shared by the forked workers
    options = production_options(bind, workers, threads)

    class Server(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return get_wsgi_application()

    print(
        f"maca (production) on {options['bind']}: {options['workers']} workers x "
        f"{options['threads']} threads; trusted proxies: "
        f"{options['forwarded_allow_ips'] or 'none'}",
        flush=True,
    )
    Server().run()
