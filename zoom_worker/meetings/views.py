"""The standalone meetings endpoint (/zoom/meetings/): meetings tied to no appointment, in the
response shape of the original `zoom` module this service grew from."""

import time

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.reverse import reverse

from zoom_worker.api.base import ApiView
from zoom_worker.api.pagination import PAGE_NOT_FOUND
from zoom_worker.api.permissions import IsExpert
from zoom_worker.api.responses import (
    NO_HOST_FREE,
    NOT_FOUND,
    START_TIME_REFUSED,
    TOO_MANY_REQUESTS,
    UNAUTHORIZED,
    conflict,
    forbidden,
)
from zoom_worker.meetings import examples
from zoom_worker.meetings.selectors import (
    meeting_reread,
    standalone_meeting_get,
    standalone_meeting_list,
)
from zoom_worker.meetings.serializers import (
    StandaloneFailureOutput,
    StandaloneMeetingInput,
    StandaloneMeetingOutput,
    StandaloneMeetingUpdateInput,
)
from zoom_worker.meetings.services import (
    standalone_meeting_create,
    standalone_meeting_delete,
    standalone_meeting_update,
)
from zoom_worker.models import Meeting

MAX_WAIT_SECONDS = 30
WAIT_POLL_SECONDS = 0.05

TAGS = ["zoom-meetings"]
ONLY_EXPERTS = forbidden(IsExpert.message)
PREFER = OpenApiParameter(
    "Prefer",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=_(
        "RFC 7240: with `wait=N` (N at most 30) the request waits up to N seconds for the "
        "meeting to be ready in Zoom: 201 when ready, 202 while still waiting, 502 when Zoom "
        "refused it."
    ),
    examples=[OpenApiExample(_("Wait 10 seconds"), value="wait=10")],
)
LOCATION = OpenApiParameter(
    "Location",
    OpenApiTypes.URI,
    OpenApiParameter.HEADER,
    response=[201, 202, 502],
    description=_("The new meeting's address."),
)


def _requested_wait(prefer: str) -> float:
    """Seconds asked for with `Prefer: wait=N` (RFC 7240), at most 30; 0 when absent or bad."""
    for preference in prefer.split(","):
        name, _sep, value = preference.strip().partition("=")
        if name.strip().lower() == "wait":
            try:
                return max(0.0, min(float(value.strip().strip('"')), MAX_WAIT_SECONDS))
            except ValueError:
                return 0.0
    return 0.0


class StandaloneMeetingListView(ApiView):
    permission_classes = [IsExpert]
    serializer_class = StandaloneMeetingOutput

    @extend_schema(
        operation_id="zoom_meetings_list",
        summary=_("My meetings (experts only)"),
        tags=TAGS,
        responses={
            200: StandaloneMeetingOutput(many=True),
            **UNAUTHORIZED,
            **ONLY_EXPERTS,
            **PAGE_NOT_FOUND,
        },
    )
    def get(self, request):
        return self.render_page(
            StandaloneMeetingOutput, standalone_meeting_list(owner=request.user)
        )

    @extend_schema(
        operation_id="zoom_meetings_create",
        summary=_("Make a Zoom meeting (experts only)"),
        description=_(
            "By default 202, with what is known so far. With `Prefer: wait=N` it waits up to N "
            "seconds: 201 with the full answer, 202 still waiting, 502 Zoom refused."
        ),
        tags=TAGS,
        parameters=[PREFER, LOCATION],
        request=StandaloneMeetingInput,
        responses={
            201: OpenApiResponse(StandaloneMeetingOutput, description=_("Ready in Zoom")),
            202: OpenApiResponse(
                StandaloneMeetingOutput, description=_("Recorded; being sent to Zoom")
            ),
            **START_TIME_REFUSED,
            **UNAUTHORIZED,
            **ONLY_EXPERTS,
            **conflict(_("No Zoom host is free at that time"), NO_HOST_FREE),
            **TOO_MANY_REQUESTS,
            502: OpenApiResponse(
                StandaloneFailureOutput,
                description=_("Zoom refused the meeting for good"),
                examples=[examples.REFUSED],
            ),
        },
        examples=[examples.CREATE, examples.READY, examples.PENDING],
    )
    def post(self, request):
        data = self.valid(StandaloneMeetingInput)
        meeting = standalone_meeting_create(owner=request.user, **data)
        wait = _requested_wait(request.headers.get("Prefer", ""))
        deadline = time.monotonic() + wait
        while meeting.status == Meeting.Status.PENDING and time.monotonic() < deadline:
            time.sleep(WAIT_POLL_SECONDS)
            meeting = meeting_reread(pk=meeting.pk)
        headers = {
            "Location": reverse("standalone-meeting-detail", args=[meeting.pk], request=request)
        }
        if wait:
            headers["Preference-Applied"] = f"wait={wait:g}"
        if meeting.status == Meeting.Status.FAILED:
            return Response(
                {"success": False, "error": meeting.last_error},
                status=status.HTTP_502_BAD_GATEWAY,
                headers=headers,
            )
        done = meeting.status == Meeting.Status.READY
        return self.render(
            StandaloneMeetingOutput,
            meeting,
            status.HTTP_201_CREATED if done else status.HTTP_202_ACCEPTED,
            headers=headers,
        )


class StandaloneMeetingDetailView(ApiView):
    permission_classes = [IsExpert]
    serializer_class = StandaloneMeetingOutput

    @extend_schema(
        operation_id="zoom_meetings_retrieve",
        summary=_("A Zoom meeting"),
        tags=TAGS,
        responses={200: StandaloneMeetingOutput, **UNAUTHORIZED, **ONLY_EXPERTS, **NOT_FOUND},
        examples=[examples.READY],
    )
    def get(self, request, pk: int):
        return self.render(
            StandaloneMeetingOutput, standalone_meeting_get(owner=request.user, pk=pk)
        )

    @extend_schema(
        operation_id="zoom_meetings_update",
        summary=_("Change a Zoom meeting"),
        tags=TAGS,
        request=StandaloneMeetingUpdateInput,
        responses={
            200: StandaloneMeetingOutput,
            **START_TIME_REFUSED,
            **UNAUTHORIZED,
            **ONLY_EXPERTS,
            **NOT_FOUND,
            **conflict(
                _("Deleted, or no Zoom host free at the new time"),
                {
                    "cancelled": _("This meeting was cancelled and can no longer be changed."),
                    **NO_HOST_FREE,
                },
            ),
            **TOO_MANY_REQUESTS,
        },
    )
    def patch(self, request, pk: int):
        meeting = standalone_meeting_get(owner=request.user, pk=pk)
        meeting = standalone_meeting_update(
            meeting=meeting, changes=self.valid(StandaloneMeetingUpdateInput)
        )
        return self.render(StandaloneMeetingOutput, meeting)

    @extend_schema(
        operation_id="zoom_meetings_delete",
        summary=_("Delete a Zoom meeting"),
        tags=TAGS,
        responses={
            204: OpenApiResponse(description=_("Deleted")),
            **UNAUTHORIZED,
            **ONLY_EXPERTS,
            **NOT_FOUND,
            **TOO_MANY_REQUESTS,
        },
    )
    def delete(self, request, pk: int):
        standalone_meeting_delete(meeting=standalone_meeting_get(owner=request.user, pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
