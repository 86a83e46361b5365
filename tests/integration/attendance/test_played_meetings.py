"""End to end: the stand-in plays each scenario's webhooks over real HTTP to the running webhook
endpoint; real workers process them, settle the attendance (asking the participant report when
no participant webhook came) and tell the platform; the API shows the outcome. Afterwards no
table, log line or event holds the participants' names or e-mails."""

import json

import pytest
from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder

from tests.conftest import future, wait_until
from tests.integration.attendance.conftest import PERSONAL
from tests.integration.events.conftest import SECRET as EVENTS_SECRET
from zoom_worker.models import Meeting

URL = "/api/v1/appointments/"
WEBHOOK_SECRET = "e2e-webhook-secret"
pytestmark = pytest.mark.django_db(transaction=True)
# (scenario, report kept by the stand-in, outcome, appointment status, minutes together)
SCENARIOS = [
    ("held", True, "held", "completed", 37),
    ("host_only", True, "client_no_show", "no_show", 0),
    ("guest_only", True, "expert_no_show", "no_show", 0),
    ("nobody", True, "nobody_joined", "no_show", 0),
    ("nobody", False, "unknown", "completed", 0),
]


def every_table() -> str:
    """Every row of every table of the test database, as text."""
    rows = {
        model._meta.db_table: list(model.objects.values())
        for model in apps.get_models(include_auto_created=True)
    }
    return json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False)


def leaked(text: str) -> list[str]:
    folded = text.casefold()
    return [secret for secret in PERSONAL if secret.casefold() in folded]


def test_each_scenario_played_end_to_end(
    api, expert, client_user, workers, sandbox, live_server, receiver, settings, caplog, tmp_path
):
    # given the webhook endpoint live, workers that tell a receiver, the stand-in as Zoom
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = WEBHOOK_SECRET
    settings.LUNOVA_EVENTS_URL, settings.LUNOVA_EVENTS_SECRET = receiver.url, EVENTS_SECRET
    workers.start(
        LUNOVA_EVENTS_URL=receiver.url,
        LUNOVA_EVENTS_SECRET=EVENTS_SECRET,
        LUNOVA_EVENTS_BACKOFF_MAX="1",
    )
    booked = []
    for n, _scenario in enumerate(SCENARIOS):
        body = {"client": client_user.pk, "start_time": future(days=1, hours=n)}
        response = api(expert).post(URL, body, format="json")
        assert response.status_code == 201, response.content
        booked.append(response.json()["id"])
    ready = wait_until(
        lambda: Meeting.objects.filter(appointment__pk__in=booked, status="ready").count() == 5,
        timeout=60,
    )
    assert ready
    # when the stand-in plays each scenario to the service's webhook URL
    webhook_url = f"{live_server.url}/api/v1/zoom/webhooks/"
    for pk, (scenario, report, *_expected) in zip(booked, SCENARIOS, strict=True):
        zoom_id = Meeting.objects.get(appointment__pk=pk).zoom_meeting_id
        answer = sandbox.play(zoom_id, scenario, webhook_url, WEBHOOK_SECRET, report=report)
        assert {sent["status"] for sent in answer["sent"]} == {204}

    # then the API shows each outcome once the workers have settled it
    def shown(pk):
        return api(client_user).get(f"{URL}{pk}/").json()

    def settled(body):
        return body if body["attendance"]["outcome"] else None

    for pk, (scenario, _report, outcome, status, minutes) in zip(booked, SCENARIOS, strict=True):
        body = wait_until(lambda pk=pk: settled(shown(pk)), timeout=60)
        assert (body["attendance"]["outcome"], body["status"]) == (outcome, status), scenario
        assert body["attendance"]["together_minutes"] == minutes
    # and the platform is told each end once
    wait_until(lambda: len(receiver.of_type("appointment.ended")) == 5, timeout=30)
    ended = receiver.of_type("appointment.ended")
    outcomes = sorted(event["data"]["attendance"]["outcome"] for event in ended)
    assert outcomes == sorted(expected for _s, _r, expected, _st, _m in SCENARIOS)
    # and the participants' names and e-mails are nowhere: no table, no log line, no event
    assert leaked(every_table()) == []
    assert leaked(caplog.text) == []
    workers.stop()
    for log in tmp_path.glob("*.log"):
        assert leaked(log.read_text(errors="replace")) == [], log.name
    assert leaked(json.dumps(receiver.events(), ensure_ascii=False)) == []
