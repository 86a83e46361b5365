"""The OpenAPI description of the API views: summaries, parameters, every answer with its shape,
error answers and Turkish examples.

Kept here, beside the views rather than on them, through drf-spectacular's view extensions: the
views stay a few lines of parse-call-render, and views of the auth and webhook modules are
documented the same way. tests/unit/test_openapi_schema.py fails if a view goes undocumented.
"""

from drf_spectacular.extensions import OpenApiViewExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer, TokenRefreshSerializer

from zoom_worker.api.auth_serializers import LogoutInput, MeOutput
from zoom_worker.appointments.serializers import (
    AppointmentCreateInput,
    AppointmentOutput,
    AppointmentUpdateInput,
    StartUrlOutput,
)
from zoom_worker.meetings.serializers import (
    StandaloneFailureOutput,
    StandaloneMeetingInput,
    StandaloneMeetingOutput,
    StandaloneMeetingUpdateInput,
)
from zoom_worker.models import Appointment


class ApiIndexOutput(serializers.Serializer):
    token = serializers.URLField()
    me = serializers.URLField()
    appointments = serializers.URLField()
    zoom_meetings = serializers.URLField()
    schema = serializers.URLField()
    docs = serializers.URLField()
    health = serializers.URLField()


class ErrorOutput(serializers.Serializer):
    detail = serializers.CharField(help_text="İnsanın okuyabileceği hata iletisi.")


# A 400 names each field it refuses, with its messages (DRF's validation error shape); a body
# that is no JSON object at all gets one message under "detail".
VALIDATION_ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


def _error(description: str, message: str, shape=ErrorOutput) -> OpenApiResponse:
    body = {"detail": message} if shape is ErrorOutput else message
    return OpenApiResponse(
        shape,
        description=description,
        examples=[OpenApiExample(description, value=body, response_only=True)],
    )


E400 = {
    400: _error(
        "Geçersiz istek",
        {"start_time": ["Başlangıç zamanı gelecekte olmalıdır."]},
        shape=VALIDATION_ERROR,
    )
}
E401 = {401: _error("Kimlik doğrulanmadı", "Kimlik doğrulama bilgileri sağlanmadı.")}
E403 = {403: _error("Yetki yok", "Bu işlemi yalnızca randevunun uzmanı yapabilir.")}
E404 = {404: _error("Bulunamadı", "Bulunamadı.")}
E409 = {409: _error("Çakışma", "İptal edilmiş bir randevu değiştirilemez.")}


class ConflictOutput(ErrorOutput):
    code = serializers.ChoiceField(
        choices=["no_host_free"],
        required=False,
        help_text="`no_host_free`: havuzda o saatte boş Zoom sahibi yok; hiçbir şey yazılmadı.",
    )


