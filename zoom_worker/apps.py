from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZoomWorkerConfig(AppConfig):
    name = "zoom_worker"
    verbose_name = _("Meetings")
