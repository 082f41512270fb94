from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    name = "maca.web.administration"
    label = "administration"
    verbose_name = "Administration of a partnership"