NO_HOST_FREE = OpenApiExample(
    "Boş Zoom sahibi yok",
    value={
        "detail": "O saatte boş Zoom sahibi yok; lütfen başka bir saat seçin.",
        "code": "no_host_free",
    },
    response_only=True,
)
E409_NO_HOST = {
    409: OpenApiResponse(
        ConflictOutput, description="O saatte boş Zoom sahibi yok", examples=[NO_HOST_FREE]
    )
}
E409_CHANGE = {
    409: OpenApiResponse(
        ConflictOutput,
        description="İptal edilmiş, ya da yeni saatte boş Zoom sahibi yok",
        examples=[
            OpenApiExample(
                "İptal edilmiş",
                value={"detail": "İptal edilmiş bir randevu değiştirilemez."},
                response_only=True,
            ),
            NO_HOST_FREE,
        ],
    )
}
E429 = {429: _error("Çok fazla istek", "İstek sınırı aşıldı. 30 saniye sonra tekrar deneyin.")}
E503 = {503: _error("Zoom'a ulaşılamadı", "Zoom'a ulaşılamadı; lütfen birazdan tekrar deneyin.")}
ERRORS_READ = {**E401, **E404}
ERRORS_WRITE = {**E400, **E401, **E403, **E404, **E409_CHANGE, **E429}

ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Kayıt kimliği")
LOCATION = OpenApiParameter(
    "Location",
    OpenApiTypes.URI,
    OpenApiParameter.HEADER,
    response=[201, 202, 502],
    description="Yeni toplantının adresi.",
)
PREFER = OpenApiParameter(
    "Prefer",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=(
        "RFC 7240: `wait=N` (N ≤ 30) ile istek, toplantı Zoom'da hazır olana dek en çok N saniye "
        "bekler: hazırsa 201, hâlâ bekliyorsa 202, Zoom reddettiyse 502."
    ),
    examples=[OpenApiExample("10 saniye bekle", value="wait=10")],
)
LIST_FILTERS = [
    OpenApiParameter(
        "status",
        OpenApiTypes.STR,
        enum=Appointment.Status.values,
        description="Randevu durumuna göre süz.",
    ),
    OpenApiParameter(
        "from",
        OpenApiTypes.DATETIME,
        description="Bu andan (dahil) sonra başlayanlar; ofsetsiz saat ZOOM_TIMEZONE'dadır.",
        examples=[OpenApiExample("Ocak başı", value="2024-01-01T00:00:00+03:00")],
    ),
    OpenApiParameter(
        "to",
        OpenApiTypes.DATETIME,
        description="Bu andan (hariç) önce başlayanlar.",
        examples=[OpenApiExample("Şubat başı", value="2024-02-01T00:00:00+03:00")],
    ),
    OpenApiParameter(
        "series", OpenApiTypes.INT, description="Yalnızca bu dizinin oturumları (dizi kimliği)."
    ),
]

_JOIN = "https://zoom.us/j/85746065432?pwd=Zm9vYmFy"
_PERSON = {"id": 7, "username": "ayse", "name": "Uzm. Dr. Ayşe Yılmaz"}
APPOINTMENT_EXAMPLE = OpenApiExample(
    "Hazır randevu",
    response_only=True,
    value={
        "id": 42,
        "expert": _PERSON,
        "client": {"id": 9, "username": "mehmet", "name": "Mehmet Demir"},
        "topic": "Lunova Görüşmesi · Uzm. Dr. Ayşe Yılmaz · 15 Ocak 2024 Pazartesi, 13:00",
        "start_time": "2024-01-15T10:00:00Z",
        "duration": 45,
        "timezone": "Europe/Istanbul",
        "notes": "İlk görüşme",
        "status": "approved",
        "meeting": {
            "status": "ready",
            "meeting_id": "85746065432",
            "join_url": _JOIN,
            "start_url": None,
            "password": "a1B2c3",
            "host_email": "uzman@lunova.example",
            "last_error": "",
            "updated_at": "2024-01-10T08:00:03Z",
        },
        "attendance": {
            "outcome": None,
            "expert_joined_at": None,
            "client_joined_at": None,
            "together_minutes": None,
        },
        "series": None,
        "created_at": "2024-01-10T08:00:00Z",
        "updated_at": "2024-01-10T08:00:03Z",
    },
)
APPOINTMENT_ENDED_EXAMPLE = OpenApiExample(
    "Görüşme yapıldı",
    response_only=True,
    value={
        **APPOINTMENT_EXAMPLE.value,
        "status": "completed",
        "attendance": {
            "outcome": "held",
            "expert_joined_at": "2024-01-15T10:01:00Z",
            "client_joined_at": "2024-01-15T10:03:00Z",
            "together_minutes": 37,
        },
    },
)
APPOINTMENT_CREATE_EXAMPLE = OpenApiExample(
    "Başlıksız randevu (başlık üretilir)",
    request_only=True,
    value={"client": 9, "start_time": "2024-01-15T13:00:00", "notes": "İlk görüşme"},
)
APPOINTMENT_UPDATE_EXAMPLE = OpenApiExample(
    "Yeniden planla",
    request_only=True,
    value={"start_time": "2024-01-16T14:30:00+03:00", "duration": 60},
)
_SEED_FIELDS = {
    "id": 12,
    "topic": "Haftalık ekip toplantısı",
    "start_time": "2024-01-15T10:00:00Z",
    "duration": 45,
    "last_error": "",
}
SEED_READY_EXAMPLE = OpenApiExample(
    "Hazır",
    response_only=True,
    status_codes=[200, 201],
    value={
        "success": True,
        "status": "ready",
        "meeting_id": "85746065432",
        "join_url": _JOIN,
        "start_url": "https://zoom.us/s/85746065432?zak=…",
        "password": "a1B2c3",
        "host_email": "uzman@lunova.example",
        **_SEED_FIELDS,
    },
)
SEED_PENDING_EXAMPLE = OpenApiExample(
    "Zoom'a gönderiliyor",
    response_only=True,
    status_codes=[202],
    value={
        "success": True,
        "status": "pending",
        "meeting_id": None,
        "join_url": None,
        "start_url": None,
        "password": None,
        "host_email": None,
        **_SEED_FIELDS,
    },
)
SEED_INPUT_EXAMPLE = OpenApiExample(
    "Toplantı",
    request_only=True,
    value={"topic": "Haftalık ekip toplantısı", "start_time": "2024-01-15T13:00:00"},
)
E502 = {
    502: OpenApiResponse(
        StandaloneFailureOutput,
        description="Zoom toplantıyı kalıcı olarak reddetti",
        examples=[
            OpenApiExample(
                "Zoom reddetti",
                response_only=True,
                value={
                    "success": False,
                    "error": "Zoom isteği reddetti (HTTP 400, kod 300): Geçersiz toplantı.",
                },
            )
        ],
    )
}


