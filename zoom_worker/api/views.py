"""HTTP endpoints: parse, call a selector or a service, render. No business logic here."""

import time

from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.reverse import reverse

from zoom_worker.api.pagination import Pagination
from zoom_worker.api.permissions import ExpertsCreate, IsAppointmentExpert, IsExpert
from zoom_worker.api.serializers import (
    AppointmentCreateInput,
    AppointmentFilterInput,
    AppointmentOutput,
    AppointmentUpdateInput,
    SeedMeetingInput,
    SeedMeetingOutput,
    SeedMeetingUpdateInput,
    StartUrlOutput,
)
from zoom_worker.api.throttles import WriteThrottle
from zoom_worker.models import Meeting
from zoom_worker.selectors import (
    appointment_get,
    appointment_list,
    meeting_get,
    meeting_list,
    meeting_status,
    user_or_none,
)
from zoom_worker.services.appointments import (
    appointment_approve,
    appointment_cancel,
    appointment_create,
    appointment_resync,
    appointment_update,
)
from zoom_worker.services.meetings import (
    meeting_create,
    meeting_delete,
    meeting_start_url,
    meeting_update,
)


class ApiView(GenericAPIView):
    pagination_class = Pagination
    throttle_classes = [WriteThrottle]

    def valid(self, serializer_class, data=None):
        serializer = serializer_class(data=self.request.data if data is None else data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def render(self, output_class, instance, status_code=status.HTTP_200_OK, **kwargs):
        data = output_class(instance, context=self.get_serializer_context()).data
        return Response(data, status=status_code, **kwargs)

    def render_page(self, output_class, queryset):
        page = self.paginate_queryset(queryset)
        data = output_class(page, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)


class AppointmentListView(ApiView):
    permission_classes = [IsAuthenticated, ExpertsCreate]
    serializer_class = AppointmentOutput

    def get(self, request):
        filters = self.valid(AppointmentFilterInput, data=request.query_params)
        return self.render_page(AppointmentOutput, appointment_list(user=request.user, **filters))

    def post(self, request):
        data = self.valid(AppointmentCreateInput)
        client = user_or_none(pk=data.pop("client"))
        appointment = appointment_create(expert=request.user, client=client, **data)
        # The rows just written, with their expert and client, are all the answer needs: reading
        # them back cost a query and a third of a create's CPU.
        return self.render(AppointmentOutput, appointment, status.HTTP_201_CREATED)


class AppointmentDetailView(ApiView):
    serializer_class = AppointmentOutput

    def get(self, request, pk: int):
        return self.render(AppointmentOutput, appointment_get(user=request.user, pk=pk))

    def patch(self, request, pk: int):
        appointment = appointment_get(user=request.user, pk=pk)
        data = self.valid(AppointmentUpdateInput)
        # The service's locked read, with expert, client and meeting, is what the answer needs.
        appointment = appointment_update(appointment=appointment, **data)
        return self.render(AppointmentOutput, appointment)

    def delete(self, request, pk: int):
        appointment_cancel(appointment=appointment_get(user=request.user, pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class AppointmentExpertActionView(ApiView):
    """A POST only the appointment's expert may make; `service` is what it calls.

    Not named `action`: DRF tooling (drf-spectacular) reads `view.action` as a viewset action name.
    """

    permission_classes = [IsAuthenticated, IsAppointmentExpert]
    serializer_class = AppointmentOutput
    service = None

    def post(self, request, pk: int):
        appointment = appointment_get(user=request.user, pk=pk)
        self.check_object_permissions(request, appointment)
        self.service(appointment=appointment)
        return self.render(AppointmentOutput, appointment_get(user=request.user, pk=pk))


class AppointmentApproveView(AppointmentExpertActionView):
    service = staticmethod(appointment_approve)


class AppointmentResyncView(AppointmentExpertActionView):
    service = staticmethod(appointment_resync)


class AppointmentStartView(ApiView):
    permission_classes = [IsAuthenticated, IsAppointmentExpert]
    serializer_class = StartUrlOutput

    def get(self, request, pk: int):
        appointment = appointment_get(user=request.user, pk=pk)
        self.check_object_permissions(request, appointment)
        return Response({"start_url": meeting_start_url(meeting=appointment.meeting)})


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


# "Seed" names the original `zoom` module this service grew from: its /zoom/meetings/ endpoint
# makes standalone meetings, tied to no appointment, and keeps the seed's response shape.
class SeedMeetingListView(ApiView):
    permission_classes = [IsExpert]
    serializer_class = SeedMeetingOutput

    def get(self, request):
        return self.render_page(SeedMeetingOutput, meeting_list(owner=request.user))

    def post(self, request):
        data = self.valid(SeedMeetingInput)
        meeting = meeting_create(owner=request.user, **data)
        wait = _requested_wait(request.headers.get("Prefer", ""))
        deadline = time.monotonic() + wait
        while meeting.status == Meeting.Status.PENDING and time.monotonic() < deadline:
            time.sleep(WAIT_POLL_SECONDS)
            meeting = meeting_status(pk=meeting.pk)
        headers = {"Location": reverse("seed-meeting-detail", args=[meeting.pk], request=request)}
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
            SeedMeetingOutput,
            meeting,
            status.HTTP_201_CREATED if done else status.HTTP_202_ACCEPTED,
            headers=headers,
        )


class SeedMeetingDetailView(ApiView):
    permission_classes = [IsExpert]
    serializer_class = SeedMeetingOutput

    def get(self, request, pk: int):
        return self.render(SeedMeetingOutput, meeting_get(owner=request.user, pk=pk))

    def patch(self, request, pk: int):
        meeting = meeting_get(owner=request.user, pk=pk)
        meeting = meeting_update(meeting=meeting, changes=self.valid(SeedMeetingUpdateInput))
        return self.render(SeedMeetingOutput, meeting)

    def delete(self, request, pk: int):
        meeting_delete(meeting=meeting_get(owner=request.user, pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
