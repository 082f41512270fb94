from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "maca.web.audits"
    label = "audits"
    verbose_name = "Audits, cases, returns and findings"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (a new partnership gets the shipped tool and themes)
