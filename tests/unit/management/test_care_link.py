"""`manage.py care_link EXPERT CLIENT`: one line; an active relation already is no error; bad
input exits non-zero with a one-line reason."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zoom_worker.models import CareRelation


def care_link(*args) -> str:
    out = StringIO()
    call_command("care_link", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_an_operator_records_a_relation_then_is_told_it_is_there(other_expert, other_client):
    # when the operator links a client to an expert, twice
    first, second = care_link("zeynep", "ali"), care_link("zeynep", "ali")
    # then one relation is recorded, by the operator, and each run prints one line
    relation = CareRelation.objects.get(expert=other_expert, client=other_client)
    assert relation.consent_version == "operator" and relation.ended_at is None
    assert first == f"bakım ilişkisi {relation.pk} kaydedildi: danışan ali, uzman zeynep'i seçti\n"
    assert second == (f"bakım ilişkisi {relation.pk} zaten sürüyor: danışan ali ve uzman zeynep\n")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("nobody", "ali"), "expert 'nobody': Etkin bir uzman seçin."),
        (("ali", "ali"), "expert 'ali': Etkin bir uzman seçin."),
        (("zeynep", "nobody"), "client 'nobody': Uzmanı yalnızca etkin bir danışan seçebilir."),
        (("zeynep", "zeynep"), "client 'zeynep': Uzmanı yalnızca etkin bir danışan seçebilir."),
    ],
)
def test_bad_input_is_refused_with_one_line(other_expert, other_client, args, reason):
    with pytest.raises(CommandError) as refused:
        care_link(*args)
    assert str(refused.value) == reason
    assert not CareRelation.objects.filter(client=other_client).exists()
