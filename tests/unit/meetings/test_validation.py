"""services/validation.py: each bound is one constant, and a broken one names its field."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from zoom_worker.meetings.titles import TOPIC_MAX_LENGTH
from zoom_worker.meetings.validation import cleaned_topic, validate_duration, validate_start_time
from zoom_worker.models import DURATION_MAX, DURATION_MIN


@pytest.mark.parametrize("duration", [DURATION_MIN - 1, DURATION_MAX + 1])
def test_a_duration_outside_its_bounds_names_the_field(duration):
    # given a duration just outside the bounds, when validated, then the field is named
    with pytest.raises(ValidationError) as caught:
        validate_duration(duration)
    assert list(caught.value.message_dict) == ["duration"]


@pytest.mark.parametrize("duration", [DURATION_MIN, DURATION_MAX])
def test_the_bounds_themselves_are_allowed(duration):
    # given a duration on a bound, when validated, then it passes and changes nothing
    assert validate_duration(duration) is None


def test_a_start_in_the_past_names_the_field():
    with pytest.raises(ValidationError) as caught:
        validate_start_time(timezone.now() - timedelta(seconds=1))
    assert list(caught.value.message_dict) == ["start_time"]


def test_a_topic_is_refused_only_past_zooms_limit_after_cleaning():
    # given a topic at the limit once its padding is cleaned, then it is kept
    assert len(cleaned_topic("  " + "ş" * TOPIC_MAX_LENGTH + "  ")) == TOPIC_MAX_LENGTH
    # given one character more, then it is refused, naming the topic
    with pytest.raises(ValidationError) as caught:
        cleaned_topic("ş" * (TOPIC_MAX_LENGTH + 1))
    assert list(caught.value.message_dict) == ["topic"]
