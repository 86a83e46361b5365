import base64
import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from urllib.parse import parse_qs

import fakeredis
import pytest
import requests
import responses
from responses import matchers

from tests.unit.zoom.conftest import FakeClock
from zoom_worker.zoom.client import CallRecord, ZoomClient
from zoom_worker.zoom.errors import (
    ZoomCacheUnavailable,
    ZoomConfigError,
    ZoomNotFound,
    ZoomPermanentError,
    ZoomRateLimited,
    ZoomTransientError,
)
from zoom_worker.zoom.limits import ZoomLimiter
from zoom_worker.zoom.tokens import TokenCache

API = "https://api.zoom.test/v2"
TOKEN_URL = "https://zoom.test/oauth/token"
CLIENT_ID = "client-id-123"
CLIENT_SECRET = "client-S3cr3t-xyz"
ACCOUNT_ID = "account-456"
TOKEN = "tok-AAA-first"
HOST = "expert@lunova.example"
MEETING = "85746065432"
MEETING_URL = f"{API}/meetings/{MEETING}"
CREATE_URL = f"{API}/users/{HOST}/meetings"
START_URL = f"https://zoom.us/s/{MEETING}?zak=zak-S3cr3t-host-token"


def token_answer(token: str = TOKEN, expires_in: int = 3600) -> responses.Response:
    return responses.Response(
        responses.POST,
        TOKEN_URL,
        json={"access_token": token, "token_type": "bearer", "expires_in": expires_in},
    )


def meeting_json(**overrides: object) -> dict[str, object]:
    return {"id": int(MEETING), "topic": "Görüşme", "start_url": START_URL, **overrides}


@pytest.fixture
def records() -> list[CallRecord]:
    return []


@pytest.fixture
def limiter(redis_client: fakeredis.FakeRedis, clock: FakeClock) -> ZoomLimiter:
    return ZoomLimiter(
        redis_client,
        medium_per_second=1000,
        light_per_second=1000,
        daily_cap=2,
        prefix="test:zoom",
        clock=clock,
        sleep=clock.sleep,
    )


@pytest.fixture
def make_client(
    redis_client: fakeredis.FakeRedis,
    limiter: ZoomLimiter,
    clock: FakeClock,
    records: list[CallRecord],
) -> Callable[..., ZoomClient]:
    def make(**overrides: object) -> ZoomClient:
        arguments: dict[str, object] = {
            "api_base_url": API,
            "token_url": TOKEN_URL,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "account_id": ACCOUNT_ID,
            "token_cache": TokenCache(redis_client, key="test:zoom:token"),
            "limiter": limiter,
            "observer": records.append,
            "clock": clock,
            **overrides,
        }
        return ZoomClient(**arguments)  # type: ignore[arg-type]

    return make


@pytest.fixture
def client(make_client: Callable[..., ZoomClient]) -> ZoomClient:
    return make_client()


@pytest.fixture
def zoom() -> responses.RequestsMock:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


# --- token -------------------------------------------------------------------------------------