def _document(view: str, tags: list[str], **methods) -> None:
    """Attach `extend_schema` per HTTP method to the view at dotted path `view`."""

    def view_replacement(self):
        documented = type(self.target_class.__name__, (self.target_class,), {})
        return extend_schema_view(
            **{method: extend_schema(tags=tags, **docs) for method, docs in methods.items()}
        )(documented)

    type(
        f"{view.rsplit('.', 1)[-1]}Schema",
        (OpenApiViewExtension,),
        {"target_class": view, "view_replacement": view_replacement},
    )


_document(
    "zoom_worker.appointments.views.AppointmentListView",
    ["appointments"],
    get=dict(
        operation_id="appointments_list",
        summary="Randevularım",
        description="Yalnızca çağıranın uzman ya da danışan olarak katıldığı randevular.",
        parameters=LIST_FILTERS,
        responses={200: AppointmentOutput(many=True), **E400, **E401},
        examples=[APPOINTMENT_EXAMPLE],
    ),
    post=dict(
        operation_id="appointments_create",
        summary="Randevu oluştur (yalnızca uzman)",
        description=(
            "Randevu ve Zoom toplantısı `pending` olarak kaydedilir; toplantıyı bir çalışan "
            "Zoom'da oluşturur. `topic` boşsa uzmanın adı ve Türkçe tarihle üretilir."
        ),
        request=AppointmentCreateInput,
        responses={201: AppointmentOutput, **E400, **E401, **E403, **E409_NO_HOST, **E429},
        examples=[APPOINTMENT_CREATE_EXAMPLE, APPOINTMENT_EXAMPLE],
    ),
)
_document(
    "zoom_worker.appointments.views.AppointmentDetailView",
    ["appointments"],
    get=dict(
        operation_id="appointments_retrieve",
        summary="Randevu",
        description=(
            "`attendance`, toplantı bitince (Zoom'un `meeting.ended` bildirimiyle ya da planlanan "
            "bitişten LUNOVA_ATTENDANCE_SETTLE_MINUTES sonra) bir kez belirlenir; o zamana dek "
            "alanları `null`'dır. `held`: uzman ve danışan en az LUNOVA_ATTENDANCE_MIN_MINUTES "
            "dakika birlikteydi; `client_no_show`: yalnızca uzman geldi; `expert_no_show`: "
            "yalnızca danışan geldi; `nobody_joined`: kimse gelmedi; `unknown`: Zoom'dan katılım "
            "bilgisi alınamadı. Randevu `completed` (held, unknown) ya da `no_show` olur."
        ),
        parameters=[ID],
        responses={200: AppointmentOutput, **ERRORS_READ},
        examples=[APPOINTMENT_EXAMPLE, APPOINTMENT_ENDED_EXAMPLE],
    ),
    patch=dict(
        operation_id="appointments_update",
        summary="Randevuyu değiştir",
        description=(
            "Aynı Zoom toplantısı güncellenir; katılım bağlantısı değişmez. Havuzdaki sahibi yeni "
            "saatte dolu olan bir toplantı boş bir sahipte yeniden oluşturulur (bağlantı değişir); "
            "hiçbiri boş değilse 409 `no_host_free`."
        ),
        parameters=[ID],
        request=AppointmentUpdateInput,
        responses={200: AppointmentOutput, **ERRORS_WRITE},
        examples=[APPOINTMENT_UPDATE_EXAMPLE, APPOINTMENT_EXAMPLE],
    ),
    delete=dict(
        operation_id="appointments_cancel",
        summary="Randevuyu iptal et",
        description="Randevu `cancelled` olur, Zoom toplantısı silinir; kayıt okunabilir kalır.",
        parameters=[ID],
        responses={204: OpenApiResponse(description="İptal edildi"), **E401, **E404, **E429},
    ),
)
for _name, _operation, _summary, _conflict in (
    (
        "AppointmentApproveView",
        "appointments_approve",
        "Randevuyu onayla (yalnızca uzman)",
        "İptal edilmiş randevu",
    ),
    (
        "AppointmentResyncView",
        "appointments_resync",
        "Başarısız toplantıyı yeniden eşitle",
        "Toplantı başarısız değil",
    ),
):
    _document(
        f"zoom_worker.appointments.views.{_name}",
        ["appointments"],
        post=dict(
            operation_id=_operation,
            summary=_summary,
            parameters=[ID],
            request=None,
            responses={
                200: AppointmentOutput,
                **E401,
                **E403,
                **E404,
                409: _error("Çakışma", f"{_conflict}: bu işlem yapılamaz."),
                **E429,
            },
        ),
    )
