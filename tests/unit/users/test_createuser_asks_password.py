"""Without --password, `createuser` asks for it (twice, unseen) on a terminal, and reads one line
of standard input otherwise, so a password need not sit in the shell's history."""

import io

import pytest
from django.core.management import CommandError, call_command

from lunova.users.models import User

PASSWORD = "danisan-parola-9"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def create(stdin) -> None:
    call_command("createuser", "mehmet", "--role", "client", stdin=stdin)


@pytest.mark.django_db
def test_the_password_is_read_from_standard_input_when_piped():
    # when the password comes on standard input
    create(io.StringIO(f"{PASSWORD}\n"))
    # then the user is created with it
    assert User.objects.get(username="mehmet").check_password(PASSWORD)


@pytest.mark.django_db
def test_on_a_terminal_the_password_is_asked_twice(monkeypatch):
    # given a person typing the password twice at the prompts
    prompts = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: prompts.append(prompt) or PASSWORD)
    # when the command runs on a terminal
    create(Terminal())
    # then both prompts were shown and the user has that password
    assert len(prompts) == 2
    assert User.objects.get(username="mehmet").check_password(PASSWORD)


@pytest.mark.django_db
def test_two_different_answers_create_nothing(monkeypatch):
    answers = iter([PASSWORD, "danisan-parola-8"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    with pytest.raises(CommandError):
        create(Terminal())
    assert not User.objects.exists()


@pytest.mark.django_db
def test_a_weak_password_on_standard_input_is_refused():
    with pytest.raises(CommandError):
        create(io.StringIO("123456\n"))
    assert not User.objects.exists()
