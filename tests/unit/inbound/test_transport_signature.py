"""The webhook endpoint believes only requests signed with the secret token, sent just now."""

import time

import pytest

from tests.unit.inbound.zoom_events import SECRET, encoded, envelope, signature
from zoom_worker.models import WebhookDelivery

EVENT = envelope("meeting.started", 85746065432)


def now() -> str:
    return str(int(time.time()))


@pytest.mark.django_db
def test_a_well_signed_event_is_accepted(deliver):
    # given an event signed with the secret, now
    # when Zoom delivers it
    response = deliver(EVENT)
    # then it is taken and stored
    assert response.status_code == 204, response.content
    assert WebhookDelivery.objects.count() == 1


@pytest.mark.django_db
def test_a_body_with_turkish_text_is_verified_over_its_raw_bytes(deliver):
    # given an event whose topic is Turkish, sent as UTF-8 without escapes
    body = envelope("meeting.updated", 85746065432, topic="Görüşme · Çağrı İşık")
    assert "ş".encode() in encoded(body)
    # when Zoom delivers it
    response = deliver(body)
    # then the signature over those bytes matches
    assert response.status_code == 204, response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no headers"),
        pytest.param({"HTTP_X_ZM_REQUEST_TIMESTAMP": "NOW"}, id="no signature"),
        pytest.param({"HTTP_X_ZM_SIGNATURE": "SIGNED"}, id="no timestamp"),
        pytest.param(
            {"HTTP_X_ZM_REQUEST_TIMESTAMP": "yesterday", "HTTP_X_ZM_SIGNATURE": "v0=00"},
            id="timestamp not a number",
        ),
        pytest.param(
            {"HTTP_X_ZM_REQUEST_TIMESTAMP": "NOW", "HTTP_X_ZM_SIGNATURE": "v0=" + "0" * 64},
            id="wrong signature",
        ),
        pytest.param(
            {"HTTP_X_ZM_REQUEST_TIMESTAMP": "NOW", "HTTP_X_ZM_SIGNATURE": "v0=ğüşiöç"},
            id="non-ASCII signature",
        ),
    ],
)
def test_missing_or_wrong_signature_headers_are_refused(deliver, headers):
    # given headers that do not prove the sender holds the secret
    signed = signature(encoded(EVENT), now())
    headers = {k: v.replace("NOW", now()).replace("SIGNED", signed) for k, v in headers.items()}
    # when the request arrives
    response = deliver(EVENT, headers=headers)
    # then it is refused with a reason and nothing is stored
    assert response.status_code == 401
    assert response.json()["detail"]
    assert not WebhookDelivery.objects.exists()


@pytest.mark.django_db
def test_a_signature_made_with_another_secret_is_refused(deliver):
    response = deliver(EVENT, secret="not-" + SECRET)
    assert response.status_code == 401
    assert not WebhookDelivery.objects.exists()


@pytest.mark.django_db
def test_a_body_changed_after_signing_is_refused(deliver):
    # given a signature over one body
    sent_at = now()
    headers = {
        "HTTP_X_ZM_REQUEST_TIMESTAMP": sent_at,
        "HTTP_X_ZM_SIGNATURE": signature(encoded(EVENT), sent_at),
    }
    # when another body arrives with it
    response = deliver(envelope("meeting.deleted", 85746065432), headers=headers)
    # then it is refused
    assert response.status_code == 401
    assert not WebhookDelivery.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("age", "expected"),
    [(0, 204), (290, 204), (310, 401), (3600, 401), (-310, 401)],
    ids=["now", "290 s old", "310 s old", "an hour old", "310 s ahead"],
)
def test_only_a_recent_timestamp_is_accepted(deliver, age, expected):
    # given a correctly signed event, sent `age` seconds ago
    sent_at = str(int(time.time()) - age)
    # when it arrives
    response = deliver(EVENT, timestamp=sent_at)
    # then only one from the last five minutes is taken (a replay is not)
    assert response.status_code == expected, response.content
    assert WebhookDelivery.objects.count() == (1 if expected == 204 else 0)


@pytest.mark.django_db
def test_without_a_secret_the_endpoint_is_unavailable(deliver, settings):
    # given no ZOOM_WEBHOOK_SECRET_TOKEN
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = ""
    # when an event arrives, signed with an empty key
    response = deliver(EVENT, secret="")
    # then nothing can be verified: 503 with a reason, nothing stored
    assert response.status_code == 503
    assert response.json()["detail"]
    assert not WebhookDelivery.objects.exists()


@pytest.mark.django_db
def test_signature_errors_follow_the_callers_language(deliver):
    turkish = deliver(EVENT, headers={})
    english = deliver(EVENT, headers={"HTTP_ACCEPT_LANGUAGE": "en"})
    assert english.json()["detail"] == "The Zoom signature headers are missing."
    assert turkish.json()["detail"] != english.json()["detail"]
