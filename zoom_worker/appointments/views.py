"""Appointment endpoints: parse, call a selector or a service, render. No business logic here."""

from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from zoom_worker.api.base import ApiView
from zoom_worker.api.permissions import ExpertsCreate, IsAppointmentExpert
from zoom_worker.appointments.selectors import appointment_get, appointment_list, user_or_none
from zoom_worker.appointments.serializers import (
    AppointmentCreateInput,
    AppointmentFilterInput,
    AppointmentOutput,
    AppointmentUpdateInput,
    StartUrlOutput,
)
from zoom_worker.appointments.services import (
    appointment_approve,
    appointment_cancel,
    appointment_create,
    appointment_resync,
    appointment_update,
)
from zoom_worker.meetings.services import meeting_start_url


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
        appointment = appointment_update(appointment=appointment, by=request.user, **data)
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
