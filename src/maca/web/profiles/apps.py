from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    name = "maca.web.profiles"
    label = "profiles"
    verbose_name = "Cohort profiles"
