from django.apps import AppConfig


class LunovaDevConfig(AppConfig):
    """Development tools (`runstack`, `events_receiver`, `demo_users`): installed only where the
    package is present, never in the production image."""

    name = "lunova_dev"
    verbose_name = "Lunova development tools"
