"""The meeting title, sent nicely: built for appointments without one, cleaned for every one.

Month and weekday names are written here rather than taken from the locale: the C library's
Turkish locale is not installed everywhere (Docker slim images), and Babel for twelve words would
be a heavy dependency.
"""

import re
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

TOPIC_MAX_LENGTH = 200
ELLIPSIS = "…"

MONTHS_TR = (
    "Ocak",
    "Şubat",
    "Mart",
    "Nisan",
    "Mayıs",
    "Haziran",
    "Temmuz",
    "Ağustos",
    "Eylül",
    "Ekim",
    "Kasım",
    "Aralık",
)
WEEKDAYS_TR = ("Pazartesi", "Salı", "Çarşamba", "Perşembe", "Cuma", "Cumartesi", "Pazar")

_WHITESPACE = re.compile(r"\s+")
_DROPPED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}
ZERO_WIDTH_JOINER = "\u200d"
# What may sit between an emoji and the joiner after it: emoji/text style selectors, skin tones.
_EMOJI_SUFFIXES = {"\ufe0e", "\ufe0f", *map(chr, range(0x1F3FB, 0x1F400))}


def _is_emoji(ch: str) -> bool:
    return unicodedata.category(ch) == "So"


def _joins_emoji(text: str, at: int) -> bool:
    """The joiner at `at` sits inside a joined emoji (👩‍⚕️): an emoji, with its style or skin
    tone, before it and an emoji right after it. Anywhere else a joiner is invisible noise."""
    before = at - 1
    while before >= 0 and text[before] in _EMOJI_SUFFIXES:
        before -= 1
    after = at + 1
    return before >= 0 and _is_emoji(text[before]) and after < len(text) and _is_emoji(text[after])


def _kept(text: str, at: int) -> bool:
    ch = text[at]
    if ch.isspace() or unicodedata.category(ch) not in _DROPPED_CATEGORIES:
        return True
    return ch == ZERO_WIDTH_JOINER and _joins_emoji(text, at)


def clean_topic(text: str) -> str:
    """NFC, no control or format characters (bidi overrides included) but the joiner inside a
    joined emoji, white space folded."""
    text = "".join(
        " " if text[at].isspace() else text[at] for at in range(len(text)) if _kept(text, at)
    )
    return unicodedata.normalize("NFC", _WHITESPACE.sub(" ", text)).strip()


def shorten(text: str, limit: int = TOPIC_MAX_LENGTH) -> str:
    """Cut at the last word boundary that leaves room for the ellipsis."""
    if len(text) <= limit:
        return text
    head = text[: limit - len(ELLIPSIS)]
    cut = head.rfind(" ")
    if cut > 0:
        head = head[:cut]
    return head.rstrip(" ·,;:-") + ELLIPSIS


def format_local_datetime(start_time: datetime, timezone: str) -> tuple[str, str]:
    """('15 Ocak 2024 Pazartesi', '13:00') in the meeting's time zone."""
    local = start_time.astimezone(ZoneInfo(timezone))
    date = f"{local.day} {MONTHS_TR[local.month - 1]} {local.year} {WEEKDAYS_TR[local.weekday()]}"
    return date, f"{local:%H:%M}"


def build_topic(*, template: str, expert_name: str, start_time: datetime, timezone: str) -> str:
    """The generated title: Lunova, the expert, the local date and time; never the client."""
    date, time = format_local_datetime(start_time, timezone)
    text = template.format(expert=clean_topic(expert_name), date=date, time=time)
    return shorten(clean_topic(text))
