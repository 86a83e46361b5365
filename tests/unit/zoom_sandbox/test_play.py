"""POST /_sandbox/meetings/{id}/play sends a scenario's signed webhooks (v0 HMAC over the raw
body) to the given URL, times relative to the meeting's start, and keeps the matching report."""

import pytest
import requests

from .conftest import SECRET, bodies


def play_url(server, meeting) -> str:
    return f"{server.url}/_sandbox/meetings/{meeting['id']}/play"


def events(received) -> list[tuple]:
    out = []
    for body in bodies(received):
        participant = body["payload"]["object"].get("participant", {})
        at = participant.get("join_time") or participant.get("leave_time")
        out.append((body["event"], at, participant.get("id")))
    return out


def test_held_sends_the_meetings_life_signed_and_in_order(zoom, control, receiver):
    # given a meeting starting at 09:30 UTC
    meeting = zoom.new_meeting(start_time="2030-01-15T09:30:00Z")
    url, received = receiver
    # when the held scenario is played
    answer = control.play(meeting["id"], "held", url, SECRET)
    # then Zoom's webhooks arrive signed, at +1 (host), +3 (guest), +40 (guest leaves), +45
    host = meeting["host_id"]
    assert events(received) == [
        ("meeting.started", None, None),
        ("meeting.participant_joined", "2030-01-15T09:31:00Z", host),
        ("meeting.participant_joined", "2030-01-15T09:33:00Z", ""),
        ("meeting.participant_left", "2030-01-15T10:10:00Z", ""),
        ("meeting.participant_left", "2030-01-15T10:15:00Z", host),
        ("meeting.ended", None, None),
    ]
    assert [sent["status"] for sent in answer["sent"]] == [204] * 6
    # and the participants carry names and e-mails, as Zoom's do
    assert "Mehmet Çağlar Öztürk" in received[2][0].decode()


@pytest.mark.parametrize(
    ("scenario", "joined"),
    [("host_only", ["host"]), ("guest_only", ["guest"]), ("nobody", [])],
)
def test_the_other_scenarios(zoom, control, receiver, scenario, joined):
    meeting = zoom.new_meeting()
    url, received = receiver
    control.play(meeting["id"], scenario, url, SECRET)
    sent = events(received)
    ids = [who for event, _at, who in sent if event == "meeting.participant_joined"]
    assert ids == [meeting["host_id"] if who == "host" else "" for who in joined]
    assert sent[-1][0] == "meeting.ended"


def test_the_report_matches_the_scenario_page_by_page(zoom, control, receiver):
    meeting = zoom.new_meeting(start_time="2030-01-15T09:30:00Z")
    control.play(meeting["id"], "held", receiver[0], SECRET)
    first = zoom.call("GET", f"/report/meetings/{meeting['id']}/participants?page_size=1").json()
    token = first["next_page_token"]
    second = zoom.call(
        "GET", f"/report/meetings/{meeting['id']}/participants?page_size=1&next_page_token={token}"
    ).json()
    assert (first["total_records"], second["next_page_token"]) == (2, "")
    rows = first["participants"] + second["participants"]
    assert [(r["join_time"], r["leave_time"], r["duration"]) for r in rows] == [
        ("2030-01-15T09:31:00Z", "2030-01-15T10:15:00Z", 44 * 60),
        ("2030-01-15T09:33:00Z", "2030-01-15T10:10:00Z", 37 * 60),
    ]
    # the guest, not of the host's account, has a name but no id or e-mail, as in Zoom's report
    assert rows[0]["id"] == meeting["host_id"] and rows[0]["user_email"]
    assert (rows[1]["id"], rows[1]["user_email"]) == ("", "") and rows[1]["name"]


def test_without_a_report_zoom_answers_404_3001(zoom, control, receiver):
    meeting = zoom.new_meeting()
    never_played = zoom.call("GET", f"/report/meetings/{meeting['id']}/participants")
    control.play(meeting["id"], "held", receiver[0], SECRET, report=False)
    played = zoom.call("GET", f"/report/meetings/{meeting['id']}/participants")
    for response in (never_played, played):
        assert (response.status_code, response.json()["code"]) == (404, 3001)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"scenario": "party"}, "scenario must be one of"),
        ({"scenario": "held", "webhook_url": "hooks"}, "webhook_url must be"),
        ({"scenario": "held", "webhook_url": "http://x/", "secret": ""}, "secret must be"),
        ({"scenario": "held", "webhook_url": "http://x/", "secret": "s", "report": 1}, "report"),
    ],
)
def test_a_bad_play_request_is_a_400_naming_the_field(zoom, server, body, message):
    meeting = zoom.new_meeting()
    response = requests.post(play_url(server, meeting), json=body, timeout=15)
    assert response.status_code == 400 and message in response.json()["error"]


def test_a_service_that_cannot_be_reached_is_a_502(zoom, server):
    meeting = zoom.new_meeting()
    body = {"scenario": "held", "webhook_url": "http://127.0.0.1:9/hooks", "secret": "s"}
    response = requests.post(play_url(server, meeting), json=body, timeout=15)
    assert response.status_code == 502 and "meeting.started" in response.json()["error"]
