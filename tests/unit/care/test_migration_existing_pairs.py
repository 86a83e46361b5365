"""The migration records a `migrated` relation for every expert and client who already share an
appointment, once per pair, leaving a pair related already as it is."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.apps import apps
from django.utils import timezone

from tests.factories import related
from zoom_worker.appointments.services import appointment_create
from zoom_worker.models import CareRelation

migration = import_module("zoom_worker.migrations.0013_care_relations_existing_pairs")


@pytest.mark.django_db
def test_each_pair_sharing_an_appointment_is_related_once(expert, client_user, other_client):
    # given two appointments of one pair and one of another, booked before relations existed
    related(expert=expert, client=other_client)
    start = timezone.now() + timedelta(days=1)
    for client in (client_user, client_user, other_client):
        appointment_create(expert=expert, client=client, start_time=start)
    CareRelation.objects.all().delete()
    # and one pair related already
    kept = related(expert=expert, client=other_client)
    # when the migration runs
    migration.record_existing_pairs(apps, None)
    # then the unrelated pair has one migrated relation, the related one only its own
    relations = CareRelation.objects.values_list("client", "consent_version")
    assert sorted(relations) == sorted([(client_user.pk, "migrated"), (other_client.pk, "test")])
    assert CareRelation.objects.get(client=other_client) == kept
