import pickle

import pytest

from zoom_worker.zoom.errors import (
    ZoomConfigError,
    ZoomError,
    ZoomNotFound,
    ZoomPermanentError,
    ZoomRateLimited,
    ZoomTransientError,
)


def test_hierarchy_lets_callers_catch_by_kind() -> None:
    assert issubclass(ZoomRateLimited, ZoomTransientError)
    assert issubclass(ZoomNotFound, ZoomPermanentError)
    assert issubclass(ZoomConfigError, ZoomPermanentError)
    assert issubclass(ZoomTransientError, ZoomError)
    assert not issubclass(ZoomPermanentError, ZoomTransientError)


def test_message_is_sanitized_on_construction() -> None:
    # When
    error = ZoomPermanentError("bad start_url https://zoom.us/s/1?zak=zak-S3cr3t", http_status=400)

    # Then
    assert "zak-S3cr3t" not in error.message
    assert "zak-S3cr3t" not in str(error)
    assert "zak-S3cr3t" not in repr(error)


def test_str_carries_status_and_zoom_code_when_known() -> None:
    assert str(ZoomPermanentError("Validation Failed.", http_status=400, code=300)) == (
        "Validation Failed. (HTTP 400, Zoom code 300)"
    )
    assert str(ZoomTransientError("Zoom get failed: ReadTimeout")) == (
        "Zoom get failed: ReadTimeout"
    )


@pytest.mark.parametrize(
    "error",
    [
        ZoomRateLimited("slow down", http_status=429, code=429, retry_after=3.5, daily=True),
        ZoomNotFound("gone", http_status=404, code=3001),
        ZoomConfigError("refused", http_status=401),
    ],
)
def test_errors_survive_pickling_with_their_attributes(error: ZoomError) -> None:
    # Given an error as Celery would pass it between processes
    # When
    restored = pickle.loads(pickle.dumps(error))  # noqa: S301 (our own bytes)

    # Then
    assert type(restored) is type(error)
    assert restored.__dict__ == error.__dict__
    assert str(restored) == str(error)
