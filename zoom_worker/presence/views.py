"""GET /api/v1/appointments/{id}/presence/: who is in the waiting room and in the meeting now."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema

from zoom_worker.api.base import ApiView
from zoom_worker.api.responses import NOT_FOUND, UNAUTHORIZED
from zoom_worker.appointments.selectors import appointment_get
from zoom_worker.presence.selectors import presence_answer, presence_of
from zoom_worker.presence.serializers import PresenceOutput


class AppointmentPresenceView(ApiView):
    serializer_class = PresenceOutput

    @extend_schema(
        operation_id="appointments_presence",
        summary=_("Who is in the session now"),
        description=_(
            "From Zoom's waiting-room and participant webhooks: whether the expert is in the "
            "meeting, how many guests wait in the waiting room and how many are in the meeting, "
            "and since when. No names; decided by the times in the webhooks, not the order they "
            "came in."
        ),
        responses={200: PresenceOutput, **UNAUTHORIZED, **NOT_FOUND},
        tags=["appointments"],
    )
    def get(self, request, pk: int):
        appointment = appointment_get(user=request.user, pk=pk)
        presence = presence_of(meeting=appointment.meeting)
        return self.render(PresenceOutput, presence_answer(presence))
