"""Appointment endpoints: parse, call a selector or a service, render. No business logic here."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from zoom_worker.api.base import ApiView
from zoom_worker.api.pagination import PAGE_NOT_FOUND
from zoom_worker.api.permissions import ExpertsCreate, IsAppointmentExpert
from zoom_worker.api.responses import (
    NO_HOST_FREE,
    NOT_FOUND,
    START_TIME_REFUSED,
    TOO_MANY_REQUESTS,
    UNAUTHORIZED,
    ZOOM_UNAVAILABLE,
    bad_request,
    conflict,
    forbidden,
)
from zoom_worker.appointments import examples
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
from zoom_worker.models import Appointment

TAGS = ["appointments"]
ONLY_THE_EXPERT = forbidden(IsAppointmentExpert.message)
LIST_FILTERS = [
    OpenApiParameter(
        "status",
        OpenApiTypes.STR,
        enum=Appointment.Status.values,
        description=_("Only appointments in this status."),
    ),
    OpenApiParameter(
        "from",
        OpenApiTypes.DATETIME,
        description=_(
            "Those starting at or after this moment; a time without an offset is in ZOOM_TIMEZONE."
        ),
        examples=[OpenApiExample(_("From January"), value="2024-01-01T00:00:00+03:00")],
    ),
    OpenApiParameter(
        "to",
        OpenApiTypes.DATETIME,
        description=_("Those starting before this moment."),
        examples=[OpenApiExample(_("Before February"), value="2024-02-01T00:00:00+03:00")],
    ),
]


class AppointmentListView(ApiView):
    permission_classes = [IsAuthenticated, ExpertsCreate]
    serializer_class = AppointmentOutput

    @extend_schema(
        operation_id="appointments_list",
        summary=_("My appointments"),
        description=_("Only those the caller takes part in, as their expert or their client."),
        tags=TAGS,
        parameters=LIST_FILTERS,
        responses={
            200: AppointmentOutput(many=True),
            **bad_request({"from": [_("The date is out of range.")]}),
            **UNAUTHORIZED,
            **PAGE_NOT_FOUND,
        },
        examples=[examples.READY],
    )
    def get(self, request):
        filters = self.valid(AppointmentFilterInput, data=request.query_params)
        return self.render_page(AppointmentOutput, appointment_list(user=request.user, **filters))

    @extend_schema(
        operation_id="appointments_create",
        summary=_("Book an appointment (experts only)"),
        description=_(
            "The appointment and its Zoom meeting are recorded as `pending`; a worker makes the "
            "meeting in Zoom. Without a `topic`, one is made of the expert's name and the date "
            "in Turkish."
        ),
        tags=TAGS,
        request=AppointmentCreateInput,
        responses={
            201: AppointmentOutput,
            **START_TIME_REFUSED,
            **UNAUTHORIZED,
            **forbidden(ExpertsCreate.message),
            **conflict(_("No Zoom host is free at that time"), NO_HOST_FREE),
            **TOO_MANY_REQUESTS,
        },
        examples=[examples.CREATE, examples.READY],
    )
    def post(self, request):
        data = self.valid(AppointmentCreateInput)
        client = user_or_none(pk=data.pop("client"))
        appointment = appointment_create(expert=request.user, client=client, **data)
        # The rows just written, with their expert and client, are all the answer needs: reading
        # them back cost a query and a third of a create's CPU.
        return self.render(AppointmentOutput, appointment, status.HTTP_201_CREATED)


class AppointmentDetailView(ApiView):
    serializer_class = AppointmentOutput

    @extend_schema(
        operation_id="appointments_retrieve",
        summary=_("An appointment"),
        description=_(
            "`attendance` is settled once, when the meeting ends (Zoom's `meeting.ended`, or "
            "LUNOVA_ATTENDANCE_SETTLE_MINUTES after the planned end); until then its fields are "
            "`null`. `held`: expert and client were together at least "
            "LUNOVA_ATTENDANCE_MIN_MINUTES minutes; `client_no_show`: only the expert came; "
            "`expert_no_show`: only the client came; `nobody_joined`: nobody came; `unknown`: "
            "Zoom gave no attendance. The appointment becomes `completed` (held, unknown) or "
            "`no_show`."
        ),
        tags=TAGS,
        responses={200: AppointmentOutput, **UNAUTHORIZED, **NOT_FOUND},
        examples=[examples.READY, examples.HELD],
    )
    def get(self, request, pk: int):
        return self.render(AppointmentOutput, appointment_get(user=request.user, pk=pk))

    @extend_schema(
        operation_id="appointments_update",
        summary=_("Change an appointment"),
        description=_(
            "The same Zoom meeting is updated; its join link stays. A meeting whose pool host is "
            "busy at the new time is made again on a free host (the link changes); when none is "
            "free, 409 `no_host_free`."
        ),
        tags=TAGS,
        request=AppointmentUpdateInput,
        responses={
            200: AppointmentOutput,
            **START_TIME_REFUSED,
            **UNAUTHORIZED,
            **NOT_FOUND,
            **conflict(
                _("Cancelled, or no Zoom host free at the new time"),
                {"cancelled": _("A cancelled appointment cannot be changed."), **NO_HOST_FREE},
            ),
            **TOO_MANY_REQUESTS,
        },
        examples=[examples.RESCHEDULE, examples.READY],
    )
    def patch(self, request, pk: int):
        appointment = appointment_get(user=request.user, pk=pk)
        data = self.valid(AppointmentUpdateInput)
        # The service's locked read, with expert, client and meeting, is what the answer needs.
        appointment = appointment_update(appointment=appointment, by=request.user, **data)
        return self.render(AppointmentOutput, appointment)

    @extend_schema(
        operation_id="appointments_cancel",
        summary=_("Cancel an appointment"),
        description=_(
            "The appointment becomes `cancelled` and its Zoom meeting is deleted; the record "
            "stays readable."
        ),
        tags=TAGS,
        responses={
            204: OpenApiResponse(description=_("Cancelled")),
            **UNAUTHORIZED,
            **NOT_FOUND,
            **TOO_MANY_REQUESTS,
        },
    )
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


def _expert_action(operation_id: str, summary, refusal: dict):
    """The description of an expert's action; `refusal` maps its 409 code to its message."""
    return extend_schema_view(
        post=extend_schema(
            operation_id=operation_id,
            summary=summary,
            tags=TAGS,
            request=None,
            responses={
                200: AppointmentOutput,
                **UNAUTHORIZED,
                **ONLY_THE_EXPERT,
                **NOT_FOUND,
                **conflict(_("Refused in the appointment's state"), refusal),
                **TOO_MANY_REQUESTS,
            },
        )
    )


