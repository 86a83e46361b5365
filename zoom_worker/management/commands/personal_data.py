"""`manage.py personal_data export USER [--output FILE] | erase USER --yes`, with
`--operator USER` naming who runs it: answer a person's request to see or erase their data.
USER is a username or a numeric user id. Both are recorded (whose, by whom, when)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from zoom_worker.models import PersonalDataRequest
from zoom_worker.personal_data.erasure import personal_data_erase
from zoom_worker.personal_data.export import personal_data_export
from zoom_worker.personal_data.selectors import UnknownPerson, user_named


class Command(BaseCommand):
    help = "A person's data: export it as one JSON document, or erase it (KVKK art. 11)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="write the person's data as JSON")
        export.add_argument("--output", help="the file to write (default: standard output)")
        erase = actions.add_parser("erase", help="erase the person's data, once verified")
        erase.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
        for action in (export, erase):
            action.add_argument("user", help="a username or a numeric user id")
            action.add_argument("--operator", help="the operator answering the request")

    def handle(self, *args, **options):
        try:
            subject = user_named(name=options["user"])
            operator = user_named(name=options["operator"]) if options["operator"] else None
        except UnknownPerson as exc:
            raise CommandError(str(exc)) from exc
        getattr(self, f"_{options['action']}")(subject, operator, options)

    def _export(self, subject, operator, options):
        document = personal_data_export(
            subject=subject,
            operator_id=operator.pk if operator else None,
            via=PersonalDataRequest.Via.COMMAND,
        )
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as output:
                output.write(text)
            written = {"id": subject.pk, "file": options["output"]}
            self.stderr.write(_("exported user %(id)s to %(file)s") % written)
        else:
            self.stdout.write(text, ending="")

    def _erase(self, subject, operator, options):
        if not options["yes"]:
            raise CommandError(
                _("Erasure cannot be undone: run it again with --yes once the request is verified.")
            )
        changed = personal_data_erase(
            subject=subject,
            operator_id=operator.pk if operator else None,
            via=PersonalDataRequest.Via.COMMAND,
        )
        for label, count in changed:
            self.stdout.write(f"{label}: {count}")
        if not changed:
            self.stdout.write(_("nothing left to erase for user %(id)s") % {"id": subject.pk})
