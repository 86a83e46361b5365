"""How long to wait before the next attempt at a transient Zoom failure."""

import random


def backoff_seconds(*, retries: int, retry_after: float | None, cap: float) -> float:
    """Exponential backoff with full jitter, capped, and never sooner than Zoom's Retry-After.

    Full jitter (a random point in [0, ceiling]) spreads a fleet's retries after an outage, so
    they do not hit Zoom in waves (the AWS architecture blog's analysis of backoff variants).
    """
    ceiling = min(cap, 2.0 ** min(retries, 16))
    delay = random.uniform(0.5, ceiling)  # noqa: S311 - jitter, not a secret
    if retry_after is not None:
        delay = max(delay, retry_after)
    return min(delay, cap)
