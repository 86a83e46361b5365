"""The error answers the endpoints share, for their OpenAPI description: each view's
`@extend_schema(responses=...)` lists the ones it can give, built here in the shapes DRF and
`api/errors.py` answer with, their examples the messages the code really sends.

Every text is lazy, so the schema is written in the language it is asked in (`?lang=en`).
"""

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse
from rest_framework import serializers
from rest_framework.exceptions import NotAuthenticated, NotFound, Throttled


class ErrorOutput(serializers.Serializer):
    detail = serializers.CharField(help_text=_("A message for people, in the caller's language."))


class ConflictOutput(ErrorOutput):
    code = serializers.CharField(
        help_text=_("Which refusal it is, for programs; the same in every language.")
    )


# A 400 names each field it refuses, with its messages (DRF's validation error shape); a body
# that is no JSON object at all gets one message under "detail".
VALIDATION_ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


def _answer(shape, description, examples: dict) -> OpenApiResponse:
    """An answer of `shape`; `examples` maps each example's title to its body."""
    return OpenApiResponse(
        shape,
        description=description,
        examples=[
            OpenApiExample(title, value=body, response_only=True)
            for title, body in examples.items()
        ],
    )


def _error(description, message) -> OpenApiResponse:
    return _answer(ErrorOutput, description, {description: {"detail": message}})


def bad_request(example: dict) -> dict:
    """A 400 whose example is `example`: the refused fields, each with its messages."""
    return {400: _answer(VALIDATION_ERROR, _("Invalid request"), {_("Invalid request"): example})}


def forbidden(message) -> dict:
    """A 403 with the message of the permission that refuses."""
    return {403: _error(_("Not allowed"), message)}


def conflict(description, refusals: dict) -> dict:
    """A 409: `refusals` maps each `code` the operation can answer with to its message."""
    return {
        409: _answer(
            ConflictOutput,
            description,
            {code: {"detail": message, "code": code} for code, message in refusals.items()},
        )
    }


def unauthorized(description, message) -> dict:
    """A 401 refusing the credentials for the reason `description` says."""
    return {401: _error(description, message)}


def not_found(description, message) -> dict:
    """A 404 for what `description` says is not there."""
    return {404: _error(description, message)}


_THROTTLED = lazy(lambda: str(Throttled(wait=30).detail), str)()

NOT_FOUND = not_found(_("Not found"), NotFound.default_detail)
TOO_MANY_REQUESTS = {429: _error(_("Too many requests"), _THROTTLED)}
UNAUTHORIZED = unauthorized(_("Not signed in"), NotAuthenticated.default_detail)
ZOOM_UNAVAILABLE = {
    503: _error(
        _("Zoom could not be reached"), _("Zoom could not be reached; please try again shortly.")
    )
}

# The refusals both booking endpoints (appointments and standalone meetings) share.
START_TIME_REFUSED = bad_request({"start_time": [_("The start time must be in the future.")]})
NO_HOST_FREE = {"no_host_free": _("No Zoom host is free at that time; please choose another time.")}
