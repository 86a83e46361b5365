from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from lunova.users.services import user_create
from zoom_worker.care.services import care_relation_create
from zoom_worker.pool.hosts import zoom_host_seed

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
# Logs in to /admin/: staff and superuser, with neither API role.
DEMO_OPERATOR = {"username": "operator", "password": "operator-demo-1"}
# Licensed users of the stand-in's account, so bookings at one hour show the pool handing out
# seats: four at once fit, the fifth is refused.
DEMO_POOL = [
    ("host1@sandbox.lunova.test", 1),
    ("host2@sandbox.lunova.test", 1),
    ("host3@sandbox.lunova.test", 2),
]


class Command(BaseCommand):
    help = (
        "Create the demo expert, client and admin operator once, printing their credentials "
        "when created, the client having chosen the expert; with the Zoom stand-in, a demo "
        "host pool too."
    )

    def handle(self, *args, **options):
        users = get_user_model().objects
        for demo in DEMO_USERS:
            if users.filter(username=demo["username"]).exists():
                continue
            user = user_create(**demo)
            self._print(user.role, demo)
        expert, client = (users.get(username=demo["username"]) for demo in DEMO_USERS)
        _relation, created = care_relation_create(
            client=client, expert=expert, consent_version="demo"
        )
        if created:
            self.stdout.write(f"demo care relation: {client.username} chose {expert.username}")
        if not users.filter(username=DEMO_OPERATOR["username"]).exists():
            users.create_superuser(email="", role="", **DEMO_OPERATOR)
            self._print("operator", DEMO_OPERATOR)
        if settings.ZOOM_USE_SANDBOX:
            for host in zoom_host_seed(hosts=DEMO_POOL):
                self.stdout.write(f"demo pool host: {host.user} concurrency {host.concurrency}")

    def _print(self, role: str, demo: dict) -> None:
        self.stdout.write(f"demo {role}: username {demo['username']} password {demo['password']}")