def test_token_is_fetched_once_with_basic_auth_and_a_form_body_then_reused(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    # Given
    zoom.add(token_answer())
    zoom.get(MEETING_URL, json=meeting_json())

    # When
    for _ in range(4):
        client.get_meeting(meeting_id=MEETING)

    # Then
    token_calls = [call for call in zoom.calls if call.request.url.startswith(TOKEN_URL)]
    assert len(token_calls) == 1
    request = token_calls[0].request
    assert request.url == TOKEN_URL  # no query string: credentials travel in the body
    expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    assert request.headers["Authorization"] == f"Basic {expected}"
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert parse_qs(request.body) == {
        "grant_type": ["account_credentials"],
        "account_id": [ACCOUNT_ID],
    }
    api_calls = [call for call in zoom.calls if call.request.url == MEETING_URL]
    assert len(api_calls) == 4
    assert {call.request.headers["Authorization"] for call in api_calls} == {f"Bearer {TOKEN}"}


def test_expired_token_is_renewed_once_and_the_call_retried_once(
    client: ZoomClient, zoom: responses.RequestsMock, redis_client: fakeredis.FakeRedis
) -> None:
    # Given Zoom rejects the cached token once
    zoom.add(token_answer("tok-AAA-first"))
    zoom.add(token_answer("tok-BBB-second"))
    zoom.get(MEETING_URL, status=401, json={"code": 124, "message": "Invalid access token."})
    zoom.get(MEETING_URL, json=meeting_json())

    # When
    meeting = client.get_meeting(meeting_id=MEETING)

    # Then
    assert meeting["id"] == int(MEETING)
    api_calls = [call for call in zoom.calls if call.request.url == MEETING_URL]
    assert [call.request.headers["Authorization"] for call in api_calls] == [
        "Bearer tok-AAA-first",
        "Bearer tok-BBB-second",
    ]
    assert len(zoom.calls) == 4
    assert redis_client.get("test:zoom:token") == b"tok-BBB-second"


def test_a_second_401_is_permanent_and_not_retried_again(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    # Given
    zoom.add(token_answer("tok-AAA-first"))
    zoom.add(token_answer("tok-BBB-second"))
    zoom.get(MEETING_URL, status=401, json={"code": 124, "message": "Invalid access token."})

    # When
    with pytest.raises(ZoomPermanentError) as caught:
        client.get_meeting(meeting_id=MEETING)

    # Then
    assert (caught.value.http_status, caught.value.code) == (401, 124)
    assert len(zoom.calls) == 4  # token, call, token, call


def test_a_401_without_a_parsable_code_also_renews(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    zoom.add(token_answer("tok-AAA-first"))
    zoom.add(token_answer("tok-BBB-second"))
    zoom.get(MEETING_URL, status=401, body="<html>Unauthorized</html>")
    zoom.get(MEETING_URL, json=meeting_json())

    assert client.get_meeting(meeting_id=MEETING)["id"] == int(MEETING)
    assert len(zoom.calls) == 4


@pytest.mark.parametrize(
    "answer",
    [
        {"json": {"code": 4711, "message": "Token has been revoked."}},
        {"body": ""},
    ],
)
def test_any_401_renews_the_token_once_whatever_its_body(
    client: ZoomClient, zoom: responses.RequestsMock, answer: dict[str, object]
) -> None:
    # Given Zoom refuses the first token with another code, or with no body at all
    zoom.add(token_answer("tok-AAA-first"))
    zoom.add(token_answer("tok-BBB-second"))
    zoom.get(MEETING_URL, status=401, **answer)
    zoom.get(MEETING_URL, json=meeting_json())

    # When
    meeting = client.get_meeting(meeting_id=MEETING)

    # Then the token was renewed and the call repeated once, with the new token
    assert meeting["id"] == int(MEETING)
    api_calls = [call for call in zoom.calls if call.request.url == MEETING_URL]
    assert [call.request.headers["Authorization"] for call in api_calls] == [
        "Bearer tok-AAA-first",
        "Bearer tok-BBB-second",
    ]


@pytest.mark.parametrize("status", [400, 401])
def test_token_endpoint_refusal_is_a_config_error_without_the_secret(
    client: ZoomClient, zoom: responses.RequestsMock, status: int
) -> None:
    # Given the endpoint echoes what it got (the worst case)
    zoom.post(
        TOKEN_URL,
        status=status,
        json={
            "error": "invalid_client",
            "reason": f"Invalid client_id or client_secret ({CLIENT_SECRET})",
        },
    )

    # When
    with pytest.raises(ZoomConfigError) as caught:
        client.get_meeting(meeting_id=MEETING)

    # Then
    assert caught.value.http_status == status
    assert "invalid_client" in caught.value.message
    assert CLIENT_SECRET not in str(caught.value)
    assert len(zoom.calls) == 1


def test_token_endpoint_timeout_is_transient_not_config(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    zoom.post(TOKEN_URL, body=requests.ConnectTimeout("connect timed out"))

    with pytest.raises(ZoomTransientError):
        client.get_meeting(meeting_id=MEETING)


# --- error mapping ------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_transient(
    client: ZoomClient, zoom: responses.RequestsMock, status: int
) -> None:
    zoom.add(token_answer())
    zoom.get(MEETING_URL, status=status, body="")

    with pytest.raises(ZoomTransientError) as caught:
        client.get_meeting(meeting_id=MEETING)

    assert type(caught.value) is ZoomTransientError
    assert caught.value.http_status == status
    assert caught.value.retry_after is None


def test_a_server_error_with_retry_after_carries_it(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    zoom.add(token_answer())
    zoom.get(MEETING_URL, status=503, headers={"Retry-After": "7"})

    with pytest.raises(ZoomTransientError) as caught:
        client.get_meeting(meeting_id=MEETING)

    assert caught.value.retry_after == 7


@pytest.mark.parametrize(
    "failure",
    [requests.ReadTimeout("read timed out"), requests.ConnectionError("connection reset")],
)
def test_timeouts_and_connection_errors_are_transient(
    client: ZoomClient, zoom: responses.RequestsMock, failure: Exception
) -> None:
    zoom.add(token_answer())
    zoom.post(CREATE_URL, body=failure)

    with pytest.raises(ZoomTransientError) as caught:
        client.create_meeting(host=HOST, body={"topic": "x"})

    assert caught.value.http_status is None
    assert type(failure).__name__ in caught.value.message


@pytest.mark.parametrize(
    ("retry_after", "expected"),
    [
        ("3", 3.0),
        ("2024-01-15T22:00:00Z", 3600.0),  # the clock says 21:00 UTC
        ("Mon, 15 Jan 2024 21:00:30 GMT", 30.0),
        (None, None),
    ],
)
def test_per_second_429_honours_retry_after_in_seconds_or_as_an_instant(
    client: ZoomClient,
    zoom: responses.RequestsMock,
    retry_after: str | None,
    expected: float | None,
) -> None:
    # Given
    zoom.add(token_answer())
    zoom.get(
        MEETING_URL,
        status=429,
        json={
            "code": 429,
            "message": "You have reached the maximum per-second rate limit for this API. "
            "Try again later.",
        },
        headers={"Retry-After": retry_after} if retry_after else {},
    )

    # When
    with pytest.raises(ZoomRateLimited) as caught:
        client.get_meeting(meeting_id=MEETING)

    # Then
    assert caught.value.daily is False
    assert caught.value.retry_after == pytest.approx(expected)
    assert (caught.value.http_status, caught.value.code) == (429, 429)


PER_SECOND_MESSAGE = (
    "You have reached the maximum per-second rate limit for this API. Try again later."
)
DAILY_MESSAGE = (
    "You have exceeded the daily rate limit (100) of Meeting Create/Update API requests "
    "permitted for this particular user. You may resume these requests at GMT 00:00:00."
)


def test_a_per_second_message_wins_over_a_daily_limit_header(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    # Given a per-second 429 whose headers claim the daily limit
    zoom.add(token_answer())
    zoom.post(
        CREATE_URL,
        status=429,
        json={"code": 429, "message": PER_SECOND_MESSAGE},
        headers={"X-RateLimit-Type": "Daily-limit"},
    )

    # When
    with pytest.raises(ZoomRateLimited) as caught:
        client.create_meeting(host=HOST, body={"topic": "x"})

    # Then it is a per-second refusal: the host's day is not marked spent
    assert caught.value.daily is False


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        ({"code": 429, "message": DAILY_MESSAGE}, {}),
        ({"code": 429, "message": "Too many requests."}, {"X-RateLimit-Type": "Daily-limit"}),
        ({"code": 429, "message": DAILY_MESSAGE}, {"X-RateLimit-Category": "Light"}),
    ],
)
def test_daily_429_waits_until_utc_midnight_and_stops_the_host(
    client: ZoomClient,
    zoom: responses.RequestsMock,
    body: dict[str, object],
    headers: dict[str, str],
) -> None:
    # Given Zoom says the host's daily cap is spent (we had counted only one)
    zoom.add(token_answer())
    zoom.post(CREATE_URL, status=429, json=body, headers=headers)

    # When
    with pytest.raises(ZoomRateLimited) as caught:
        client.create_meeting(host=HOST, body={"topic": "x"})

    # Then
    assert caught.value.daily is True
    assert caught.value.retry_after == pytest.approx(3 * 3600)
    calls_so_far = len(zoom.calls)
    with pytest.raises(ZoomRateLimited) as again:
        client.create_meeting(host=HOST, body={"topic": "x"})
    assert again.value.http_status is None  # refused by our limiter, Zoom not asked
    assert len(zoom.calls) == calls_so_far


def test_validation_error_is_permanent_with_zoom_code_and_message(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    zoom.add(token_answer())
    zoom.post(
        CREATE_URL,
        status=400,
        json={
            "code": 300,
            "message": "Validation Failed.",
            "errors": [{"field": "topic", "message": "Invalid field."}],
        },
    )

    with pytest.raises(ZoomPermanentError) as caught:
        client.create_meeting(host=HOST, body={"topic": "x" * 201})

    error = caught.value
    assert (error.http_status, error.code) == (400, 300)
    assert "Validation Failed." in error.message
    assert "topic: Invalid field." in error.message
    assert not isinstance(error, ZoomNotFound)


def test_missing_meeting_is_not_found(client: ZoomClient, zoom: responses.RequestsMock) -> None:
    zoom.add(token_answer())
    zoom.get(MEETING_URL, status=404, json={"code": 3001, "message": "Meeting does not exist."})

    with pytest.raises(ZoomNotFound) as caught:
        client.get_meeting(meeting_id=MEETING)

    assert caught.value.code == 3001


def test_delete_of_a_gone_meeting_with_an_empty_404_is_not_found(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    zoom.add(token_answer())
    zoom.delete(MEETING_URL, status=404, body="")

    with pytest.raises(ZoomNotFound):
        client.delete_meeting(meeting_id=MEETING)


@pytest.mark.parametrize("method", ["create", "list"])
def test_unknown_user_is_permanent_not_not_found(
    client: ZoomClient, zoom: responses.RequestsMock, method: str
) -> None:
    # Given
    zoom.add(token_answer())
    answer = {"status": 404, "json": {"code": 1001, "message": "User does not exist."}}
    zoom.post(CREATE_URL, **answer)
    zoom.get(CREATE_URL, **answer)

    # When
    with pytest.raises(ZoomPermanentError) as caught:
        if method == "create":
            client.create_meeting(host=HOST, body={})
        else:
            list(client.list_meetings(host=HOST))

    # Then
    assert not isinstance(caught.value, ZoomNotFound)
    assert caught.value.code == 1001


def test_a_1001_even_on_a_meeting_path_is_not_not_found(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    zoom.add(token_answer())
    zoom.get(MEETING_URL, status=404, json={"code": 1001, "message": "User does not exist."})

    with pytest.raises(ZoomPermanentError) as caught:
        client.get_meeting(meeting_id=MEETING)

    assert not isinstance(caught.value, ZoomNotFound)


def test_xml_error_body_is_read_without_assuming_json(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    zoom.add(token_answer())
    zoom.patch(
        MEETING_URL,
        status=400,
        body=(
            '<?xml version="1.0"?><error><code>300</code><message>Bad start_time</message></error>'
        ),
        content_type="application/xml",
    )

    with pytest.raises(ZoomPermanentError) as caught:
        client.update_meeting(meeting_id=MEETING, host=HOST, body={"duration": 45})

    assert caught.value.code == 300
    assert "Bad start_time" in caught.value.message


def test_empty_4xx_body_is_permanent_with_the_reason_phrase(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    zoom.add(token_answer())
    zoom.patch(MEETING_URL, status=400, body="")

    with pytest.raises(ZoomPermanentError) as caught:
        client.update_meeting(meeting_id=MEETING, host=HOST, body={"duration": 45})

    assert caught.value.code is None
    assert "Bad Request" in caught.value.message


def test_a_2xx_that_is_not_json_is_transient(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    zoom.add(token_answer())
    zoom.get(MEETING_URL, body="<html>proxy</html>")

    with pytest.raises(ZoomTransientError):
        client.get_meeting(meeting_id=MEETING)


# --- operations -----------------------------------------------------------------------------


def test_create_sends_turkish_text_as_exact_utf8_json(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    # Given
    body = {"topic": "Lunova Görüşmesi · Uzm. Dr. Ayşe Yılmaz · İğdır", "type": 2, "duration": 45}
    zoom.add(token_answer())
    zoom.post(CREATE_URL, status=201, json=meeting_json())

    # When
    meeting = client.create_meeting(host=HOST, body=body)

    # Then
    assert meeting["id"] == int(MEETING)
    request = zoom.calls[-1].request
    assert request.body == json.dumps(body, ensure_ascii=False).encode("utf-8")
    assert "İğdır".encode() in request.body
    assert request.headers["Content-Type"] == "application/json; charset=utf-8"
    assert request.req_kwargs["timeout"] == (3.05, 10.0)


def test_update_and_delete_accept_204_with_no_body(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    # Given
    zoom.add(token_answer())
    zoom.patch(MEETING_URL, status=204, body="")
    zoom.delete(MEETING_URL, status=204, body="")

    # When
    updated = client.update_meeting(meeting_id=MEETING, host=HOST, body={"topic": "Yeni saat"})
    deleted = client.delete_meeting(meeting_id=MEETING)

    # Then
    assert (updated, deleted) == (None, None)
    methods = [call.request.method for call in zoom.calls[1:]]
    assert methods == ["PATCH", "DELETE"]
    assert zoom.calls[1].request.body == b'{"topic": "Yeni saat"}'


def test_list_follows_next_page_token(client: ZoomClient, zoom: responses.RequestsMock) -> None:
    # Given two pages
    zoom.add(token_answer())
    zoom.get(
        CREATE_URL,
        match=[matchers.query_param_matcher({"type": "upcoming", "page_size": "300"})],
        json={"next_page_token": "page-2", "meetings": [{"id": 1}, {"id": 2}]},
    )
    zoom.get(
        CREATE_URL,
        match=[
            matchers.query_param_matcher(
                {"type": "upcoming", "page_size": "300", "next_page_token": "page-2"}
            )
        ],
        json={"next_page_token": "", "meetings": [{"id": 3}]},
    )

    # When
    meetings = list(client.list_meetings(host=HOST))

    # Then
    assert [meeting["id"] for meeting in meetings] == [1, 2, 3]
    assert len(zoom.calls) == 3


def test_limiter_is_consulted_per_category_and_the_daily_cap_before_sending(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    # Given a daily cap of 2 (the limiter fixture)
    zoom.add(token_answer())
    zoom.post(CREATE_URL, status=201, json=meeting_json())
    zoom.patch(MEETING_URL, status=204)
    client.create_meeting(host=HOST, body={})
    client.update_meeting(meeting_id=MEETING, host=HOST, body={})

    # When the host's third create/update of the day is asked for
    with pytest.raises(ZoomRateLimited) as caught:
        client.create_meeting(host=HOST, body={})

    # Then Zoom never saw it
    assert caught.value.daily is True
    assert len(zoom.calls) == 3


def test_renewal_retry_does_not_count_twice_against_the_daily_cap(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    # Given
    zoom.add(token_answer("tok-AAA-first"))
    zoom.add(token_answer("tok-BBB-second"))
    zoom.patch(MEETING_URL, status=401, json={"code": 124, "message": "Invalid access token."})
    zoom.patch(MEETING_URL, status=204)
    client.update_meeting(meeting_id=MEETING, host=HOST, body={})

    # When the cap of 2 is asked for one more
    client.update_meeting(meeting_id=MEETING, host=HOST, body={})

    # Then it had room for it (the renewed retry counted once), and none for a third
    with pytest.raises(ZoomRateLimited) as caught:
        client.update_meeting(meeting_id=MEETING, host=HOST, body={})
    assert caught.value.daily
    assert [call.request.method for call in zoom.calls].count("PATCH") == 3


def test_works_without_a_limiter(
    make_client: Callable[..., ZoomClient], zoom: responses.RequestsMock
) -> None:
    # Given a client with no rate limiter
    zoom.add(token_answer())
    zoom.post(CREATE_URL, status=201, json=meeting_json())

    # When it creates three meetings
    created = [make_client(limiter=None).create_meeting(host=HOST, body={}) for _ in range(3)]

    # Then each reached Zoom and came back
    assert [answer["id"] for answer in created] == [int(MEETING)] * 3
    assert [call.request.method for call in zoom.calls].count("POST") == 4  # a token, 3 creates


# --- observer and secrets ---------------------------------------------------------------------


def test_observer_gets_one_record_per_http_attempt(
    client: ZoomClient, zoom: responses.RequestsMock, records: list[CallRecord]
) -> None:
    # Given a renewal in the middle
    zoom.add(token_answer("tok-AAA-first"))
    zoom.add(token_answer("tok-BBB-second"))
    zoom.get(MEETING_URL, status=401, json={"code": 124, "message": "Invalid access token."})
    zoom.get(MEETING_URL, json=meeting_json())

    # When
    client.get_meeting(meeting_id=MEETING)

    # Then
    assert [
        (r.action, r.method, r.path, r.outcome, r.http_status, r.zoom_code) for r in records
    ] == [
        ("token", "POST", "/oauth/token", "ok", 200, None),
        ("get", "GET", f"/meetings/{MEETING}", "permanent", 401, 124),
        ("token", "POST", "/oauth/token", "ok", 200, None),
        ("get", "GET", f"/meetings/{MEETING}", "ok", 200, None),
    ]
    assert records[-1].message == ""
    assert records[1].message == "Zoom get failed: Invalid access token."
    assert records[0].started_at == datetime(2024, 1, 15, 21, 0, tzinfo=UTC)
    assert all(record.duration_ms >= 0 for record in records)


def test_observer_records_outcomes_and_paths_without_query(
    client: ZoomClient, zoom: responses.RequestsMock, records: list[CallRecord]
) -> None:
    # Given
    zoom.add(token_answer())
    zoom.get(CREATE_URL, json={"next_page_token": "", "meetings": []})
    zoom.delete(MEETING_URL, status=404, json={"code": 3001, "message": "Meeting does not exist."})
    zoom.patch(MEETING_URL, status=429, json={"code": 429, "message": "Slow down."})
    zoom.get(MEETING_URL, body=requests.ReadTimeout("read timed out"))

    # When
    list(client.list_meetings(host=HOST))
    with pytest.raises(ZoomNotFound):
        client.delete_meeting(meeting_id=MEETING)
    with pytest.raises(ZoomRateLimited):
        client.update_meeting(meeting_id=MEETING, host=HOST, body={})
    with pytest.raises(ZoomTransientError):
        client.get_meeting(meeting_id=MEETING)

    # Then
    assert [(r.action, r.path, r.outcome, r.http_status) for r in records[1:]] == [
        ("list", f"/users/{HOST}/meetings", "ok", 200),
        ("delete", f"/meetings/{MEETING}", "not_found", 404),
        ("update", f"/meetings/{MEETING}", "rate_limited", 429),
        ("get", f"/meetings/{MEETING}", "transient", None),
    ]


def test_observer_messages_are_sanitized(
    client: ZoomClient, zoom: responses.RequestsMock, records: list[CallRecord]
) -> None:
    # Given an error body that quotes a host link and a passcode
    zoom.add(token_answer())
    zoom.get(
        MEETING_URL,
        status=400,
        json={"code": 3000, "message": f"Cannot access {START_URL} with password=P4ss-S3cr3t"},
    )

    # When
    with pytest.raises(ZoomPermanentError):
        client.get_meeting(meeting_id=MEETING)

    # Then
    assert "zak-S3cr3t" not in records[-1].message
    assert "P4ss-S3cr3t" not in records[-1].message
    assert "Cannot access" in records[-1].message


def test_a_failing_observer_never_breaks_the_call(
    make_client: Callable[..., ZoomClient],
    zoom: responses.RequestsMock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Given
    def broken(record: CallRecord) -> None:
        raise RuntimeError("metrics backend down")

    zoom.add(token_answer())
    zoom.get(MEETING_URL, json=meeting_json())

    # When
    meeting = make_client(observer=broken).get_meeting(meeting_id=MEETING)

    # Then
    assert meeting["id"] == int(MEETING)
    assert "zoom call observer failed" in caplog.text


def test_with_observer_reports_elsewhere_and_shares_the_token(
    client: ZoomClient, zoom: responses.RequestsMock, records: list[CallRecord]
) -> None:
    # Given
    zoom.add(token_answer())
    zoom.get(MEETING_URL, json=meeting_json())
    client.get_meeting(meeting_id=MEETING)
    other: list[CallRecord] = []

    # When
    client.with_observer(other.append).get_meeting(meeting_id=MEETING)

    # Then
    assert [record.action for record in records] == ["token", "get"]
    assert [record.action for record in other] == ["get"]


def test_no_secret_reaches_logs_or_exception_messages(
    client: ZoomClient, zoom: responses.RequestsMock, caplog: pytest.LogCaptureFixture
) -> None:
    # Given traffic full of secrets: token, host links in bodies, an error quoting them
    caplog.set_level(logging.DEBUG)
    zoom.add(token_answer())
    zoom.post(CREATE_URL, status=201, json=meeting_json(password="P4ss-S3cr3t"))
    zoom.get(
        MEETING_URL,
        status=400,
        json={
            "code": 300,
            "message": f"Bad request Authorization: Bearer {TOKEN} start_url {START_URL} "
            f"client_secret={CLIENT_SECRET}",
        },
    )

    # When
    client.create_meeting(host=HOST, body={"topic": "x", "password": "P4ss-S3cr3t"})
    with pytest.raises(ZoomPermanentError) as caught:
        client.get_meeting(meeting_id=MEETING)

    # Then
    exposed = caplog.text + str(caught.value) + repr(caught.value)
    assert "zoom create POST status=201" in caplog.text
    for secret in (TOKEN, CLIENT_SECRET, "zak-S3cr3t", "P4ss-S3cr3t"):
        assert secret not in exposed


def test_a_per_second_429_slows_the_fleet_and_successes_let_it_climb(
    client: ZoomClient,
    zoom: responses.RequestsMock,
    limiter: ZoomLimiter,
    clock: FakeClock,
) -> None:
    # Given a per-second 429 on a create, then successful creates
    zoom.add(token_answer())
    zoom.post(CREATE_URL, status=429, json={"code": 429, "message": PER_SECOND_MESSAGE})
    zoom.post(CREATE_URL, json=meeting_json())

    # When
    with pytest.raises(ZoomRateLimited):
        client.create_meeting(host=HOST, body={"topic": "x"})
    lowered = limiter.rate("medium")
    clock.now += 2  # past the hold after a cut
    client.create_meeting(host=HOST, body={"topic": "x"})

    # Then the medium rate was cut for every process sharing Redis, and a success raised it
    assert lowered < 1000
    assert lowered < limiter.rate("medium") < 1000
    assert limiter.rate("light") == 1000


# --- the shared cache ------------------------------------------------------------------------


@pytest.mark.parametrize("call", ["create", "list"])
def test_an_unreachable_shared_cache_is_a_transient_zoom_error(
    client: ZoomClient, zoom: responses.RequestsMock, redis_server: fakeredis.FakeServer, call
) -> None:
    # given Redis, which holds the shared token and the rate limits, is out of reach
    redis_server.connected = False
    # when a call is made
    # then it fails as the client's own transient error, not as a Redis one, and sends nothing
    with pytest.raises(ZoomCacheUnavailable) as failure:
        if call == "create":
            client.create_meeting(host="me", body={"topic": "Görüşme"})
        else:
            list(client.list_meetings(host="me"))
    assert isinstance(failure.value, ZoomTransientError)
    assert len(zoom.calls) == 0


REPORT_URL = f"{API}/report/meetings/{MEETING}/participants"


def test_participants_report_follows_next_page_token(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    # Given a report of two pages
    zoom.add(token_answer())
    zoom.get(
        REPORT_URL,
        match=[matchers.query_param_matcher({"page_size": "300"})],
        json={"next_page_token": "p2", "participants": [{"id": "a"}]},
    )
    zoom.get(
        REPORT_URL,
        match=[matchers.query_param_matcher({"page_size": "300", "next_page_token": "p2"})],
        json={"next_page_token": "", "participants": [{"id": "b"}]},
    )

    # When
    participants = list(client.list_participants_report(meeting_id=MEETING))

    # Then
    assert [p["id"] for p in participants] == ["a", "b"]


def test_no_participants_report_is_not_found(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    # Given Zoom has no report for the meeting
    zoom.add(token_answer())
    zoom.get(REPORT_URL, status=404, json={"code": 3001, "message": "Meeting does not exist."})

    # When / Then
    with pytest.raises(ZoomNotFound):
        list(client.list_participants_report(meeting_id=MEETING))


def test_list_users_follows_next_page_token(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    # Given the account's active users on two pages
    zoom.add(token_answer())
    zoom.get(
        f"{API}/users",
        match=[matchers.query_param_matcher({"status": "active", "page_size": "300"})],
        json={"next_page_token": "page-2", "users": [{"id": "u1", "type": 2}]},
    )
    zoom.get(
        f"{API}/users",
        match=[
            matchers.query_param_matcher(
                {"status": "active", "page_size": "300", "next_page_token": "page-2"}
            )
        ],
        json={"next_page_token": "", "users": [{"id": "u2", "type": 1}]},
    )

    # When
    users = list(client.list_users())

    # Then every page was read
    assert [user["id"] for user in users] == ["u1", "u2"]


def test_get_user_of_another_account_is_a_permanent_error(
    client: ZoomClient, zoom: responses.RequestsMock
) -> None:
    # Given Zoom does not know the user
    zoom.add(token_answer())
    zoom.get(
        f"{API}/users/nobody@example.com",
        status=404,
        json={"code": 1001, "message": "User does not exist: nobody@example.com."},
    )

    # When / Then it is a real failure, not "meeting already gone"
    with pytest.raises(ZoomPermanentError) as caught:
        client.get_user(user_id="nobody@example.com")
    assert caught.value.code == 1001
