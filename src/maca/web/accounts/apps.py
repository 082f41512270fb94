from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "maca.web.accounts"
    label = "accounts"
    verbose_name = "Partnership, agencies and users"
