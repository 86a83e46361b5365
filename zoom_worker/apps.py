from django.apps import AppConfig


class ZoomWorkerConfig(AppConfig):
    name = "zoom_worker"
    verbose_name = "Meetings"
