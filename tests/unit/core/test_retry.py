"""Backoff between two attempts at a transient Zoom failure (zoom_worker/core/retry.py)."""

import random

import pytest

from zoom_worker.core.retry import backoff_seconds

SAMPLES = 200


@pytest.fixture(autouse=True)
def _seeded():
    random.seed(2024)


def delays(**kwargs) -> list[float]:
    return [backoff_seconds(**kwargs) for _ in range(SAMPLES)]


@pytest.mark.parametrize(("retries", "ceiling"), [(0, 1), (1, 2), (2, 4), (3, 8), (5, 32)])
def test_ceiling_doubles_with_each_retry(retries, ceiling):
    waits = delays(retries=retries, retry_after=None, cap=60)
    assert all(0.5 <= wait <= ceiling for wait in waits)
    # and the jitter spreads them over the range rather than one value
    assert max(waits) > 0.8 * ceiling
    assert len(set(waits)) == SAMPLES


def test_capped_by_the_configured_maximum():
    waits = delays(retries=30, retry_after=None, cap=60)
    assert all(0.5 <= wait <= 60 for wait in waits)
    assert max(waits) > 50


def test_never_sooner_than_retry_after_and_jittered_above_it():
    waits = delays(retries=0, retry_after=3, cap=60)
    assert all(3 <= wait <= 4 for wait in waits)
    assert len(set(waits)) == SAMPLES


def test_retry_after_near_the_cap_stays_within_it():
    waits = delays(retries=4, retry_after=1.5, cap=2)
    assert all(1.5 <= wait <= 2 for wait in waits)


def test_retry_after_beyond_the_cap_is_still_honoured():
    # the worker parks such a wait with the reconciler; if asked, the answer is never sooner
    assert backoff_seconds(retries=0, retry_after=90, cap=60) == 90


def test_tiny_cap_is_kept():
    assert delays(retries=3, retry_after=None, cap=0.2) == [0.2] * SAMPLES
