"""After migrate two groups exist: `Lunova operators` view every record and hold every admin
action's permission, `Lunova viewers` only view; running the migration again changes nothing."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

migration = import_module("zoom_worker.migrations.0017_operator_groups")

ACTIONS = {
    "zoom_worker.cancel_appointment",
    "zoom_worker.resync_meeting",
    "zoom_worker.disable_zoomhost",
    "zoom_worker.enable_zoomhost",
    "zoom_worker.redeliver_platformevent",
}


def held(name: str) -> set[str]:
    permissions = Group.objects.get(name=name).permissions.select_related("content_type")
    return {f"{p.content_type.app_label}.{p.codename}" for p in permissions}


def views() -> set[str]:
    return {
        f"{model._meta.app_label}.view_{model._meta.model_name}"
        for label in ("zoom_worker", "users")
        for model in apps.get_app_config(label).get_models()
    }


@pytest.mark.django_db
def test_operators_view_everything_and_run_every_action_viewers_only_view():
    # given a migrated database (the test database)
    # then viewers hold the view permission of every model, nothing else
    assert held("Lunova viewers") == views()
    assert "zoom_worker.view_appointment" in views() and "users.view_user" in views()
    # and operators hold those and every admin action's permission, nothing else
    assert held("Lunova operators") == views() | ACTIONS


@pytest.mark.django_db
def test_running_it_again_changes_nothing():
    before = (held("Lunova operators"), held("Lunova viewers"))
    migration.create_groups(apps, None)
    assert (held("Lunova operators"), held("Lunova viewers")) == before
    assert Group.objects.filter(name__startswith="Lunova").count() == 2
