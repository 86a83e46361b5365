"""The OpenAPI description: valid, warning-free, complete; Swagger UI served offline."""

import re

import pytest
import yaml
from django.core.management import call_command
from django.urls import URLPattern

from zoom_worker.api.urls import urlpatterns

# Open to callers without a token: token, schema, docs, health and webhooks.
PUBLIC = {
    "/api/v1/",
    "/api/v1/auth/token/",
    "/api/v1/auth/token/refresh/",
    "/api/v1/zoom/webhooks/",
}


def openapi_path(pattern: URLPattern) -> str:
    return "/api/v1/" + re.sub(r"<int:(\w+)>", "{id}", str(pattern.pattern))


@pytest.fixture(scope="module")
def schema(tmp_path_factory) -> dict:
    target = tmp_path_factory.mktemp("openapi") / "schema.yml"
    # The same check as `make schema`: any warning fails it.
    call_command("spectacular", validate=True, fail_on_warn=True, file=str(target))
    return yaml.safe_load(target.read_text(encoding="utf-8"))


def operations(schema):
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_api_route_is_described(schema):
    described = set(schema["paths"])
    routes = {openapi_path(p) for p in urlpatterns}
    assert routes - described == set()


def test_every_operation_has_a_summary_and_a_401_when_it_needs_a_token(schema):
    for path, method, operation in operations(schema):
        assert operation.get("summary"), f"{method} {path} has no summary"
        if path not in PUBLIC:
            assert "401" in operation["responses"], f"{method} {path} documents no 401"


def test_errors_and_examples_are_described(schema):
    create = schema["paths"]["/api/v1/appointments/"]["post"]
    assert {"201", "400", "401", "403", "429"} <= set(create["responses"])
    forbidden = create["responses"]["403"]["content"]["application/json"]
    assert "yalnızca" in next(iter(forbidden["examples"].values()))["value"]["detail"]
    update = schema["paths"]["/api/v1/appointments/{id}/"]["patch"]["responses"]
    assert {"404", "409"} <= set(update)
    seed = schema["paths"]["/api/v1/zoom/meetings/"]["post"]
    assert {"201", "202", "502"} <= set(seed["responses"])
    assert "Prefer" in {p["name"] for p in seed["parameters"]}
    filters = schema["paths"]["/api/v1/appointments/"]["get"]["parameters"]
    assert {"status", "from", "to"} <= {p["name"] for p in filters}


@pytest.mark.django_db
def test_swagger_ui_is_served_from_this_service(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html and "/static/drf_spectacular_sidecar/" in html
