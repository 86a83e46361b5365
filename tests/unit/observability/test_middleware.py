"""Each request logs a JSON line carrying its request id, which the response echoes."""

import io
import json
import logging.config

import pytest
from django.conf import settings

from lunova.logging_config import logging_config


@pytest.fixture
def json_lines():
    """The service's logging in its production format, its console handler writing to a buffer."""
    logging.config.dictConfig(logging_config(log_format="json", level="INFO"))
    [console] = logging.getLogger().handlers
    buffer = io.StringIO()
    console.setStream(buffer)

    def read() -> list[dict]:
        return [json.loads(line) for line in buffer.getvalue().splitlines()]

    yield read
    logging.config.dictConfig(settings.LOGGING)


def request_lines(lines: list[dict]) -> list[dict]:
    return [line for line in lines if line["logger"] == "lunova.request"]


@pytest.mark.django_db
def test_a_request_logs_one_json_line_with_the_callers_request_id(api, expert, json_lines):
    # when a caller sends its own request id
    response = api(expert).get("/api/v1/appointments/", HTTP_X_REQUEST_ID="istek-42")
    # then the response echoes it and the request's log line carries it
    assert response["X-Request-ID"] == "istek-42"
    [line] = request_lines(json_lines())
    assert line["request_id"] == "istek-42"
    assert line["status"] == 200 and line["method"] == "GET"
    assert line["path"] == "/api/v1/appointments/"
    assert line["level"] == "INFO" and "time" in line


@pytest.mark.django_db
def test_ids_of_the_url_are_bound_and_no_personal_data_is_logged(api, expert, json_lines):
    api(expert).get("/api/v1/appointments/77/?from=2030-01-01")
    [line] = request_lines(json_lines())
    assert line["appointment_id"] == 77 and line["status"] == 404
    assert "from=" not in json.dumps(line)
    assert "ayse" not in json.dumps(line)


@pytest.mark.parametrize("sent", [None, "", "kötü id; drop", "x" * 65])
@pytest.mark.django_db
def test_a_missing_or_unusable_request_id_is_replaced(client, json_lines, sent):
    headers = {} if sent is None else {"HTTP_X_REQUEST_ID": sent}
    response = client.get("/healthz", **headers)
    request_id = response["X-Request-ID"]
    assert request_id != sent and len(request_id) == 32
    [line] = request_lines(json_lines())
    assert line["request_id"] == request_id


def test_plain_format_is_the_alternative_and_nothing_else_is_accepted():
    assert (
        logging_config(log_format="plain", level="INFO")["handlers"]["console"]["formatter"]
        == "plain"
    )
    with pytest.raises(ValueError, match="LUNOVA_LOG_FORMAT"):
        logging_config(log_format="xml", level="INFO")
