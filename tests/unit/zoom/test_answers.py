"""Which 429 an answer is, when its message may be in any language: decided by the English text
when it names one, else the type header, else a Retry-After far ahead; else undecided."""

import pytest

from zoom_worker.zoom.answers import is_daily_limit

TRANSLATED = "İstek sınırını aştınız. Lütfen daha sonra yeniden deneyin."


@pytest.mark.parametrize(
    ("limit_type", "detail", "retry_after", "daily"),
    [
        ("", "You have exceeded the daily rate limit (100) of Meeting ...", None, True),
        ("Daily-limit", "You have reached the maximum per-second rate limit", None, False),
        ("Daily-limit", TRANSLATED, 3 * 3600.0, True),
        ("QPS", TRANSLATED, 1.0, False),
        ("", TRANSLATED, 5 * 3600.0, True),
        ("", TRANSLATED, 1.0, False),
        ("", TRANSLATED, None, None),
    ],
)
def test_each_429_is_told_apart_by_what_it_carries(limit_type, detail, retry_after, daily):
    # given a 429's type header, message and Retry-After (seconds)
    # when it is classified
    decided = is_daily_limit(limit_type, detail, retry_after)
    # then
    assert decided is daily
