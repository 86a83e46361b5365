"""A transient Zoom failure: the exception that asks for another try, and how long to wait."""

import random


def backoff_seconds(*, retries: int, retry_after: float | None, cap: float) -> float:
    """Exponential backoff with jitter, capped, and never sooner than Zoom's Retry-After.

    Jitter (a random point below the ceiling) spreads a fleet's retries after an outage, so
    they do not hit Zoom in waves (the AWS architecture blog's analysis of backoff variants).
    A Retry-After longer than `cap` is still honoured: the caller parks such work with the
    reconciler instead of retrying, so no countdown here exceeds the cap in practice.
    """
    ceiling = min(cap, 2.0 ** min(retries, 16))
    delay = random.uniform(min(0.5, ceiling), ceiling)  # noqa: S311 - jitter, not a secret
    if retry_after is None:
        return delay
    # The jitter on top keeps everyone told "1 s" from coming back in the same instant.
    return max(retry_after, min(retry_after + delay, cap))


class RetryLater(Exception):
    """Zoom failed transiently: try again after a backoff (at least `retry_after` seconds)."""

    def __init__(self, *, retry_after: float | None = None):
        super().__init__(retry_after)
        self.retry_after = retry_after
