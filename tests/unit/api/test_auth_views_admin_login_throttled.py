"""The admin's login is throttled per username and per address (LUNOVA_THROTTLE_LOGIN, 10/min by
default), with the refusal shown on the admin's login page and answered 429."""

import pytest
from django.test import Client

from lunova.users.models import User

LOGIN = "/admin/login/"
PASSWORD = "operator-parola-1"


@pytest.fixture
def operator(db):
    return User.objects.create_superuser("operator", password=PASSWORD)


def attempt(username: str, password: str, address: str, **headers):
    browser = Client(REMOTE_ADDR=address, **headers)
    response = browser.post(LOGIN, {"username": username, "password": password})
    return browser, response


def test_wrong_passwords_for_one_operator_from_many_addresses_are_throttled(operator):
    # given ten wrong passwords for the operator, each from another address
    codes = [attempt("operator", f"guess-{i}", f"10.5.{i}.1")[1].status_code for i in range(10)]
    assert codes == [200] * 10  # the login page again, with "wrong password"
    # when the right password comes next, from yet another address
    browser, response = attempt("operator", PASSWORD, "192.0.2.50")
    # then it is refused on the login page, in Turkish, and nobody is logged in
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Çok fazla giriş denemesi" in response.content.decode()
    assert '<form action="/admin/login/' in response.content.decode()
    assert browser.get("/admin/").status_code == 302


def test_many_usernames_from_one_address_are_throttled(operator):
    # given ten attempts at other usernames from one address
    for i in range(10):
        attempt(f"user{i}", "x", "198.51.100.9")
    # when the operator's own right password comes from that address
    browser, response = attempt("operator", PASSWORD, "198.51.100.9", HTTP_ACCEPT_LANGUAGE="en")
    # then it is refused, in the reader's language
    assert response.status_code == 429
    assert "Too many login attempts" in response.content.decode()
    assert browser.get("/admin/").status_code == 302


def test_a_login_within_the_limit_goes_through(operator):
    # given a few wrong passwords
    for i in range(3):
        attempt("operator", f"guess-{i}", "203.0.113.5")
    # when the right one comes
    browser, response = attempt("operator", PASSWORD, "203.0.113.5")
    # then the operator is in
    assert response.status_code == 302
    assert browser.get("/admin/").status_code == 200
