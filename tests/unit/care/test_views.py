"""/api/v1/care-relations/: a client chooses an expert, both sides list it, either side ends it."""

import pytest

from tests.factories import related
from zoom_worker.models import CareRelation

URL = "/api/v1/care-relations/"


@pytest.mark.django_db
def test_a_client_chooses_an_expert_once(api, other_expert, other_client):
    # given a client who chose nobody yet
    # when they choose an expert, twice
    first = api(other_client).post(
        URL, {"expert": other_expert.pk, "consent_version": "2026-11"}, format="json"
    )
    second = api(other_client).post(URL, {"expert": other_expert.pk}, format="json")
    # then the first records the consent (201) and the second answers the same relation (200)
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["expert"] == {"id": other_expert.pk, "username": "zeynep", "name": "zeynep"}
    assert body["client"]["id"] == other_client.pk
    assert body["consent_version"] == "2026-11"
    assert body["consented_at"].endswith("Z")
    assert body["ended_at"] is None
    assert second.status_code == 200
    assert second.json() == body
    assert CareRelation.objects.filter(client=other_client).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["a client", "nobody", "an inactive expert"])
def test_only_an_active_expert_can_be_chosen(api, other_client, client_user, other_expert, who):
    # given an id that is not an active expert's
    if who == "an inactive expert":
        other_expert.is_active = False
        other_expert.save()
    pk = {"a client": client_user.pk, "nobody": 10**6}.get(who, other_expert.pk)
    # when a client chooses it
    answer = api(other_client).post(URL, {"expert": pk}, format="json")
    # then it is a 400 on `expert`, and nothing is recorded
    assert answer.status_code == 400
    assert answer.json() == {"expert": ["Etkin bir uzman seçin."]}
    assert not CareRelation.objects.filter(client=other_client).exists()


@pytest.mark.django_db
def test_an_expert_cannot_choose(api, expert, other_expert):
    answer = api(expert).post(URL, {"expert": other_expert.pk}, format="json")
    assert answer.status_code == 403


@pytest.mark.django_db
def test_a_consent_version_over_40_characters_is_refused(api, other_expert, other_client):
    answer = api(other_client).post(
        URL, {"expert": other_expert.pk, "consent_version": "v" * 41}, format="json"
    )
    assert answer.status_code == 400
    assert list(answer.json()) == ["consent_version"]


@pytest.mark.django_db
def test_each_side_lists_its_active_relations_and_ended_on_request(
    api, expert, client_user, other_expert, other_client
):
    # given the client chose two experts and ended the relation with the second
    ended = related(expert=other_expert, client=client_user)
    assert api(client_user).delete(f"{URL}{ended.pk}/").status_code == 204
    related(expert=expert, client=other_client)

    # when each side lists
    def experts(user, query=""):
        return sorted(r["expert"]["id"] for r in api(user).get(URL + query).json()["results"])

    def clients(user, query=""):
        return sorted(r["client"]["id"] for r in api(user).get(URL + query).json()["results"])

    # then the client sees the active one, both with ?ended=true; the expert their two clients
    assert experts(client_user) == [expert.pk]
    assert experts(client_user, "?ended=true") == sorted([expert.pk, other_expert.pk])
    assert clients(expert) == sorted([client_user.pk, other_client.pk])
    assert clients(other_expert) == []
    assert clients(other_expert, "?ended=true") == [client_user.pk]
    # and the ended one keeps its record, with when it ended
    [record] = api(other_expert).get(URL + "?ended=true").json()["results"]
    assert record["ended_at"] is not None


@pytest.mark.django_db
def test_ending_leaves_the_record_and_a_third_party_gets_404(
    api, expert, client_user, other_expert, other_client
):
    # given the relation of expert and client
    relation = CareRelation.objects.get(expert=expert, client=client_user)
    # when someone else tries to end it, then the expert does
    strangers = [
        api(u).delete(f"{URL}{relation.pk}/").status_code for u in (other_expert, other_client)
    ]
    ended = api(expert).delete(f"{URL}{relation.pk}/")
    # then the others get 404 and the expert 204; the row stays, ended
    assert strangers == [404, 404]
    assert ended.status_code == 204
    relation.refresh_from_db()
    assert relation.ended_at is not None
    # and a new choice makes a new relation, the old record kept
    again = api(client_user).post(URL, {"expert": expert.pk}, format="json")
    assert again.status_code == 201
    assert CareRelation.objects.filter(expert=expert, client=client_user).count() == 2
