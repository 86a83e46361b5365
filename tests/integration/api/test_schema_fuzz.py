"""Schemathesis against /api/schema/: generated requests, as a signed-in expert, never get a 5xx,
and every answer's status, body and content type are ones the schema documents.
In-process through the WSGI app: no network, no server.

Bounded for CI: a fixed seed, a few examples per operation, no coverage or stateful phase.
"""

from datetime import timedelta

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework_simplejwt.tokens import RefreshToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from lunova.wsgi import application
from zoom_worker.appointments.services import appointment_create

pytestmark = pytest.mark.slow

CONFIG = schemathesis.Config.from_str(
    """
seed = 20261128

[generation]
max-examples = 12

[phases.coverage]
enabled = false

[phases.stateful]
enabled = false
"""
)
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
# What a client reads in the schema is what it gets: each answer's status is one the operation
# documents, and its body and content type are the ones documented for that status.
CONFORMANCE = [response_schema_conformance, status_code_conformance, content_type_conformance]


@pytest.fixture
def transaction_kept_open():
    """The WSGI app closes the database connection after each request, which would end the
    test's transaction; Django's test client avoids it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_setup(db, transaction_kept_open, expert, client_user, settings, monkeypatch):
    """Data to act on, a webhook secret, and a write rate no generated burst reaches."""
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = "fuzz-webhook-secret"
    # Generated writes far outnumber a person's; the throttle would answer most of them.
    monkeypatch.setattr(
        SimpleRateThrottle,
        "THROTTLE_RATES",
        {**SimpleRateThrottle.THROTTLE_RATES, "writes": "100000/min"},
    )
    appointment_create(
        expert=expert, client=client_user, start_time=timezone.now() + timedelta(days=1)
    )
    # An account without an email address, as `createuser` makes one unless given one.
    expert.email = ""
    expert.save(update_fields=["email"])
    return {"Authorization": f"Bearer {RefreshToken.for_user(expert).access_token}"}


# Loaded once, at collection, from the app itself (the schema view needs no database).
schema = schemathesis.openapi.from_wsgi("/api/schema/", application, config=CONFIG)


@schema.parametrize()
# The fixture's data and token serve every example of an operation on purpose.
@hypothesis_settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_generated_requests_get_no_server_error_and_conforming_answers(case, fuzz_setup):
    case.call_and_validate(headers=fuzz_setup, checks=CHECKS)


@schema.parametrize()
@hypothesis_settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
def test_every_answer_is_one_the_schema_documents(case, fuzz_setup):
    # given a generated request to any operation, as a signed-in expert
    # when it is sent
    # then its status, body and content type conform to the schema
    case.call_and_validate(headers=fuzz_setup, checks=CONFORMANCE)
