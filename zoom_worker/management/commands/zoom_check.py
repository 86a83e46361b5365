"""`manage.py zoom_check`: is the Zoom account ready for the first booking?

Gets a token of its own and reads the scopes Zoom granted it, per feature; reads every host
meetings may go to (ZOOM_HOST_USER, the experts' own Zoom users and the active pool hosts) with
its licence, and says in plain lines what is ready and what is missing; exits non-zero when
something this configuration uses is.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from lunova.command_logs import ResultCommand
from zoom_worker.core.connections import zoom_client
from zoom_worker.models import ZoomHost
from zoom_worker.zoom.errors import ZoomError
from zoom_worker.zoom.scopes import missing_by_feature

LICENCES = {1: "Basic", 2: "Licensed"}
LICENSED = 2


class Command(ResultCommand):
    help = (
        "Check the Zoom set-up: credentials, the app's scopes, hosts and their licences, "
        "the webhook secret."
    )

    def handle(self, *args, **options):
        client = zoom_client()
        try:
            granted = client.granted_scopes()
        except ZoomError as exc:
            # Nothing else can be checked without a token: one line, no secret.
            raise CommandError(f"missing Zoom token: {exc.message}") from exc
        scopes = [
            _scope_check(feature, lacking)
            for feature, lacking in missing_by_feature(granted).items()
        ]
        hosts = {settings.ZOOM_HOST_USER: "ZOOM_HOST_USER"}
        experts = get_user_model().objects.filter(role="expert").exclude(zoom_user="")
        for username, zoom_user in experts.values_list("username", "zoom_user").order_by("id"):
            hosts.setdefault(zoom_user, f"expert {username}")
        for user in ZoomHost.objects.active().order_by("user").values_list("user", flat=True):
            hosts.setdefault(user, "pool host")
        checks = []
        for host, why in hosts.items():
            try:
                user = client.get_user(user_id=host)
            except ZoomError as exc:
                checks.append((False, f"host {host} ({why}): {exc.message}"))
                continue
            licence = LICENCES.get(user.get("type"), f"type {user.get('type')}")
            ready = user.get("type") == LICENSED and user.get("status") == "active"
            detail = f"{licence}, {user.get('status', 'status unknown')}"
            if user.get("type") != LICENSED:
                detail += " (a Basic user's meetings end at 40 minutes)"
            checks.append((ready, f"host {host} ({why}): {detail}"))
        secret = settings.ZOOM_WEBHOOK_SECRET_TOKEN
        checks = [
            (True, "Zoom token: issued"),
            *scopes,
            *checks,
            (
                bool(secret),
                "ZOOM_WEBHOOK_SECRET_TOKEN: " + ("set" if secret else "unset, webhooks answer 503"),
            ),
        ]
        for ready, text in checks:
            self.stdout.write(f"{'ready' if ready else 'missing':<8} {text}")
        missing = sum(not ready for ready, _text in checks)
        if settings.ZOOM_USE_SANDBOX:
            self.stdout.write("note     ZOOM_CLIENT_ID is unset: this checked the offline stand-in")
        if missing:
            raise CommandError(f"{missing} item(s) missing")


def _scope_check(feature: str, lacking: list) -> tuple[bool, str]:
    """(ready, line) for one feature's scopes: each one lacking in both spellings."""
    if not lacking:
        return True, f"scopes for {feature}: held"
    names = ", ".join(str(scope) for scope in lacking)
    if feature == "recordings" and settings.LUNOVA_KEEP_RECORDINGS:
        # Recordings are left in Zoom: their scope is shown, not required.
        return True, f"scopes for {feature}: not held, not used (LUNOVA_KEEP_RECORDINGS): {names}"
    return False, f"scopes for {feature}: lacking {names}"
