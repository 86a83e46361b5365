"""Zoom checks the endpoint with `endpoint.url_validation`: we answer with its token, signed."""

import hashlib
import hmac

import pytest

from tests.unit.inbound.zoom_events import SECRET
from zoom_worker.models import WebhookDelivery

PLAIN_TOKEN = "qgg8vlvZRS6UYooatFL8Aw"


@pytest.mark.django_db
def test_url_validation_is_answered_with_the_encrypted_token(deliver, queued):
    # given Zoom's validation request
    body = {"event": "endpoint.url_validation", "payload": {"plainToken": PLAIN_TOKEN}}
    # when it arrives
    response = deliver(body)
    # then the plain token comes back with its HMAC-SHA256 under the secret, in hex
    assert response.status_code == 200, response.content
    expected = hmac.new(SECRET.encode(), PLAIN_TOKEN.encode(), hashlib.sha256).hexdigest()
    assert response.json() == {"plainToken": PLAIN_TOKEN, "encryptedToken": expected}
    # and it is no event to store or process
    assert not WebhookDelivery.objects.exists() and queued == []


@pytest.mark.django_db
def test_url_validation_without_a_token_is_refused(deliver):
    response = deliver({"event": "endpoint.url_validation", "payload": {}})
    assert response.status_code == 400
    assert response.json()["detail"]


@pytest.mark.django_db
def test_url_validation_needs_a_valid_signature_too(deliver):
    body = {"event": "endpoint.url_validation", "payload": {"plainToken": PLAIN_TOKEN}}
    response = deliver(body, secret="guessed")
    assert response.status_code == 401
    assert "encryptedToken" not in response.json()
