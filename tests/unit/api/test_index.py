"""GET /api/v1/ answers links without a token; / leads to the API docs."""

import pytest


@pytest.mark.django_db
def test_the_api_root_lists_links_without_a_token(client):
    # given no credentials
    # when the API's root is asked
    response = client.get("/api/v1/")
    # then it answers the links, each one absolute
    assert response.status_code == 200
    links = response.json()
    assert links["appointments"] == "http://testserver/api/v1/appointments/"
    assert links["docs"] == "http://testserver/api/docs/"
    assert links["health"] == "http://testserver/healthz"


@pytest.mark.django_db
def test_the_site_root_redirects_to_the_docs(client):
    # when / is asked
    response = client.get("/")
    # then it redirects to Swagger UI
    assert response.status_code == 302
    assert response["Location"] == "/api/docs/"
