from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "lunova.users"
    label = "users"
    verbose_name = "Users"
