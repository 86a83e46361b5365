from django.core.management.base import BaseCommand, CommandError

from lunova.users.services import UserError, user_create


class Command(BaseCommand):
    help = "Create an expert or a client: createuser USERNAME --role {expert,client} --password PW"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=["expert", "client"])
        parser.add_argument("--password", required=True)
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--zoom-user", default="", help="an expert's own Zoom user (e-mail) to host meetings"
        )

    def handle(self, *args, **options):
        try:
            user = user_create(
                username=options["username"],
                role=options["role"],
                password=options["password"],
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                zoom_user=options["zoom_user"],
            )
        except UserError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"created {user.role} {user.username} (id {user.pk})")
