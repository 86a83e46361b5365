"""Request ids: taken from X-Request-ID (a proxy's or the caller's) or made here, bound to every
log line of the request, handed to the tasks it publishes and echoed in the response."""

import logging
import re
import time
import uuid

from zoom_worker.observability.context import bind_ids, ids_bound

logger = logging.getLogger("lunova.request")

HEADER = "X-Request-ID"
# A caller's id is kept only when it is short and plain: it lands in every log line.
_ACCEPTABLE = re.compile(r"[A-Za-z0-9._:-]{1,64}")
# URL names whose `pk` is an appointment's or a standalone meeting's id.
_ID_KINDS = (("appointment", "appointment_id"), ("standalone-meeting", "meeting_id"))


def request_id_from(value: str | None) -> str:
    if value and _ACCEPTABLE.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get(HEADER))
        started = time.monotonic()
        with ids_bound(request_id=request_id):
            response = self.get_response(request)
            # The path holds ids only; the query string (filters) is left out.
            logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": int((time.monotonic() - started) * 1000),
                },
            )
        response[HEADER] = request_id
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        url_name = request.resolver_match.url_name or ""
        for prefix, key in _ID_KINDS:
            if url_name.startswith(prefix) and "pk" in view_kwargs:
                bind_ids(**{key: view_kwargs["pk"]})
        return None
