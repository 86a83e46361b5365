"""GET /api/v1/: where to go from the API's root, open to anyone (it names links, nothing else)."""

from django.urls import reverse
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

LINKS = {
    "token": "token",
    "me": "me",
    "appointments": "appointment-list",
    "zoom_meetings": "standalone-meeting-list",
    "schema": "schema",
    "docs": "docs",
    "health": "healthz",
}


class ApiIndexView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    def get(self, request):
        return Response(
            {name: request.build_absolute_uri(reverse(url)) for name, url in LINKS.items()}
        )
