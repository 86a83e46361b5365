"""`manage.py createuser`: exit 0 on success, one-line reason and non-zero otherwise."""

import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from lunova.users.models import User


@pytest.mark.django_db
def test_creates_an_expert_with_a_zoom_user(capsys):
    call_command(
        "createuser",
        "ayse",
        "--role",
        "expert",
        "--password",
        "uzman-parola-1",
        "--email",
        "ayse@example.com",
        "--first-name",
        "Ayşe",
        "--last-name",
        "Yılmaz",
        "--zoom-user",
        "ayse.zoom@example.com",
    )
    user = User.objects.get(username="ayse")
    assert user.role == "expert" and user.zoom_user == "ayse.zoom@example.com"
    assert user.get_full_name() == "Ayşe Yılmaz"
    assert user.check_password("uzman-parola-1")
    assert f"id {user.pk}" in capsys.readouterr().out


@pytest.mark.django_db
def test_an_existing_username_is_refused():
    call_command("createuser", "mehmet", "--role", "client", "--password", "danisan-parola-9")
    with pytest.raises(CommandError, match="already exists"):
        call_command("createuser", "mehmet", "--role", "client", "--password", "danisan-parola-9")
    assert User.objects.filter(username="mehmet").count() == 1


@pytest.mark.django_db
def test_a_client_cannot_have_a_zoom_user():
    with pytest.raises(CommandError, match="only an expert"):
        call_command(
            "createuser",
            "ali",
            "--role",
            "client",
            "--password",
            "danisan-parola-9",
            "--zoom-user",
            "ali@example.com",
        )
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        pytest.param(["--role", "admin", "--password", "p"], "invalid choice: 'admin'", id="role"),
        pytest.param(["--role", "client", "--password", "123"], "En az 10 karakter", id="weak"),
    ],
)
def test_bad_input_exits_non_zero_with_one_line(args, says):
    result = subprocess.run(
        [sys.executable, "manage.py", "createuser", "x", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    # The reason is the last line (argparse prints its usage above it).
    assert says in result.stderr.strip().splitlines()[-1]
    assert result.stdout == ""
