"""`manage.py zoom_hosts list | add USER [--concurrency N] | disable USER | enable USER |
sync [--concurrency N]`: the Zoom host pool, kept by the operator. The writes are the services'."""

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from lunova.command_logs import ResultCommand
from zoom_worker.models import HOST_CONCURRENCY_MIN
from zoom_worker.pool.hosts import (
    ZoomHostError,
    zoom_host_add,
    zoom_host_disable,
    zoom_host_enable,
    zoom_host_sync,
)
from zoom_worker.pool.selectors import zoom_host_list


class Command(ResultCommand):
    help = "The Zoom host pool: list, add, disable, enable hosts, or sync them from Zoom."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("list", help="every host with its load")
        add = actions.add_parser("add", help="a licensed, active Zoom user (id or e-mail)")
        add.add_argument("user")
        for action in ("disable", "enable"):
            actions.add_parser(action, help=f"{action} a host").add_argument("user")
        sync = actions.add_parser("sync", help="add the account's licensed users not recorded")
        for parser_ in (add, sync):
            parser_.add_argument(
                "--concurrency",
                type=int,
                default=HOST_CONCURRENCY_MIN,
                help="meetings it may run at once: 1 (Pro) or 2 (Business and up)",
            )

    def handle(self, *args, **options):
        try:
            getattr(self, f"_{options['action']}")(options)
        except ZoomHostError as exc:
            raise CommandError(str(exc)) from exc

    def _list(self, options):
        hosts = list(zoom_host_list(now=timezone.now()))
        for host in hosts:
            self.stdout.write(
                _(
                    "%(user)s  e-mail %(email)s  concurrency %(concurrency)d  %(state)s  "
                    "%(ahead)d meeting(s) ahead"
                )
                % {
                    "user": host.user,
                    "email": host.email or "-",
                    "concurrency": host.concurrency,
                    "state": _("active") if host.active else _("disabled"),
                    "ahead": host.meetings_ahead,
                }
            )
        if not hosts:
            self.stdout.write(
                _("No pool hosts: meetings go to ZOOM_HOST_USER or the expert's own.")
            )

    def _add(self, options):
        host = zoom_host_add(user=options["user"], concurrency=options["concurrency"])
        self.stdout.write(
            _("added %(user)s (%(email)s), concurrency %(concurrency)d")
            % {"user": host.user, "email": host.email, "concurrency": host.concurrency}
        )

    def _disable(self, options):
        host, kept = zoom_host_disable(user=options["user"])
        self.stdout.write(
            _("disabled %(user)s: it takes no new meetings and keeps %(kept)d ahead")
            % {"user": host.user, "kept": kept}
        )

    def _enable(self, options):
        host = zoom_host_enable(user=options["user"])
        self.stdout.write(_("enabled %(user)s") % {"user": host.user})

    def _sync(self, options):
        for line in zoom_host_sync(concurrency=options["concurrency"]):
            if line.outcome == "added":
                text = _("added    %(email)s") % {"email": line.email}
            elif line.outcome == "present":
                text = _("present  %(email)s (already a pool host)") % {"email": line.email}
            else:
                text = _("skipped  %(email)s: %(reason)s") % {
                    "email": line.email,
                    "reason": line.reason,
                }
            self.stdout.write(text)
