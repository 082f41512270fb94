from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "maca.web.audits"
    label = "audits"
    verbose_name = "Audits, cases, returns and findings"
