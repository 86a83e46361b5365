"""The standalone meetings endpoint (/zoom/meetings/): meetings tied to no appointment, in the
response shape of the original `zoom` module this service grew from."""

import time

from rest_framework import status
from rest_framework.response import Response
from rest_framework.reverse import reverse

from zoom_worker.api.base import ApiView
from zoom_worker.api.permissions import IsExpert
from zoom_worker.meetings.selectors import (
    meeting_reread,
    standalone_meeting_get,
    standalone_meeting_list,
)
from zoom_worker.meetings.serializers import (
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

    def get(self, request):
        return self.render_page(
            StandaloneMeetingOutput, standalone_meeting_list(owner=request.user)
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

    def get(self, request, pk: int):
        return self.render(
            StandaloneMeetingOutput, standalone_meeting_get(owner=request.user, pk=pk)
        )

    def patch(self, request, pk: int):
        meeting = standalone_meeting_get(owner=request.user, pk=pk)
        meeting = standalone_meeting_update(
            meeting=meeting, changes=self.valid(StandaloneMeetingUpdateInput)
        )
        return self.render(StandaloneMeetingOutput, meeting)

    def delete(self, request, pk: int):
        standalone_meeting_delete(meeting=standalone_meeting_get(owner=request.user, pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
