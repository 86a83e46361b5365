"""Time fields: requests read naive times in ZOOM_TIMEZONE; answers are always UTC with Z."""

from datetime import UTC
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class RequestDateTimeField(serializers.DateTimeField):
    default_error_messages = {
        "out_of_range": _("The date is out of range."),
    }

    def __init__(self, **kwargs):
        super().__init__(default_timezone=ZoneInfo(settings.ZOOM_TIMEZONE), **kwargs)

    def to_internal_value(self, value):
        try:
            return super().to_internal_value(value).astimezone(UTC)
        except OverflowError:
            self.fail("out_of_range")


class UTCDateTimeField(serializers.DateTimeField):
    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M:%SZ", default_timezone=UTC, **kwargs)
