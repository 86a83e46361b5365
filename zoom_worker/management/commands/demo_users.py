from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from lunova.users.services import user_create

DEMO_USERS = (
    {
        "username": "uzman",
        "password": "uzman-demo-1",
        "role": "expert",
        "first_name": "Uzm. Dr. Ayşe",
        "last_name": "Yılmaz",
    },
    {
        "username": "danisan",
        "password": "danisan-demo-1",
        "role": "client",
        "first_name": "Mehmet",
        "last_name": "Demir",
    },
)


class Command(BaseCommand):
    help = "Create the demo expert and client once, printing their credentials when created."

    def handle(self, *args, **options):
        users = get_user_model().objects
        for demo in DEMO_USERS:
            if users.filter(username=demo["username"]).exists():
                continue
            user = user_create(**demo)
            self.stdout.write(
                f"demo {user.role}: username {demo['username']} password {demo['password']} "
                f"(id {user.pk})"
            )
