"""Where a create's CPU goes: each step the view takes, timed in this process against the same
database and Redis, next to the whole no-op and the whole create (Django's test client, so every
middleware runs; no HTTP server). CPU time, so other load on the machine moves it little."""

import json
import logging
import time
from collections.abc import Callable

from django.test import Client
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView
from rest_framework_simplejwt.authentication import JWTAuthentication

from bench.scenarios import APPOINTMENTS, NO_OP, People, booking, booking_start
from zoom_worker.api.throttles import WriteThrottle
from zoom_worker.appointments.selectors import user_or_none
from zoom_worker.appointments.serializers import AppointmentCreateInput, AppointmentOutput
from zoom_worker.appointments.services import appointment_create
from zoom_worker.core.dispatch import dispatch_now
from zoom_worker.core.task_names import SYNC_MEETING


def cpu_ms(step: Callable[[int], object], repeat: int) -> float:
    """Median CPU milliseconds of step(n) over three runs of `repeat` calls, after a warm-up."""
    for n in range(5):
        step(n)
    runs = []
    for run in range(3):
        began = time.process_time()
        for n in range(repeat):
            step((run + 1) * repeat + n)
        runs.append((time.process_time() - began) * 1000 / repeat)
    return sorted(runs)[1]


def create_breakdown(people: People, *, repeat: int = 60) -> list[tuple[str, float]]:
    expert, client = people.experts[0], people.clients[0]
    authorization = f"Bearer {people.tokens[0]}"
    http = Client(headers={"Authorization": authorization})
    request = APIRequestFactory().post(APPOINTMENTS, HTTP_AUTHORIZATION=authorization)
    request.user = expert
    context = {"request": request}
    created = appointment_create(
        expert=expert, client=client, start_time=booking_start(people, 0, 0)
    )

    def post(n):
        body = json.dumps(booking(people, 0, 10_000 + n))
        return http.post(APPOINTMENTS, body, content_type="application/json")

    steps = [
        ("GET /auth/me/: the whole no-op", lambda n: http.get(NO_OP)),
        ("POST /appointments/: the whole create", post),
        (
            "  token check and caller read",
            lambda n: JWTAuthentication().authenticate(Request(request)),
        ),
        (
            "  write throttle (one Redis script call)",
            lambda n: WriteThrottle().allow_request(request, APIView()),
        ),
        ("  input validation", lambda n: valid(people, n)),
        ("  client read", lambda n: user_or_none(pk=client.pk)),
        (
            "  2 inserts, commit and publish",
            lambda n: appointment_create(
                expert=expert, client=client, start_time=booking_start(people, 0, 20_000 + n)
            ),
        ),
        (
            "    of which the publish",
            lambda n: dispatch_now(SYNC_MEETING, object_id=created.meeting_id),
        ),
        ("  response rendering", lambda n: AppointmentOutput(created, context=context).data),
    ]
    # The request log lines would land in this report; they cost the same in every request.
    logging.disable(logging.INFO)
    try:
        return [(label, cpu_ms(step, repeat)) for label, step in steps]
    finally:
        logging.disable(logging.NOTSET)


def valid(people: People, n: int) -> None:
    AppointmentCreateInput(data=booking(people, 0, n)).is_valid(raise_exception=True)
