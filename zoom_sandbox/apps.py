from django.apps import AppConfig


class ZoomSandboxConfig(AppConfig):
    """Installed only where the package is present (never in the production image), for its
    `manage.py zoom_sandbox` command."""

    name = "zoom_sandbox"
    verbose_name = "Zoom stand-in"
