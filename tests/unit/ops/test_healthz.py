"""GET /healthz: 200 when the database and the broker answer, 503 naming what is down."""

import socket

import pytest

from celery_app import app


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_healthy_when_database_and_broker_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "broker": "ok"}}


@pytest.mark.django_db
def test_503_names_the_broker_when_it_is_down(client, monkeypatch, closed_port):
    # given a broker nobody listens on
    monkeypatch.setitem(app.conf, "broker_url", f"redis://127.0.0.1:{closed_port}/0")
    # when the health is asked
    response = client.get("/healthz")
    # then it is refused, naming the broker and only the broker
    assert response.status_code == 503
    body = response.json()
    assert body["down"] == ["broker"]
    assert body["checks"] == {"database": "ok", "broker": "down"}