@_expert_action(
    "appointments_approve",
    _("Approve an appointment (its expert only)"),
    {"cancelled": _("A cancelled appointment cannot be approved.")},
)
class AppointmentApproveView(AppointmentExpertActionView):
    service = staticmethod(appointment_approve)


@_expert_action(
    "appointments_resync",
    _("Synchronise a failed meeting again"),
    {"not_failed": _("Only a failed meeting can be synchronised again.")},
)
class AppointmentResyncView(AppointmentExpertActionView):
    service = staticmethod(appointment_resync)


class AppointmentStartView(ApiView):
    permission_classes = [IsAuthenticated, IsAppointmentExpert]
    serializer_class = StartUrlOutput

    @extend_schema(
        operation_id="appointments_start",
        summary=_("The link that starts the meeting (its expert only)"),
        description=_("Fresh from Zoom: a stored one stops working after about two hours."),
        tags=TAGS,
        responses={
            200: StartUrlOutput,
            **UNAUTHORIZED,
            **ONLY_THE_EXPERT,
            **NOT_FOUND,
            **conflict(
                _("The Zoom meeting is not ready"),
                {"not_ready": _("The Zoom meeting is not ready yet.")},
            ),
            **ZOOM_UNAVAILABLE,
        },
    )
    def get(self, request, pk: int):
        appointment = appointment_get(user=request.user, pk=pk)
        self.check_object_permissions(request, appointment)
        return Response({"start_url": meeting_start_url(meeting=appointment.meeting)})