_document(
    "zoom_worker.appointments.views.AppointmentStartView",
    ["appointments"],
    get=dict(
        operation_id="appointments_start",
        summary="Toplantıyı başlatma bağlantısı (yalnızca uzman)",
        description="Zoom'dan taze alınır (kayıtlı bağlantı yaklaşık 2 saatte geçersizleşir).",
        parameters=[ID],
        responses={200: StartUrlOutput, **E401, **E403, **E404, **E409, **E503},
    ),
)
_document(
    "zoom_worker.meetings.views.StandaloneMeetingListView",
    ["zoom-meetings"],
    get=dict(
        operation_id="zoom_meetings_list",
        summary="Toplantılarım (yalnızca uzman)",
        responses={200: StandaloneMeetingOutput(many=True), **E401, **E403},
    ),
    post=dict(
        operation_id="zoom_meetings_create",
        summary="Zoom toplantısı oluştur (yalnızca uzman)",
        description=(
            "Varsayılan: 202 ve o ana dek bilinenler. `Prefer: wait=N` ile en çok N saniye "
            "beklenir: 201 tam yanıt, 202 hâlâ bekliyor, 502 Zoom reddetti."
        ),
        parameters=[PREFER, LOCATION],
        request=StandaloneMeetingInput,
        responses={
            201: OpenApiResponse(StandaloneMeetingOutput, description="Zoom'da hazır"),
            202: OpenApiResponse(
                StandaloneMeetingOutput, description="Kaydedildi, Zoom'a gönderiliyor"
            ),
            **E400,
            **E401,
            **E403,
            **E409_NO_HOST,
            **E429,
            **E502,
        },
        examples=[SEED_INPUT_EXAMPLE, SEED_READY_EXAMPLE, SEED_PENDING_EXAMPLE],
    ),
)
_document(
    "zoom_worker.meetings.views.StandaloneMeetingDetailView",
    ["zoom-meetings"],
    get=dict(
        operation_id="zoom_meetings_retrieve",
        summary="Zoom toplantısı",
        parameters=[ID],
        responses={200: StandaloneMeetingOutput, **E401, **E403, **E404},
        examples=[SEED_READY_EXAMPLE],
    ),
    patch=dict(
        operation_id="zoom_meetings_update",
        summary="Zoom toplantısını değiştir",
        parameters=[ID],
        request=StandaloneMeetingUpdateInput,
        responses={200: StandaloneMeetingOutput, **ERRORS_WRITE},
    ),
    delete=dict(
        operation_id="zoom_meetings_delete",
        summary="Zoom toplantısını sil",
        parameters=[ID],
        responses={204: OpenApiResponse(description="Silindi"), **E401, **E403, **E404, **E429},
    ),
)
_document(
    "zoom_worker.api.auth_views.TokenView",
    ["auth"],
    post=dict(
        operation_id="auth_token",
        summary="Giriş: erişim ve yenileme jetonu al",
        request=TokenObtainPairSerializer,
        responses={
            200: TokenObtainPairSerializer,
            **E400,
            401: _error("Kullanıcı adı ya da parola yanlış", "Verilen bilgilerle etkin hesap yok."),
            **E429,
        },
    ),
)
_document(
    "zoom_worker.api.auth_views.RefreshView",
    ["auth"],
    post=dict(
        operation_id="auth_token_refresh",
        summary="Erişim jetonunu yenile",
        request=TokenRefreshSerializer,
        responses={
            200: TokenRefreshSerializer,
            **E400,
            401: _error("Geçersiz jeton", "Jeton geçersiz ya da süresi dolmuş."),
            **E429,
        },
    ),
)
_document(
    "zoom_worker.api.auth_views.LogoutView",
    ["auth"],
    post=dict(
        operation_id="auth_logout",
        summary="Çıkış: yenileme jetonunu iptal et",
        request=LogoutInput,
        responses={204: OpenApiResponse(description="Çıkış yapıldı"), **E400},
    ),
)
_document(
    "zoom_worker.api.index.ApiIndexView",
    ["index"],
    get=dict(
        operation_id="api_index",
        summary="API'nin bağlantıları",
        description="Belirteç gerekmez: kimlik, randevular, şema, belgeler ve sağlık adresleri.",
        responses={200: OpenApiResponse(ApiIndexOutput, description="Bağlantılar")},
    ),
)
_document(
    "zoom_worker.api.auth_views.MeView",
    ["auth"],
    get=dict(operation_id="auth_me", summary="Kendi profilim", responses={200: MeOutput, **E401}),
)
_document(
    "zoom_worker.inbound.views.ZoomWebhookView",
    ["webhooks"],
    post=dict(
        operation_id="zoom_webhooks",
        summary="Zoom olay bildirimi (webhook)",
        description=(
            "Zoom'un imzalı olayları: `x-zm-signature` = `v0=` + "
            "HMAC-SHA256(`v0:{zaman}:{gövde}`), `x-zm-request-timestamp` 5 dakikadan eski "
            "olamaz. `endpoint.url_validation` "
            "yanıtlanır; diğer olaylar kaydedilip kuyrukta işlenir (yinelenen teslim zararsızdır)."
        ),
        parameters=[
            OpenApiParameter("x-zm-signature", OpenApiTypes.STR, OpenApiParameter.HEADER),
            OpenApiParameter("x-zm-request-timestamp", OpenApiTypes.STR, OpenApiParameter.HEADER),
        ],
        examples=[
            OpenApiExample(
                "Toplantı bitti",
                request_only=True,
                value={
                    "event": "meeting.ended",
                    "event_ts": 1705312800000,
                    "payload": {"account_id": "abc", "object": {"id": "85746065432"}},
                },
            )
        ],
    ),
)
