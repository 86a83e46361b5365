"""The 404 for a URL no route takes: JSON under /api/ like every other API error (an id that is
not a number, a typo), Django's page elsewhere."""

from django.http import JsonResponse
from django.views.defaults import page_not_found
from rest_framework.exceptions import NotFound


def handler404(request, exception):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return page_not_found(request, exception)
