"""POST /_sandbox/language: Zoom's error messages in the account's language, for the same codes
and statuses; translated, the per-second and the daily 429 differ only by their headers."""

import pytest
import requests

from .conftest import HOST


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("tr", "Toplantı mevcut değil veya süresi dolmuş: 12345678901."),
        ("fr", "La réunion n'existe pas ou a expiré : 12345678901."),
        ("en", "Meeting does not exist: 12345678901."),
    ],
)
def test_the_same_code_comes_with_a_message_in_the_language_set(zoom, control, language, message):
    # Given
    control.set_language(language)

    # When
    response = zoom.call("GET", "/meetings/12345678901")

    # Then
    assert response.status_code == 404
    assert response.json() == {"code": 3001, "message": message}


def test_validation_errors_keep_their_code_and_fields(zoom, control):
    # Given
    control.set_language("tr")

    # When
    response = zoom.create({"topic": "x" * 201})

    # Then
    body = response.json()
    assert (response.status_code, body["code"], body["message"]) == (
        400,
        300,
        "Doğrulama başarısız oldu.",
    )
    assert [error["field"] for error in body["errors"]] == ["topic"]


def test_translated_429s_differ_only_by_their_headers(zoom, control):
    # Given
    control.set_language("tr")
    control.set_limits(medium_per_second=1)
    control.set_daily(HOST, 100)

    # When
    daily = zoom.create()
    per_second = zoom.call("GET", "/users/me/meetings")

    # Then
    assert (daily.status_code, per_second.status_code) == (429, 429)
    assert daily.json() == per_second.json()
    assert daily.json()["code"] == 429
    assert per_second.headers["X-RateLimit-Type"] == "QPS"
    assert per_second.headers["Retry-After"] == "1"
    assert daily.headers["X-RateLimit-Type"] == "Daily-limit"
    assert daily.headers["Retry-After"].endswith("T00:00:00Z")  # the next UTC midnight


def test_a_scripted_fault_answers_in_the_language_too(zoom, control):
    # Given
    control.set_language("fr")
    control.set_faults(script=[{"op": "get", "fault": "401"}])

    # When
    response = zoom.call("GET", "/meetings/12345678901")

    # Then
    assert response.json() == {"code": 124, "message": "Jeton d'accès non valide."}


def test_a_reset_goes_back_to_english(zoom, control):
    # Given
    control.set_language("tr")

    # When
    control.reset()

    # Then
    assert zoom.call("GET", "/meetings/12345678901").json()["message"].startswith("Meeting")


def test_an_unknown_language_is_a_400(server):
    # When
    response = requests.post(f"{server.url}/_sandbox/language", json={"language": "de"}, timeout=5)

    # Then
    assert response.status_code == 400 and "language must be one of" in response.json()["error"]
