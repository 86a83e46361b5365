"""Care relation endpoints: parse, call a selector or a service, render. No business logic here."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from zoom_worker.api.base import ApiView
from zoom_worker.api.pagination import PAGE_NOT_FOUND
from zoom_worker.api.permissions import ClientsCreate
from zoom_worker.api.responses import (
    NOT_FOUND,
    TOO_MANY_REQUESTS,
    UNAUTHORIZED,
    bad_request,
    forbidden,
)
from zoom_worker.appointments.selectors import user_or_none
from zoom_worker.care.selectors import care_relation_get, care_relation_list
from zoom_worker.care.serializers import (
    CareRelationCreateInput,
    CareRelationFilterInput,
    CareRelationOutput,
)
from zoom_worker.care.services import care_relation_create, care_relation_end

TAGS = ["care-relations"]
ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description=_("The care relation's id"))


class CareRelationListView(ApiView):
    permission_classes = [IsAuthenticated, ClientsCreate]
    serializer_class = CareRelationOutput

    @extend_schema(
        tags=TAGS,
        operation_id="care_relations_list",
        summary=_("My care relations"),
        description=_(
            "An expert's clients, a client's experts: the active ones, and with `?ended=true` "
            "the ended ones too."
        ),
        parameters=[CareRelationFilterInput],
        responses={
            200: CareRelationOutput(many=True),
            **bad_request({"ended": [_("Must be a valid boolean.")]}),
            **UNAUTHORIZED,
            **PAGE_NOT_FOUND,
        },
    )
    def get(self, request):
        filters = self.valid(CareRelationFilterInput, data=request.query_params)
        return self.render_page(
            CareRelationOutput, care_relation_list(user=request.user, **filters)
        )

    @extend_schema(
        tags=TAGS,
        operation_id="care_relations_create",
        summary=_("Choose an expert (clients only)"),
        description=_(
            "The client's explicit consent: when it was given and which version of the consent "
            "text the platform showed are recorded. An active relation with that expert "
            "already answers 200 with it. Only then may the expert book this client."
        ),
        request=CareRelationCreateInput,
        responses={
            201: OpenApiResponse(CareRelationOutput, description=_("Recorded")),
            200: OpenApiResponse(CareRelationOutput, description=_("Already active")),
            **bad_request({"expert": [_("Choose an active expert.")]}),
            **UNAUTHORIZED,
            **forbidden(ClientsCreate.message),
            **TOO_MANY_REQUESTS,
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
        summary=_("End the relation (either side)"),
        description=_(
            "`ended_at` is set and the record stays. New bookings of the pair are refused; "
            "their appointments not started yet are cancelled and their Zoom meetings deleted."
        ),
        parameters=[ID],
        request=None,
        responses={
            204: OpenApiResponse(description=_("Ended")),
            **UNAUTHORIZED,
            **NOT_FOUND,
            **TOO_MANY_REQUESTS,
        },
    )
    def delete(self, request, pk: int):
        care_relation_end(relation=care_relation_get(user=request.user, pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
