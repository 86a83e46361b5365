"""The admin reads like Lunova's: its name, Istanbul times said so, pages to read, Turkish."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories import ready_appointment
from zoom_worker.models import SyncAttempt, ZoomCallOutcome


@pytest.fixture
def appointment(expert, client_user):
    start = datetime(2030, 1, 15, 13, 0, tzinfo=ZoneInfo("Europe/Istanbul"))
    appointment = ready_appointment(expert=expert, client=client_user, start_time=start)
    SyncAttempt.objects.create(
        meeting=appointment.meeting,
        action="create",
        started_at=datetime(2030, 1, 1, 9, 0, 5, 123456, tzinfo=ZoneInfo("UTC")),
        duration_ms=184,
        outcome=ZoomCallOutcome.OK,
        http_status=201,
    )
    return appointment


def page(operator, appointment) -> str:
    response = operator.get(f"/admin/zoom_worker/appointment/{appointment.pk}/change/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_appointment_page_shows_the_meeting_in_istanbul_time(operator, appointment):
    html = page(operator, appointment)
    # then the 13:00 Istanbul session reads 13:00, and the zone is named
    assert "15.01.2030 13:00:00" in html
    assert "(Europe/Istanbul)" in html
    assert "Lunova Görüşmesi" in html  # the topic
    assert "Süre (dakika)" in html and '<div class="readonly">45</div>' in html
    assert "Katılım bağlantısı var" in html


def test_the_zoom_call_table_is_readable(operator, appointment):
    html = page(operator, appointment)
    # the call made at 09:00:05 UTC reads 12:00:05 in Istanbul, without microseconds or None
    assert "01.01.2030 12:00:05" in html
    assert "123456" not in html
    assert "None" not in html
    assert "başarılı" in html  # the outcome, in Turkish


def test_read_only_pages_have_no_save_button(operator, appointment):
    html = page(operator, appointment)
    assert 'name="_save"' not in html
    assert "Lunova" in html and "Django" not in html


def test_the_two_status_filters_have_their_own_titles(operator, appointment):
    html = operator.get("/admin/zoom_worker/appointment/").content.decode()
    assert "randevu durumu" in html
    assert "toplantı durumu" in html
