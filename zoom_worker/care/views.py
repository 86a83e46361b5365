"""Care relation endpoints: parse, call a selector or a service, render. No business logic here."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from zoom_worker.api.base import ApiView
from zoom_worker.api.pagination import PAGE_NOT_FOUND
from zoom_worker.api.permissions import ClientsCreate
from zoom_worker.appointments.selectors import user_or_none
from zoom_worker.care.selectors import care_relation_get, care_relation_list
from zoom_worker.care.serializers import (
    CareRelationCreateInput,
    CareRelationFilterInput,
    CareRelationOutput,
)
from zoom_worker.care.services import care_relation_create, care_relation_end

TAGS = ["care-relations"]
ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="Bakım ilişkisinin kimliği")


class CareRelationListView(ApiView):
    permission_classes = [IsAuthenticated, ClientsCreate]
    serializer_class = CareRelationOutput

    @extend_schema(
        tags=TAGS,
        operation_id="care_relations_list",
        summary="Bakım ilişkilerim",
        description=(
            "Uzman için danışanları, danışan için uzmanları; yalnızca sürenler, "
            "`?ended=true` ile bitmişler de."
        ),
        parameters=[CareRelationFilterInput],
        responses={200: CareRelationOutput(many=True), 400: None, 401: None, **PAGE_NOT_FOUND},
    )
    def get(self, request):
        filters = self.valid(CareRelationFilterInput, data=request.query_params)
        return self.render_page(
            CareRelationOutput, care_relation_list(user=request.user, **filters)
        )

    @extend_schema(
        tags=TAGS,
        operation_id="care_relations_create",
        summary="Uzman seç (yalnızca danışan)",
        description=(
            "Danışanın açık rızası: ne zaman verildiği ve platformun gösterdiği rıza metninin "
            "sürümü kaydedilir. O uzmanla süren bir ilişki varsa 200 ile o döner. Ancak bundan "
            "sonra uzman bu danışana randevu verebilir."
        ),
        request=CareRelationCreateInput,
        responses={
            201: OpenApiResponse(CareRelationOutput, description="Kaydedildi"),
            200: OpenApiResponse(CareRelationOutput, description="Zaten sürüyor"),
            400: OpenApiResponse(description="`expert` etkin bir uzman değil"),
            401: None,
            403: OpenApiResponse(description="Yalnızca danışan uzman seçebilir"),
            429: None,
        },
    )
    def post(self, request):
        data = self.valid(CareRelationCreateInput)
        relation, created = care_relation_create(
            client=request.user, expert=user_or_none(pk=data.pop("expert")), **data
        )
        status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
        return self.render(CareRelationOutput, relation, status_code)


class CareRelationDetailView(ApiView):
    serializer_class = CareRelationOutput

    @extend_schema(
        tags=TAGS,
        operation_id="care_relations_end",
        summary="İlişkiyi bitir (iki taraf da)",
        description=(
            "`ended_at` yazılır, kayıt kalır. Bu çiftin yeni randevusu reddedilir; henüz "
            "başlamamış randevuları iptal edilir ve Zoom toplantıları silinir."
        ),
        parameters=[ID],
        request=None,
        responses={
            204: OpenApiResponse(description="Bitirildi"),
            401: None,
            404: None,
            429: None,
        },
    )
    def delete(self, request, pk: int):
        care_relation_end(relation=care_relation_get(user=request.user, pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
