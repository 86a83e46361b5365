from django.apps import AppConfig


class ObservabilityConfig(AppConfig):
    name = "zoom_worker.observability"
    label = "observability"
    verbose_name = "Observability"

    def ready(self):
        # Connects the Celery signal handlers in every process that starts Django.
        from zoom_worker.observability import celery_signals  # noqa: F401
