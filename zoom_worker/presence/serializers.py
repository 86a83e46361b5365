"""The presence answer's shape: counts and a time, never a name."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from zoom_worker.api.fields import UTCDateTimeField


class PresenceOutput(serializers.Serializer):
    host = serializers.ChoiceField(
        choices=["absent", "in_meeting"], help_text=_("Whether the expert is in the meeting.")
    )
    guests_waiting = serializers.IntegerField(help_text=_("Guests in the waiting room."))
    guests_in_meeting = serializers.IntegerField(help_text=_("Guests in the meeting."))
    since = UTCDateTimeField(
        allow_null=True,
        help_text=_("When this state began (Zoom's time); null before any webhook."),
    )
