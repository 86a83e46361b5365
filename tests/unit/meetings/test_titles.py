"""The title sent to Zoom: generated in Turkish, cleaned, never longer than 200 characters."""

import unicodedata
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zoom_worker.meetings.titles import TOPIC_MAX_LENGTH, build_topic, clean_topic, shorten

TEMPLATE = "Lunova Görüşmesi · {expert} · {date}, {time}"


def test_generated_topic_is_turkish_local_date_and_time():
    # given a meeting at 10:00 UTC, which is 13:00 in Istanbul
    start = datetime(2024, 1, 15, 10, 0, tzinfo=UTC)
    # when the topic is built
    topic = build_topic(
        template=TEMPLATE,
        expert_name="Uzm. Dr. Ayşe Yılmaz",
        start_time=start,
        timezone="Europe/Istanbul",
    )
    # then it reads as Lunova's example title
    assert topic == "Lunova Görüşmesi · Uzm. Dr. Ayşe Yılmaz · 15 Ocak 2024 Pazartesi, 13:00"


def test_generated_topic_follows_the_time_zone_across_midnight():
    start = datetime(2024, 8, 31, 22, 30, tzinfo=UTC)
    topic = build_topic(
        template=TEMPLATE, expert_name="Can Öztürk", start_time=start, timezone="Europe/Istanbul"
    )
    assert topic.endswith("1 Eylül 2024 Pazar, 01:30")


def test_clean_topic_folds_white_space_and_drops_control_characters():
    assert clean_topic("  İlk\tgörüşme\n\n\x00ğüşıöç \u202eters  ") == "İlk görüşme ğüşıöç ters"


def test_clean_topic_composes_to_nfc():
    decomposed = "S\u0327eker"  # S + combining cedilla
    assert clean_topic(decomposed) == "Şeker"
    assert unicodedata.is_normalized("NFC", clean_topic(decomposed))


ZWJ = "\u200d"


@pytest.mark.parametrize(
    "emoji",
    [
        "👩\u200d⚕️",  # woman health worker: woman, joiner, staff of Aesculapius, emoji style
        "👩🏽\u200d⚕️",  # the same with a skin tone
        "👨\u200d👩\u200d👧",  # family
        "❤️\u200d🔥",  # heart on fire
    ],
)
def test_clean_topic_keeps_the_joiner_inside_joined_emoji(emoji):
    # when a topic carries a joined emoji
    cleaned = clean_topic(f"Ön görüşme {emoji}")
    # then it stays one emoji
    assert cleaned == f"Ön görüşme {emoji}"


@pytest.mark.parametrize(
    "text",
    [
        f"Gö{ZWJ}rüşme",
        f"{ZWJ}Görüşme",
        f"Görüşme{ZWJ}",
        f"👩{ZWJ} Görüşme",
        f"a{ZWJ}👩",
        "👩" + ZWJ * 2 + "⚕",
    ],
)
def test_clean_topic_drops_a_joiner_that_joins_no_emoji(text):
    assert ZWJ not in clean_topic(text)


def test_shorten_cuts_at_a_word_boundary_with_an_ellipsis():
    text = " ".join(["görüşme"] * 40)
    short = shorten(text)
    assert len(short) <= TOPIC_MAX_LENGTH
    assert short.endswith("görüşme…")


def test_a_very_long_expert_name_still_gives_a_200_character_topic():
    start = datetime(2024, 1, 15, 10, 0, tzinfo=UTC)
    topic = build_topic(
        template=TEMPLATE,
        expert_name="Prof. Dr. " + "Çağlayan " * 40,
        start_time=start,
        timezone="Europe/Istanbul",
    )
    assert len(topic) <= TOPIC_MAX_LENGTH
    assert topic.endswith("…")


@given(st.text())
def test_clean_topic_is_idempotent_and_clean(text):
    cleaned = clean_topic(text)
    assert clean_topic(cleaned) == cleaned
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned
    assert not any(unicodedata.category(ch) == "Cc" for ch in cleaned)


@given(st.text(min_size=1))
def test_shorten_never_exceeds_the_limit(text):
    assert len(shorten(clean_topic(text))) <= TOPIC_MAX_LENGTH
