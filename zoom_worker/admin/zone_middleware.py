"""Admin pages show every time in ZOOM_TIMEZONE: an operator reads a 13:00 Istanbul session as
13:00, not as 10:00 UTC. The API keeps answering in UTC."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone


class AdminTimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(reverse("admin:index")):
            return self.get_response(request)
        # A TemplateResponse renders inside get_response, so within the zone too.
        with timezone.override(settings.ZOOM_TIMEZONE):
            return self.get_response(request)
