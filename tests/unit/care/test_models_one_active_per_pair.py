"""The database holds at most one active relation per expert and client; ended ones pile up."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from zoom_worker.models import CareRelation


@pytest.mark.django_db
def test_a_second_active_relation_of_a_pair_is_refused(expert, client_user):
    # given the pair's active relation (made by the client_user fixture)
    # when a second active one is written past the service
    with pytest.raises(IntegrityError), transaction.atomic():
        CareRelation.objects.create(expert=expert, client=client_user, consented_at=timezone.now())
    # then only ended relations may join it
    CareRelation.objects.filter(expert=expert, client=client_user).update(ended_at=timezone.now())
    CareRelation.objects.create(expert=expert, client=client_user, consented_at=timezone.now())
    assert CareRelation.objects.filter(expert=expert, client=client_user).count() == 2
