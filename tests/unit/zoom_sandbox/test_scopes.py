"""Scopes: the token answer names the scopes its token holds, and a call they do not cover is
refused with 400 code 4711 naming the granular scope, whichever spelling would have granted it."""

import pytest

from zoom_sandbox.scopes import CLASSIC, GRANULAR, OPERATION_SCOPES

from .conftest import Zoom

# One call per operation the stand-in serves, each named in the scope table.
CALLS = {
    "create": ("POST", "/users/me/meetings"),
    "patch": ("PATCH", "/meetings/12345678901"),
    "delete": ("DELETE", "/meetings/12345678901"),
    "get": ("GET", "/meetings/12345678901"),
    "list": ("GET", "/users/me/meetings"),
    "user": ("GET", "/users/me"),
    "users": ("GET", "/users"),
    "report": ("GET", "/report/meetings/12345678901/participants"),
    "delete_recordings": ("DELETE", "/meetings/12345678901/recordings"),
}


def test_every_operation_has_a_call_here():
    # Given / When / Then: a new operation in the table must be tried below too
    assert set(CALLS) == set(OPERATION_SCOPES)


def test_by_default_a_token_holds_every_granular_scope_the_service_needs(server):
    # When
    answer = Zoom(server.url).fetch_token().json()

    # Then
    assert answer["scope"].split() == list(GRANULAR)
    assert len(GRANULAR) == 9 and not set(CLASSIC) & set(GRANULAR)


@pytest.mark.parametrize("op", list(CALLS))
def test_a_call_its_scopes_do_not_cover_is_400_code_4711_naming_the_granular_scope(
    start_sandbox, op
):
    # Given a token holding every granular scope but this operation's
    granular = OPERATION_SCOPES[op][0]
    server = start_sandbox(scopes=[scope for scope in GRANULAR if scope != granular])
    zoom = Zoom(server.url).sign_in()

    # When
    response = zoom.call(*CALLS[op])

    # Then
    assert response.status_code == 400
    assert response.json() == {
        "code": 4711,
        "message": f"Invalid access token, does not contain scopes: [{granular}]",
    }


@pytest.mark.parametrize("op", list(CALLS))
def test_the_classic_scope_grants_the_same_call(start_sandbox, op):
    # Given a token of an older app, holding classic scopes only
    server = start_sandbox(scopes=" ".join(CLASSIC))
    zoom = Zoom(server.url).sign_in()

    # When
    response = zoom.call(*CALLS[op])

    # Then whatever else is wrong with the call, its scope is not
    assert response.status_code != 400 or response.json()["code"] != 4711
