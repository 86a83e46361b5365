"""Series endpoints: parse, call a selector or a service, render. No business logic here."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from zoom_worker.api.base import ApiView
from zoom_worker.api.pagination import PAGE_NOT_FOUND
from zoom_worker.api.permissions import ExpertsCreate, IsSeriesExpert, SeriesChangedByExpert
from zoom_worker.api.responses import (
    NOT_FOUND,
    START_TIME_REFUSED,
    TOO_MANY_REQUESTS,
    UNAUTHORIZED,
    ConflictOutput,
    forbidden,
)
from zoom_worker.appointments.calendar_view import JsonErrors, ics_response
from zoom_worker.appointments.selectors import user_or_none
from zoom_worker.series.calendar import series_calendar
from zoom_worker.series.selectors import series_get, series_list
from zoom_worker.series.serializers import (
    SeriesCreateInput,
    SeriesExtendInput,
    SeriesOutput,
    SeriesUpdateInput,
)
from zoom_worker.series.services import (
    SERIES_CONFLICT_MESSAGE,
    series_cancel,
    series_create,
    series_extend,
    series_update,
)

TAGS = ["series"]
ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description=_("The series' id"))
READ_REFUSED = {**UNAUTHORIZED, **NOT_FOUND}
ONLY_THE_EXPERT = forbidden(IsSeriesExpert.message)


class SeriesConflictOutput(ConflictOutput):
    conflicts = serializers.ListField(
        child=serializers.DateTimeField(),
        required=False,
        help_text=_("The starts (UTC) of the sessions that found no free Zoom host."),
    )


SERIES_CONFLICT = {
    409: OpenApiResponse(
        SeriesConflictOutput,
        description=_("Some sessions find no free Zoom host (nothing was written)"),
        examples=[
            OpenApiExample(
                "no_host_free",
                value={
                    "detail": SERIES_CONFLICT_MESSAGE,
                    "code": "no_host_free",
                    "conflicts": ["2024-02-05T10:00:00Z", "2024-03-04T10:00:00Z"],
                },
                response_only=True,
            )
        ],
    )
}
WRITE_REFUSED = {
    **START_TIME_REFUSED,
    **UNAUTHORIZED,
    **ONLY_THE_EXPERT,
    **NOT_FOUND,
    **SERIES_CONFLICT,
    **TOO_MANY_REQUESTS,
}
SERIES_CREATE_EXAMPLE = OpenApiExample(
    _("Ten weeks, every Monday at 13:00"),
    request_only=True,
    value={"client": 9, "start_time": "2024-01-15T13:00:00", "duration": 45, "count": 10},
)


class SeriesListView(ApiView):
    permission_classes = [IsAuthenticated, ExpertsCreate]
    serializer_class = SeriesOutput

    @extend_schema(
        operation_id="series_list",
        summary=_("My series"),
        description=_("The weekly series the caller takes part in, as expert or client."),
        responses={200: SeriesOutput(many=True), **UNAUTHORIZED, **PAGE_NOT_FOUND},
        tags=TAGS,
    )
    def get(self, request):
        return self.render_page(SeriesOutput, series_list(user=request.user))

    @extend_schema(
        operation_id="series_create",
        summary=_("Book a weekly series (experts only)"),
        description=_(
            "Every session is an ordinary appointment; all are booked in one transaction, each "
            "with its own seat in the Zoom host pool. Sessions start at the first one's "
            "wall-clock time in ZOOM_TIMEZONE every `every_weeks` weeks (the hour stays across "
            "daylight saving). Exactly one of `count` and `until`; at most 52 sessions, the "
            "last within 366 days of the first. A session more than "
            "LUNOVA_SERIES_HORIZON_DAYS ahead is `scheduled`: its seat is held and its Zoom "
            "meeting is made as the day comes near."
        ),
        request=SeriesCreateInput,
        responses={
            201: SeriesOutput,
            **START_TIME_REFUSED,
            **UNAUTHORIZED,
            **forbidden(ExpertsCreate.message),
            **SERIES_CONFLICT,
            **TOO_MANY_REQUESTS,
        },
        examples=[SERIES_CREATE_EXAMPLE],
        tags=TAGS,
    )
    def post(self, request):
        data = self.valid(SeriesCreateInput)
        client = user_or_none(pk=data.pop("client"))
        series = series_create(expert=request.user, client=client, **data)
        return self.render(
            SeriesOutput, series_get(user=request.user, pk=series.pk), status.HTTP_201_CREATED
        )


class SeriesDetailView(ApiView):
    permission_classes = [IsAuthenticated, SeriesChangedByExpert]
    serializer_class = SeriesOutput

    @extend_schema(
        operation_id="series_retrieve",
        summary=_("A series"),
        description=_("With its sessions, their states and a summary; participants only."),
        parameters=[ID],
        responses={200: SeriesOutput, **READ_REFUSED},
        tags=TAGS,
    )
    def get(self, request, pk: int):
        return self.render(SeriesOutput, series_get(user=request.user, pk=pk))

    @extend_schema(
        operation_id="series_update",
        summary=_("Change the series' sessions ahead (experts only)"),
        description=_(
            "Every session ahead that was not moved on its own changes: `start_time` is the new "
            "time of the first of them, the later ones follow at the series' interval. A "
            "session whose host stays free keeps its Zoom meeting and link. All or nothing."
        ),
        parameters=[ID],
        request=SeriesUpdateInput,
        responses={200: SeriesOutput, **WRITE_REFUSED},
        tags=TAGS,
    )
    def patch(self, request, pk: int):
        series = series_get(user=request.user, pk=pk)
        self.check_object_permissions(request, series)
        series_update(series=series, **self.valid(SeriesUpdateInput))
        return self.render(SeriesOutput, series_get(user=request.user, pk=pk))

    @extend_schema(
        operation_id="series_cancel",
        summary=_("Cancel the series"),
        description=_("Every session not started yet is cancelled; past ones stay as they are."),
        parameters=[ID],
        responses={
            204: OpenApiResponse(description=_("Cancelled")),
            **READ_REFUSED,
            **TOO_MANY_REQUESTS,
        },
        tags=TAGS,
    )
    def delete(self, request, pk: int):
        series_cancel(series=series_get(user=request.user, pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class SeriesExtendView(ApiView):
    permission_classes = [IsAuthenticated, IsSeriesExpert]
    serializer_class = SeriesOutput

    @extend_schema(
        operation_id="series_extend",
        summary=_("Extend the series (experts only)"),
        description=_(
            "`count` more sessions after the last, by the same rule; the same limits, all or "
            "nothing."
        ),
        parameters=[ID],
        request=SeriesExtendInput,
        responses={200: SeriesOutput, **WRITE_REFUSED},
        tags=TAGS,
    )
    def post(self, request, pk: int):
        series = series_get(user=request.user, pk=pk)
        self.check_object_permissions(request, series)
        series_extend(series=series, **self.valid(SeriesExtendInput))
        return self.render(SeriesOutput, series_get(user=request.user, pk=pk))


class SeriesCalendarView(APIView):
    content_negotiation_class = JsonErrors

    @extend_schema(
        operation_id="series_calendar",
        summary=_("The series' calendar (iCalendar)"),
        description=_(
            "One event per session, with the UID and SEQUENCE of the session's own invite; a "
            "cancelled session is STATUS:CANCELLED."
        ),
        parameters=[ID],
        responses={
            (200, "text/calendar"): OpenApiResponse(
                OpenApiTypes.BINARY, description=_("An iCalendar (RFC 5545) file")
            ),
            **READ_REFUSED,
        },
        tags=TAGS,
    )
    def get(self, request, pk: int):
        series = series_get(user=request.user, pk=pk)
        return ics_response(series_calendar(series=series), name=f"lunova-series-{series.pk}")
