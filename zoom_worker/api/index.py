"""GET /api/v1/: where to go from the API's root, open to anyone (it names links, nothing else)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
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


ApiIndexOutput = type(
    "ApiIndexOutput", (serializers.Serializer,), {name: serializers.URLField() for name in LINKS}
)


class ApiIndexView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="api_index",
        summary=_("The API's links"),
        description=_("No token needed: the profile, appointments, schema, docs and health."),
        tags=["index"],
        responses={200: OpenApiResponse(ApiIndexOutput, description=_("Links"))},
    )
    def get(self, request):
        return Response(
            {name: request.build_absolute_uri(reverse(url)) for name, url in LINKS.items()}
        )
