"""The export: every record the service holds about the person, the same document from the API
and the command, nothing of anyone else, and a record that it was made."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.unit.personal_data.conftest import NOTES, OTHER_NOTES, TOPIC
from zoom_worker.models import PersonalDataRequest, PlatformEvent

URL = "/api/v1/auth/me/data/"


@pytest.mark.django_db
def test_the_client_gets_every_record_of_theirs_and_nothing_of_another(api, client_user, lived):
    # given a client with a past and a coming session, events, a webhook, attendance
    # when they ask for their data
    response = api(client_user).get(URL)
    # then the document holds their user record without the password hash
    assert response.status_code == 200, response.content
    document = response.json()
    assert document["user"]["username"] == "mehmet"
    assert document["user"]["email"] == "mehmet@example.com"
    assert document["user"]["first_name"] == "Mehmet"
    assert "password" not in document["user"]
    # and both their appointments as the API shows them, notes, topic and attendance included
    shown = {row["id"]: row for row in document["appointments"]}
    assert set(shown) == {lived.past.pk, lived.ahead.pk}
    assert shown[lived.past.pk]["topic"] == TOPIC
    assert shown[lived.past.pk]["notes"] == NOTES
    assert shown[lived.past.pk]["attendance"]["outcome"] == "held"
    # and their care relation with the consent they gave
    [relation] = document["care_relations"]
    assert relation["expert"]["username"] == "ayse"
    assert relation["consented_at"].endswith("Z") and relation["ended_at"] is None
    # and the events sent about them, and the time of export
    past_events = PlatformEvent.objects.filter(meeting=lived.past.meeting)
    assert [event["id"] for event in document["platform_events"]] == [
        str(event.pk) for event in past_events
    ]
    assert document["exported_at"].endswith("Z")
    # and nothing of the other client's session with the same expert
    text = json.dumps(document, ensure_ascii=False)
    assert OTHER_NOTES not in text and "ali@example.com" not in text
    assert lived.others.meeting.zoom_meeting_id not in text
    # and no start link, whoever asks
    assert all(row["meeting"]["start_url"] is None for row in document["appointments"])


@pytest.mark.django_db
def test_the_expert_gets_their_standalone_meetings_too(api, expert, lived):
    document = api(expert).get(URL).json()
    assert [meeting["id"] for meeting in document["meetings"]] == [lived.standalone.pk]
    assert {row["id"] for row in document["appointments"]} == {
        lived.past.pk,
        lived.ahead.pk,
        lived.others.pk,
    }


@pytest.mark.django_db
def test_the_command_writes_the_same_document(api, client_user, expert, lived, tmp_path):
    # given the document the API gives the client
    by_api = api(client_user).get(URL).json()
    # when an operator exports the same user by id into a file
    output = tmp_path / "mehmet.json"
    call_command("personal_data", "export", str(client_user.pk), "--output", str(output))
    by_command = json.loads(output.read_text(encoding="utf-8"))
    # then it is the same document, but for its time of export
    by_api.pop("exported_at"), by_command.pop("exported_at")
    assert by_command == by_api


@pytest.mark.django_db
def test_each_export_is_recorded_without_its_content(api, client_user, expert, lived, capsys):
    # when the client exports their data, then an operator does by username
    api(client_user).get(URL)
    call_command("personal_data", "export", "mehmet", "--operator", "ayse")
    # then two records say who asked for whose data, and nothing else
    records = list(PersonalDataRequest.objects.order_by("at", "id").values())
    assert [(r["action"], r["via"], r["subject_id"], r["operator_id"]) for r in records] == [
        ("export", "api", client_user.pk, client_user.pk),
        ("export", "command", client_user.pk, expert.pk),
    ]
    assert NOTES in capsys.readouterr().out


@pytest.mark.django_db
def test_an_unknown_user_is_one_clear_line(db):
    with pytest.raises(CommandError, match="nobody"):
        call_command("personal_data", "export", "nobody")


def test_the_export_needs_a_login(client):
    assert client.get(URL).status_code == 401
