"""Reads of care relations: only the relations the caller is a side of."""

from django.db.models import QuerySet
from django.http import Http404

from zoom_worker.models import CareRelation


def care_relation_list(*, user, ended: bool = False) -> QuerySet[CareRelation]:
    """The user's active relations; with `ended`, the ended ones too."""
    relations = CareRelation.objects.of_participant(user).select_related("expert", "client")
    return relations if ended else relations.active()


def care_relation_get(*, user, pk: int) -> CareRelation:
    """One relation of the user's; anyone else gets a 404, so existence is not revealed."""
    try:
        return care_relation_list(user=user, ended=True).get(pk=pk)
    except CareRelation.DoesNotExist:
        raise Http404 from None
