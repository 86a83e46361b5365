"""The sync-health page is for staff: anyone else is sent to the admin's login."""

from django.contrib.auth import get_user_model


def test_only_staff_see_the_health_page(db, client, expert):
    # given no login, then a non-staff user's
    assert client.get("/admin/sync-health/").status_code == 302
    client.force_login(expert)
    response = client.get("/admin/sync-health/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    # when staff log in, then the page answers with every section
    staff = get_user_model().objects.create_superuser("operator", "op@example.com", "op-p-1")
    client.force_login(staff)
    html = client.get("/admin/sync-health/").content.decode()
    sections = ("by-status", "pending-age", "failures-24h", "calls-hour", "oldest-pending")
    for section in (*sections, "platform-events"):
        assert f'id="{section}"' in html
