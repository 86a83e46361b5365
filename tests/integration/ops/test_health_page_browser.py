"""The sync-health page, opened in a real headless Chromium by a logged-in operator, shows the
figures the database holds."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from tests.factories import ready_appointment
from zoom_worker.appointments.services import appointment_create
from zoom_worker.models import Meeting, PlatformEvent, SyncAttempt

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def known_data(expert, client_user):
    now = timezone.now()
    ready = ready_appointment(expert=expert, client=client_user)
    for _i in range(3):
        appointment_create(
            expert=expert, client=client_user, start_time=now + timedelta(days=2 + _i)
        )
    failed = appointment_create(
        expert=expert, client=client_user, start_time=now + timedelta(days=9)
    )
    Meeting.objects.filter(pk=failed.meeting.pk).update(status=Meeting.Status.FAILED)
    # the oldest pending meeting was booked 40 minutes ago
    oldest = Meeting.objects.filter(status=Meeting.Status.PENDING).order_by("pk").first()
    Meeting.objects.filter(pk=oldest.pk).update(created_at=now - timedelta(minutes=40))
    calls = [
        ("ok", 201, None),
        ("rate_limited", 429, 429),
        ("permanent", 404, 1001),
        ("ok", 201, None),
    ]
    for minutes, (outcome, status, code) in enumerate(calls):
        SyncAttempt.objects.create(
            meeting=ready.meeting,
            action="create",
            started_at=now - timedelta(minutes=minutes * 5),
            duration_ms=100,
            outcome=outcome,
            http_status=status,
            zoom_code=code,
        )
    # two platform events waiting (the older for 12 minutes), one refused for good, one delivered
    for sequence, (state, minutes) in enumerate(
        [("pending", 12), ("pending", 1), ("failed", 30), ("delivered", 50)], start=1
    ):
        event = PlatformEvent.objects.create(
            type="meeting.ready", meeting=ready.meeting, sequence=sequence, state=state
        )
        PlatformEvent.objects.filter(pk=event.pk).update(
            created_at=now - timedelta(minutes=minutes)
        )
    get_user_model().objects.create_superuser("operator", "op@example.com", "op-parola-1")
    return oldest


def test_the_health_page_shows_the_databases_figures(live_server, known_data):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(locale="tr-TR")
            # given an operator logged in through the admin's login form
            page.goto(f"{live_server.url}/admin/login/")
            page.fill("#id_username", "operator")
            page.fill("#id_password", "op-parola-1")
            page.click("input[type=submit]")
            # when they follow the index's link to the health page
            page.click("#sync-health-link a")
            figures = {
                cell.get_attribute("data-figure"): cell.inner_text()
                for cell in page.query_selector_all("[data-figure]")
            }
            title = page.title()
        finally:
            browser.close()
    # then each figure shown is the database's
    for status in Meeting.Status:
        assert figures[f"by-status:{status}"] == str(Meeting.objects.filter(status=status).count())
    assert figures["by-status:pending"] == "3"
    assert figures["pending-age:0"] == "2"  # the two just booked
    assert figures["pending-age:3"] == "1"  # 30 minutes to 2 hours
    assert figures["failures-24h:429"] == "1"
    assert figures["failures-24h:1001"] == "1"
    assert figures["calls-hour:calls"] == str(SyncAttempt.objects.count())
    assert figures["calls-hour:share-429"] == "25,0"  # Turkish decimal comma
    assert figures["oldest-pending:meeting"] == str(known_data.pk)
    assert figures["oldest-pending:minutes"] == "40"
    assert figures["platform-events:pending"] == "2"
    assert figures["platform-events:failed"] == "1"
    assert figures["platform-events:oldest-minutes"] == "12"
    assert "Lunova" in title
