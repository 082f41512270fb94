from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "maca.web.common"
    label = "common"
    verbose_name = "Shared web kit"
