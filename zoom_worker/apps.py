from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The domains that register admin pages, each in its own `admin` module. Django's autodiscovery
# imports only `zoom_worker.admin` (the site's shared look), so they are imported here.
ADMIN_DOMAINS = (
    "care",
    "appointments",
    "meetings",
    "attendance",
    "pool",
    "inbound",
    "events",
    "personal_data",
)


class ZoomWorkerConfig(AppConfig):
    name = "zoom_worker"
    verbose_name = _("Meetings")

    def ready(self):
        for domain in ADMIN_DOMAINS:
            import_module(f"zoom_worker.{domain}.admin")
