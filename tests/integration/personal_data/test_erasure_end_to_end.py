"""End to end: a client with a session that took place (played by the stand-in, settled by real
workers) and one ahead is erased by the command. The Zoom meeting ahead is deleted in the
stand-in by a worker, the past one renamed there; a dump of the whole database holds neither
the client's name, e-mail, notes nor the topic they typed; a second run changes nothing."""

import json
import subprocess
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.utils import translation

from tests.conftest import future, wait_until
from tests.integration.events.conftest import SECRET as EVENTS_SECRET
from tests.integration.events.conftest import Receiver
from zoom_worker.models import Appointment, Meeting, PlatformEvent

URL = "/api/v1/appointments/"
WEBHOOK_SECRET = "e2e-webhook-secret"
NOTES = "Uykusuzluk ve panik atak öyküsü, ilaç kullanmıyor"
TOPIC = "Yas süreci üzerine ikinci görüşme"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.server.shutdown()


def database_dump() -> bytes:
    """Every byte the database would hand a backup."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump()).encode()
    command = ["pg_dump", "-h", settings["HOST"] or "127.0.0.1", "-U", settings["USER"]]
    command += ["-p", str(settings["PORT"] or 5432), settings["NAME"]]
    return subprocess.run(command, check=True, capture_output=True).stdout


# The record of each request, and the workers' own bookkeeping of tasks that finish later.
NOT_COMPARED = {"zoom_worker_personaldatarequest", "django_celery_results_taskresult"}


def every_row_but_the_requests() -> dict:
    rows = {
        model._meta.db_table: list(model.objects.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table not in NOT_COMPARED
    }
    return json.loads(json.dumps(rows, cls=DjangoJSONEncoder))


def erase(name: str) -> list[str]:
    out = StringIO()
    with translation.override("en"):
        call_command("personal_data", "erase", name, "--yes", stdout=out)
    return out.getvalue().splitlines()


def settled(pks) -> bool:
    """Zoom matches the rows and the platform has been told."""
    meetings = Meeting.objects.filter(appointment__pk__in=pks)
    synced = all(meeting.in_sync and meeting.lease_owner == "" for meeting in meetings)
    return synced and not PlatformEvent.objects.filter(state="pending").exists()


def test_a_client_is_erased_end_to_end(
    api, expert, client_user, workers, sandbox, live_server, receiver, settings
):
    # given real workers that tell a receiver, the webhook endpoint live, the stand-in as Zoom
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = WEBHOOK_SECRET
    settings.LUNOVA_EVENTS_URL, settings.LUNOVA_EVENTS_SECRET = receiver.url, EVENTS_SECRET
    workers.start(LUNOVA_EVENTS_URL=receiver.url, LUNOVA_EVENTS_SECRET=EVENTS_SECRET)
    # and a session with the topic and notes given by hand, held, and one more ahead
    booked = []
    for days in (1, 2):
        body = {"client": client_user.pk, "start_time": future(days=days)}
        body |= {"topic": TOPIC, "notes": NOTES}
        response = api(expert).post(URL, body, format="json")
        assert response.status_code == 201, response.content
        booked.append(response.json()["id"])
    held, ahead = booked
    wait_until(
        lambda: Meeting.objects.filter(appointment__pk__in=booked, status="ready").count() == 2,
        timeout=60,
    )
    zoom_ids = {pk: Meeting.objects.get(appointment__pk=pk).zoom_meeting_id for pk in booked}
    webhook_url = f"{live_server.url}/api/v1/zoom/webhooks/"
    sandbox.play(zoom_ids[held], "held", webhook_url, WEBHOOK_SECRET, report=True)
    wait_until(lambda: Appointment.objects.get(pk=held).status == "completed", timeout=60)
    assert NOTES.encode() in database_dump()

    # when an operator erases the client
    printed = erase("mehmet")

    # then it says what it changed, the session ahead among it
    assert "appointments ahead cancelled: 1" in printed
    assert "appointment notes emptied: 2" in printed
    # and a worker deletes its Zoom meeting in the stand-in, and renames the one that was held
    state = {}

    def zoom_has_converged():
        state.update({m["id"]: m for m in sandbox.state()["meetings"]})
        return settled(booked) and state[int(zoom_ids[ahead])].get("deleted")

    wait_until(zoom_has_converged, timeout=60)
    assert not state[int(zoom_ids[held])].get("deleted")
    assert TOPIC not in state[int(zoom_ids[held])]["topic"]
    # and a dump of the whole database holds nothing the client was or wrote
    dump = database_dump().lower()
    for personal in ("mehmet", "Demir", "mehmet@example.com", NOTES, TOPIC):
        assert personal.lower().encode() not in dump, personal
    # and a second run changes nothing, and says so
    before = every_row_but_the_requests()
    assert erase(str(client_user.pk)) == [f"nothing left to erase for user {client_user.pk}"]
    assert every_row_but_the_requests() == before
