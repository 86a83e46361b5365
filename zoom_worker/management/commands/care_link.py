"""`manage.py care_link EXPERT CLIENT`: an operator records that the client chose the expert
(usernames), e.g. for a consent the client gave outside the platform. The write is the service's."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zoom_worker.appointments.selectors import user_or_none
from zoom_worker.care.services import care_relation_create

# The consent version of a relation an operator records.
RECORDED_BY_OPERATOR = "operator"


class Command(BaseCommand):
    help = "Record that CLIENT chose EXPERT (usernames), so the expert may book the client."

    def add_arguments(self, parser):
        parser.add_argument("expert", help="the expert's username")
        parser.add_argument("client", help="the client's username")

    def handle(self, *args, expert: str, client: str, **options):
        names = {"expert": expert, "client": client}
        try:
            relation, created = care_relation_create(
                expert=user_or_none(username=expert),
                client=user_or_none(username=client),
                consent_version=RECORDED_BY_OPERATOR,
            )
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            raise CommandError(f"{field} {names[field]!r}: {messages[0]}") from exc
        line = (
            _("care relation %(id)d recorded: client %(client)s chose expert %(expert)s")
            if created
            else _("care relation %(id)d already active: client %(client)s and expert %(expert)s")
        )
        self.stdout.write(line % {"id": relation.pk, "client": client, "expert": expert})
