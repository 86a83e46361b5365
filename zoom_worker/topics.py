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


def clean_topic(text: str) -> str:
    """NFC, no control or format characters (bidi overrides included), white space folded."""
    text = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co", "Cn"}
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
