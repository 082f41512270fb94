from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    name = "maca.web.chronology"
    label = "chronology"
    verbose_name = "Multi-agency chronology"
