"""Unit test fixtures shared across domains: an operator (a superuser) logged in to the admin."""

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def operator(db, client):
    admin = get_user_model().objects.create_superuser("operator", "op@example.com", "op-parola-1")
    client.force_login(admin)
    return client
