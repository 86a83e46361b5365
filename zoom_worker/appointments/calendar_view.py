"""GET /api/v1/appointments/{id}/calendar.ics: the appointment's invite for its participants."""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.views import APIView

from zoom_worker.api.responses import NOT_FOUND, UNAUTHORIZED
from zoom_worker.appointments.calendar import appointment_calendar
from zoom_worker.appointments.selectors import appointment_get


class _JsonErrors(BaseContentNegotiation):
    """Errors are JSON whatever the calendar app accepts; the invite itself is text/calendar."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class AppointmentCalendarView(APIView):
    content_negotiation_class = _JsonErrors

    @extend_schema(
        operation_id="appointments_calendar",
        summary=_("The appointment's calendar invite (iCalendar)"),
        description=_(
            "An .ics file for its participants: a fixed UID, a SEQUENCE raised at each "
            "reschedule, Europe/Istanbul times, the Zoom join link; STATUS:CANCELLED once "
            "cancelled."
        ),
        responses={
            (200, "text/calendar"): OpenApiResponse(
                OpenApiTypes.BINARY, description=_("An iCalendar (RFC 5545) file")
            ),
            **UNAUTHORIZED,
            **NOT_FOUND,
        },
        tags=["appointments"],
    )
    def get(self, request, pk: int):
        appointment = appointment_get(user=request.user, pk=pk)
        response = HttpResponse(
            appointment_calendar(appointment=appointment),
            content_type="text/calendar; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="lunova-{appointment.pk}.ics"'
        return response
