"""In a real headless Chromium: a view-only staff user (in `Lunova viewers`) is not offered the
admin's "cancel" and a cancel POSTed anyway with their session leaves the appointment as it
was; an operator (in `Lunova operators`) picks it from the list and cancels."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.factories import ready_appointment
from tests.integration.chromium import ARGS, CHROMIUM, needs_chromium
from tests.unit.admin.test_migration_operator_groups import migration
from zoom_worker.models import Appointment

PASSWORD = "yonetim-parola-1"
pytestmark = [
    pytest.mark.django_db(transaction=True),
    needs_chromium,
]


@pytest.fixture
def appointment(expert, client_user):
    # A transactional test empties every table after it, the migration's groups too: made again.
    migration.create_groups(apps, None)
    for name, group in (("izleyici", "Lunova viewers"), ("operator", "Lunova operators")):
        user = get_user_model().objects.create_user(name, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
    return ready_appointment(expert=expert, client=client_user)


def logged_in(browser, base: str, username: str):
    page = browser.new_page(locale="tr-TR")
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{base}/admin/zoom_worker/appointment/")
    return page


def forged_cancel(page, pk: int) -> int:
    """The POST the list's action form would send, made with the page's own session and CSRF
    token: what a user could send without the form offering it."""
    return page.evaluate(
        """async (pk) => {
            const body = new URLSearchParams({
                csrfmiddlewaretoken: document.querySelector("[name=csrfmiddlewaretoken]").value,
                action: "cancel", _selected_action: String(pk), index: "0",
            });
            const response = await fetch(location.pathname, {method: "POST", body});
            return response.status;
        }""",
        pk,
    )


def in_browser(live_server, username: str, act):
    """`act(page)` on the appointments' list, logged in as `username`. (The database is read
    outside: Playwright's sync API runs an event loop, where Django refuses queries.)"""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            return act(logged_in(browser, live_server.url, username))
        finally:
            browser.close()


def offered(page) -> list[str]:
    return page.locator("select[name=action] option").evaluate_all(
        "options => options.map(o => o.value)"
    )


def test_a_viewer_is_refused_the_cancel_an_operator_runs_it(live_server, appointment):
    checkbox = f"input[name=_selected_action][value='{appointment.pk}']"

    def viewer_tries(page):
        # when they look for an action, then post a cancel anyway
        return page.locator(checkbox).count(), offered(page), forged_cancel(page, appointment.pk)

    def operator_cancels(page):
        options = offered(page)
        page.check(checkbox)
        page.select_option("select[name=action]", "cancel")
        page.click("button[name=index]")
        return options, page.locator(".messagelist").inner_text()

    # given the view-only user on the appointments' list
    selectable, viewer_options, forged = in_browser(live_server, "izleyici", viewer_tries)
    # then they saw no action and nothing to select, and their post changed nothing
    assert (selectable, viewer_options) == (0, [])
    assert forged == 200
    assert Appointment.objects.get(pk=appointment.pk).status == Appointment.Status.PENDING
    # when the operator selects the appointment and runs "cancel" from the list
    operator_options, message = in_browser(live_server, "operator", operator_cancels)
    # then it was offered and the appointment is cancelled
    assert {"cancel", "resync"} <= set(operator_options)
    assert "1" in message
    assert Appointment.objects.get(pk=appointment.pk).status == Appointment.Status.CANCELLED
