from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "maca.web.actions"
    label = "actions"
    verbose_name = "Actions, resources and re-audits"
