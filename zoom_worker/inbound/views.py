"""POST /api/v1/zoom/webhooks/: Zoom's signed events, verified and queued."""

from io import BytesIO

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from zoom_worker.api.responses import ErrorOutput
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
        operation_id="zoom_webhooks",
        summary=_("A Zoom event notification (webhook)"),
        description=_(
            "Zoom's signed events: `x-zm-signature` = `v0=` + "
            "HMAC-SHA256(`v0:{timestamp}:{body}`), and `x-zm-request-timestamp` at most 5 "
            "minutes old. `endpoint.url_validation` is answered; other events are stored and "
            "processed from the queue (a repeated delivery does no harm)."
        ),
        tags=["webhooks"],
        parameters=[
            OpenApiParameter("x-zm-signature", OpenApiTypes.STR, OpenApiParameter.HEADER),
            OpenApiParameter("x-zm-request-timestamp", OpenApiTypes.STR, OpenApiParameter.HEADER),
        ],
        request=OpenApiTypes.OBJECT,
        responses={
            200: OpenApiResponse(
                OpenApiTypes.OBJECT, description=_("The answer to endpoint.url_validation")
            ),
            204: OpenApiResponse(description=_("Stored; its processing is queued")),
            400: OpenApiResponse(ErrorOutput, description=_("Not a Zoom event")),
            401: OpenApiResponse(ErrorOutput, description=_("A wrong or stale signature")),
            503: OpenApiResponse(
                ErrorOutput, description=_("Not configured, or not queued: Zoom sends it again")
            ),
        },
        examples=[
            OpenApiExample(
                _("The meeting ended"),
                request_only=True,
                value={
                    "event": "meeting.ended",
                    "event_ts": 1705312800000,
                    "payload": {"account_id": "abc", "object": {"id": "85746065432"}},
                },
            )
        ],
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
