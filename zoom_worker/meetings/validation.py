"""Business rules on what a meeting may be; a broken rule is a 400 naming its field."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from zoom_worker.meetings.titles import TOPIC_MAX_LENGTH, clean_topic
from zoom_worker.models import DURATION_MAX, DURATION_MIN

# Far beyond any real booking, and far enough from year 9999 that the end time, the local date in
# the title and Zoom's calendar never overflow.
START_TIME_MAX_YEARS_AHEAD = 100


def validate_start_time(start_time: datetime) -> None:
    now = timezone.now()
    if start_time <= now:
        raise ValidationError({"start_time": _("The start time must be in the future.")})
    if start_time - now > timedelta(days=365 * START_TIME_MAX_YEARS_AHEAD):
        raise ValidationError(
            {
                "start_time": _("The start time may be at most %(years)d years ahead.")
                % {"years": START_TIME_MAX_YEARS_AHEAD}
            }
        )


def validate_duration(duration: int) -> None:
    if not DURATION_MIN <= duration <= DURATION_MAX:
        raise ValidationError(
            {
                "duration": _("The duration must be between %(min)d and %(max)d minutes.")
                % {"min": DURATION_MIN, "max": DURATION_MAX}
            }
        )


def cleaned_topic(topic: str) -> str:
    """The given topic, cleaned; refused when longer than Zoom takes (200 characters)."""
    cleaned = clean_topic(topic)
    if len(cleaned) > TOPIC_MAX_LENGTH:
        raise ValidationError(
            {
                "topic": _("The topic may be at most %(max)d characters long.")
                % {"max": TOPIC_MAX_LENGTH}
            }
        )
    return cleaned


def required_topic(topic: str) -> str:
    """A topic the caller must give (a standalone meeting's): refused when nothing is left once
    cleaned (white space, zero-width, control or bidi characters only)."""
    cleaned = cleaned_topic(topic)
    if not cleaned:
        raise ValidationError({"topic": _("The topic cannot be empty.")})
    return cleaned
