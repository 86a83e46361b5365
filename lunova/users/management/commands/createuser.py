import getpass
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from lunova.command_logs import ResultCommand
from lunova.users.services import UserError, user_create


class Command(ResultCommand):
    help = (
        "Create an expert or a client: createuser USERNAME --role {expert,client} [--password PW]; "
        "without --password it asks (or reads one line from standard input when not a terminal)"
    )
    # Tests hand the command a standard input of their own.
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=["expert", "client"])
        parser.add_argument(
            "--password", help="left out: asked for, so it stays out of the shell's history"
        )
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--zoom-user", default="", help="an expert's own Zoom user (e-mail) to host meetings"
        )

    def handle(self, *args, **options):
        password = options["password"]
        if password is None:
            password = self._ask_password(options.get("stdin") or sys.stdin)
        fields = {
            "username": options["username"],
            "email": options["email"],
            "first_name": options["first_name"],
            "last_name": options["last_name"],
        }
        try:
            # The user as it would be, so the similarity rule compares against its names.
            validate_password(password, user=get_user_model()(**fields))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        try:
            user = user_create(
                **fields, role=options["role"], password=password, zoom_user=options["zoom_user"]
            )
        except UserError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"created {user.role} {user.username} (id {user.pk})")

    @staticmethod
    def _ask_password(stdin) -> str:
        if not stdin.isatty():
            # Piped in (a script, a secret store): its first line, without the line break.
            return stdin.readline().rstrip("\r\n")
        password = getpass.getpass(_("Password: "))
        if getpass.getpass(_("Password (again): ")) != password:
            raise CommandError(_("The two passwords differ; nothing was created."))
        return password
