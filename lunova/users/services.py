from django.contrib.auth import get_user_model
from django.db import transaction

User = get_user_model()


class UserError(ValueError):
    """A user cannot be created as asked; the message says why in one line."""


@transaction.atomic
def user_create(
    *,
    username: str,
    role: str,
    password: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    zoom_user: str = "",
):
    if role not in User.Role.values:
        raise UserError(f"unknown role {role!r}: choose one of {', '.join(User.Role.values)}")
    if User.objects.filter(username=username).exists():
        raise UserError(f"user {username!r} already exists")
    if zoom_user and role != User.Role.EXPERT:
        raise UserError("only an expert can have a Zoom user")
    return User.objects.create_user(
        username=username,
        password=password,
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=role,
        zoom_user=zoom_user,
    )
