"""`createuser` holds a password to Django's validators (common, similar to the user, all digits,
under 10 characters): a weak one is refused with one line and nothing is written."""

import pytest
from django.core.management import CommandError, call_command

from lunova.users.models import User


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "reason"),
    [
        pytest.param("kisa-1", "En az 10 karakter", id="under 10 characters"),
        pytest.param("2024061512", "tamamıyla sayısal", id="all digits"),
        pytest.param("password123", "çok genel", id="a common password"),
        pytest.param("ayse.yilmaz", "kullanıcı adı ile çok benzer", id="the user's own name"),
    ],
)
def test_a_weak_password_is_refused_and_nothing_written(password, reason):
    # when an expert is created with a weak password
    with pytest.raises(CommandError) as refused:
        call_command(
            "createuser",
            "ayse.yilmaz",
            "--role",
            "expert",
            "--password",
            password,
            "--first-name",
            "Ayşe",
            "--last-name",
            "Yılmaz",
        )
    # then it is refused with a one-line reason naming the rule (in Turkish), and no user exists
    assert "\n" not in str(refused.value)
    assert reason in str(refused.value)
    assert not User.objects.exists()
