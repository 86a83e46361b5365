"""POST /api/v1/zoom/webhooks/: Zoom's signed events, verified and queued."""

from io import BytesIO

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from zoom_worker.inbound.parsers import StrictJSONParser
from zoom_worker.inbound.storage import WebhookNotQueued, webhook_receive
from zoom_worker.inbound.transport import (
    URL_VALIDATION,
    WebhookMalformed,
    WebhookNotConfigured,
    WebhookRejected,
    webhook_event,
    webhook_url_validation,
    webhook_verify,
)


def _error(message: str, status_code: int) -> Response:
    return Response({"detail": message}, status=status_code)


class ZoomWebhookView(APIView):
    # Zoom authenticates with the signature over the raw body, not with a JWT.
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="endpoint.url_validation"),
            204: OpenApiResponse(description="Stored; processing is queued."),
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="Not a Zoom event."),
            401: OpenApiResponse(OpenApiTypes.OBJECT, description="Bad or stale signature."),
            503: OpenApiResponse(OpenApiTypes.OBJECT, description="Not configured, or busy."),
        },
        auth=[],
    )
    def post(self, request):
        # The signature covers the bytes as sent, so the body is read raw, before any parsing.
        body = request.body
        try:
            webhook_verify(
                body=body,
                timestamp=request.headers.get("x-zm-request-timestamp"),
                signature=request.headers.get("x-zm-signature"),
            )
            envelope = StrictJSONParser().parse(BytesIO(body))
            event = webhook_event(envelope=envelope)
            if event == URL_VALIDATION:
                return Response(webhook_url_validation(envelope=envelope))
            webhook_receive(event=event, envelope=envelope)
        except WebhookNotConfigured as exc:
            return _error(str(exc), status.HTTP_503_SERVICE_UNAVAILABLE)
        except WebhookRejected as exc:
            return _error(str(exc), status.HTTP_401_UNAUTHORIZED)
        except WebhookMalformed as exc:
            return _error(str(exc), status.HTTP_400_BAD_REQUEST)
        except WebhookNotQueued as exc:
            # Stored but not queued: a 5xx makes Zoom deliver again, and that queues it.
            return _error(str(exc), status.HTTP_503_SERVICE_UNAVAILABLE)
        return Response(status=status.HTTP_204_NO_CONTENT)
