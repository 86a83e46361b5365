"""Series endpoints: parse, call a selector or a service, render. No business logic here."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from zoom_worker.api.base import ApiView
from zoom_worker.api.permissions import ExpertsCreate, IsSeriesExpert, SeriesChangedByExpert
from zoom_worker.api.schema import E400, E401, E403, E404, E429, ERRORS_READ, ID, ErrorOutput
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
from zoom_worker.series.services import series_cancel, series_create, series_extend, series_update


class SeriesConflictOutput(ErrorOutput):
    code = serializers.ChoiceField(choices=["no_host_free", "cancelled"])
    conflicts = serializers.ListField(
        child=serializers.DateTimeField(),
        required=False,
        help_text="Boş Zoom sahibi bulamayan oturumların başlangıçları (UTC).",
    )


E409_SERIES = {
    409: OpenApiResponse(
        SeriesConflictOutput,
        description="Bazı oturumlarda boş Zoom sahibi yok (hiçbir şey yazılmadı) ya da dizi iptal",
        examples=[
            OpenApiExample(
                "Boş Zoom sahibi yok",
                value={
                    "detail": "Dizinin bazı saatlerinde boş Zoom sahibi yok; hiçbir şey "
                    "kaydedilmedi.",
                    "code": "no_host_free",
                    "conflicts": ["2024-02-05T10:00:00Z", "2024-03-04T10:00:00Z"],
                },
                response_only=True,
            )
        ],
    )
}
SERIES_CREATE_EXAMPLE = OpenApiExample(
    "On hafta, her pazartesi 13:00",
    request_only=True,
    value={"client": 9, "start_time": "2024-01-15T13:00:00", "duration": 45, "count": 10},
)


class SeriesListView(ApiView):
    permission_classes = [IsAuthenticated, ExpertsCreate]
    serializer_class = SeriesOutput

    @extend_schema(
        operation_id="series_list",
        summary="Dizilerim",
        description="Çağıranın uzman ya da danışan olarak katıldığı haftalık diziler.",
        responses={200: SeriesOutput(many=True), **E401},
        tags=["series"],
    )
    def get(self, request):
        return self.render_page(SeriesOutput, series_list(user=request.user))

    @extend_schema(
        operation_id="series_create",
        summary="Haftalık dizi oluştur (yalnızca uzman)",
        description=(
            "Her oturum sıradan bir randevudur; hepsi tek işlemde, her biri Zoom havuzunda kendi "
            "yeriyle kaydedilir. Oturumlar ilkinin ZOOM_TIMEZONE'daki duvar saatinde, "
            "`every_weeks` haftada bir başlar (yaz saatinde saat aynı kalır). `count` ya da "
            "`until`'den tam biri; en çok 52 oturum, sonuncusu ilkinden en geç 366 gün sonra. "
            "LUNOVA_SERIES_HORIZON_DAYS günden ilerideki oturumların toplantısı `scheduled`: "
            "yeri tutulur, Zoom toplantısı o gün yaklaşınca yapılır."
        ),
        request=SeriesCreateInput,
        responses={201: SeriesOutput, **E400, **E401, **E403, **E409_SERIES, **E429},
        examples=[SERIES_CREATE_EXAMPLE],
        tags=["series"],
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
        summary="Dizi",
        description="Oturumları, durumları ve özetiyle; yalnızca katılımcılar görür.",
        parameters=[ID],
        responses={200: SeriesOutput, **ERRORS_READ},
        tags=["series"],
    )
    def get(self, request, pk: int):
        return self.render(SeriesOutput, series_get(user=request.user, pk=pk))

    @extend_schema(
        operation_id="series_update",
        summary="Dizinin kalan oturumlarını değiştir (yalnızca uzman)",
        description=(
            "Tek başına taşınmamış, henüz başlamamış her oturum değişir: `start_time` bunların "
            "ilkinin yeni saatidir, sonrakiler dizinin aralığıyla izler. Sahibi boş kalan "
            "oturumun Zoom toplantısı ve bağlantısı korunur. Hepsi ya da hiçbiri."
        ),
        parameters=[ID],
        request=SeriesUpdateInput,
        responses={200: SeriesOutput, **E400, **E401, **E403, **E404, **E409_SERIES, **E429},
        tags=["series"],
    )
    def patch(self, request, pk: int):
        series = series_get(user=request.user, pk=pk)
        self.check_object_permissions(request, series)
        series_update(series=series, **self.valid(SeriesUpdateInput))
        return self.render(SeriesOutput, series_get(user=request.user, pk=pk))

    @extend_schema(
        operation_id="series_cancel",
        summary="Diziyi iptal et",
        description="Henüz başlamamış her oturum iptal edilir; geçmiştekiler olduğu gibi kalır.",
        parameters=[ID],
        responses={204: OpenApiResponse(description="İptal edildi"), **E401, **E404, **E429},
        tags=["series"],
    )
    def delete(self, request, pk: int):
        series_cancel(series=series_get(user=request.user, pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class SeriesExtendView(ApiView):
    permission_classes = [IsAuthenticated, IsSeriesExpert]
    serializer_class = SeriesOutput

    @extend_schema(
        operation_id="series_extend",
        summary="Diziyi uzat (yalnızca uzman)",
        description=(
            "Sonuncudan sonra aynı kuralla `count` oturum daha; aynı sınırlar, hepsi ya da hiçbiri."
        ),
        parameters=[ID],
        request=SeriesExtendInput,
        responses={200: SeriesOutput, **E400, **E401, **E403, **E404, **E409_SERIES, **E429},
        tags=["series"],
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
        summary="Dizinin takvimi (iCalendar)",
        description=(
            "Her oturum için bir etkinlik; UID ve SEQUENCE oturumun kendi davetiyle aynı, iptal "
            "edilen oturum STATUS:CANCELLED."
        ),
        parameters=[ID],
        responses={
            (200, "text/calendar"): OpenApiResponse(
                OpenApiTypes.BINARY, description="iCalendar (RFC 5545) dosyası"
            ),
            **ERRORS_READ,
        },
        tags=["series"],
    )
    def get(self, request, pk: int):
        series = series_get(user=request.user, pk=pk)
        return ics_response(series_calendar(series=series), name=f"lunova-series-{series.pk}")
