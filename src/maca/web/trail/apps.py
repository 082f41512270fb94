from django.apps import AppConfig


class TrailConfig(AppConfig):
    name = "maca.web.trail"
    label = "trail"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (sign-in and sign-out events)
