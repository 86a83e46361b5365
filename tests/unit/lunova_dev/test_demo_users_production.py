"""`manage.py demo_users` refuses to run in production: known passwords never reach a real
installation."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command


@pytest.mark.django_db
def test_it_refuses_with_lunova_production_on_and_writes_nothing(settings):
    settings.LUNOVA_PRODUCTION = True
    with pytest.raises(CommandError, match="LUNOVA_PRODUCTION"):
        call_command("demo_users")
    assert not get_user_model().objects.exists()
