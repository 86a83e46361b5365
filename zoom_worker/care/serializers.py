"""Care relation shapes of the API. Output serializers only read; services write."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from zoom_worker.api.fields import UTCDateTimeField
from zoom_worker.appointments.serializers import PersonOutput
from zoom_worker.care.models import CONSENT_VERSION_MAX_LENGTH


class CareRelationCreateInput(serializers.Serializer):
    expert = serializers.IntegerField(min_value=1, max_value=2**62)
    consent_version = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=CONSENT_VERSION_MAX_LENGTH,
        help_text=_("The version of the consent text the platform showed the client."),
    )


class CareRelationFilterInput(serializers.Serializer):
    ended = serializers.BooleanField(
        required=False, default=False, help_text=_("true: ended relations too.")
    )


class CareRelationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    expert = PersonOutput()
    client = PersonOutput()
    consented_at = UTCDateTimeField()
    consent_version = serializers.CharField()
    ended_at = UTCDateTimeField(allow_null=True)
