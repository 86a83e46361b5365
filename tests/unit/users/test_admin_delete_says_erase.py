"""Deleting a user who took part in a session is refused in the admin with the way to erase
their data, instead of Django's page of protected objects; others can still be deleted."""

import pytest

from tests.factories import ready_appointment


@pytest.mark.django_db
def test_a_client_with_a_session_is_pointed_to_erasure(admin_client, expert, client_user):
    # given a client who has a session
    ready_appointment(expert=expert, client=client_user)
    # when an operator asks to delete them
    response = admin_client.get(f"/admin/users/user/{client_user.pk}/delete/", follow=True)
    # then the user stays and the page says how to erase their data
    assert response.status_code == 200
    assert f"personal_data erase {client_user.pk} --yes" in response.content.decode()
    assert type(client_user).objects.filter(pk=client_user.pk).exists()


@pytest.mark.django_db
def test_a_user_without_sessions_can_still_be_deleted(admin_client, other_client):
    response = admin_client.post(f"/admin/users/user/{other_client.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not type(other_client).objects.filter(pk=other_client.pk).exists()


@pytest.mark.django_db
def test_there_is_no_bulk_delete(admin_client, client_user):
    response = admin_client.get("/admin/users/user/")
    assert "delete_selected" not in response.content.decode()
