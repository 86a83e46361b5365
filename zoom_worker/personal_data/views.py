"""The caller's own data, as one document."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from zoom_worker.api.base import ApiView
from zoom_worker.api.responses import UNAUTHORIZED
from zoom_worker.models import PersonalDataRequest
from zoom_worker.personal_data.export import personal_data_export
from zoom_worker.personal_data.serializers import PersonalDataOutput


class MyDataView(ApiView):
    serializer_class = PersonalDataOutput

    @extend_schema(
        operation_id="auth_me_data",
        summary=_("Everything held about me"),
        description=_(
            "One JSON document: the user record (no password hash), every appointment the "
            "caller takes part in (as the appointments endpoint shows it, without a start "
            "link), their standalone meetings, the platform events sent about those, and the "
            "time of export. Each export is recorded (who, whose, when), never its content."
        ),
        responses={200: PersonalDataOutput, **UNAUTHORIZED},
    )
    def get(self, request):
        user = request.user
        document = personal_data_export(
            subject=user, operator_id=user.pk, via=PersonalDataRequest.Via.API
        )
        return Response(document)
