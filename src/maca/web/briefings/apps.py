from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "maca.web.briefings"
    label = "briefings"
    verbose_name = "Learning briefings"
