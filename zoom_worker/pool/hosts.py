"""The pool's hosts as records: added after Zoom confirms them, disabled, enabled, synced from
the account's user list. Each write is one transaction, made only after Zoom has answered, so
a refusal or an unreachable Zoom leaves nothing half-written."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zoom_worker.core.connections import zoom_client
from zoom_worker.models import HOST_CONCURRENCY_MAX, HOST_CONCURRENCY_MIN, ZoomHost
from zoom_worker.zoom.errors import ZoomConfigError, ZoomError, ZoomTransientError

LICENSED = 2  # Zoom's user type 2; type 1 (Basic) cuts every meeting at 40 minutes
USER_NOT_FOUND = 1001  # Zoom's code for a user the account does not have


class ZoomHostError(ValueError):
    """A host cannot be added or changed as asked; the message says why in one line."""


@dataclass(frozen=True)
class SyncLine:
    """What `zoom_host_sync` did with one Zoom user."""

    outcome: str  # "added", "present" or "skipped"
    email: str
    reason: str = ""  # why it was skipped


def zoom_host_add(*, user: str, concurrency: int = HOST_CONCURRENCY_MIN) -> ZoomHost:
    """Record `user` (a Zoom user id or e-mail) as a pool host once Zoom says it exists, is
    active and licensed, and is no expert's own Zoom user."""
    _check_concurrency(concurrency)
    user = user.strip()
    if not user:
        raise ZoomHostError(_("Name a Zoom user: its id or e-mail."))
    if _recorded(user, user):
        raise ZoomHostError(_("%(user)s is already a pool host.") % {"user": user})
    found = _zoom_user(user)
    email = found.get("email", "").lower()
    if _recorded(user, email):
        raise ZoomHostError(_("%(user)s is already a pool host.") % {"user": email})
    refusal = _refusal(found, experts_own=_experts_own_zoom_users())
    if refusal:
        raise ZoomHostError(
            _("%(user)s cannot be a pool host: %(reason)s.") % {"user": user, "reason": refusal}
        )
    try:
        with transaction.atomic():
            return ZoomHost.objects.create(user=user, email=email, concurrency=concurrency)
    except IntegrityError as exc:  # added meanwhile by someone else
        raise ZoomHostError(_("%(user)s is already a pool host.") % {"user": user}) from exc


@transaction.atomic
def zoom_host_disable(*, user: str) -> tuple[ZoomHost, int]:
    """Stop giving the host new meetings; it keeps those it holds (their count is returned)."""
    host = _host(user)
    host.active = False
    host.save(update_fields=["active"])
    return host, host.meetings.ahead(now=timezone.now()).count()


@transaction.atomic
def zoom_host_enable(*, user: str) -> ZoomHost:
    host = _host(user)
    host.active = True
    host.save(update_fields=["active"])
    return host


def zoom_host_sync(*, concurrency: int = HOST_CONCURRENCY_MIN) -> list[SyncLine]:
    """Add every licensed, active user of the Zoom account not yet recorded; say for each user
    what was done, and why a user was skipped. All pages are read before anything is written."""
    _check_concurrency(concurrency)
    active = _zoom_users("active")
    inactive = _zoom_users("inactive")
    experts_own = _experts_own_zoom_users()
    lines, new = [], []
    with transaction.atomic():
        recorded = {
            value.lower()
            for pair in ZoomHost.objects.values_list("user", "email")
            for value in pair
            if value
        }
        for found in active:
            email = found.get("email", "").lower()
            if _names_of(found) & recorded:
                lines.append(SyncLine("present", email))
                continue
            refusal = _refusal(found, experts_own=experts_own)
            if refusal:
                lines.append(SyncLine("skipped", email, refusal))
                continue
            new.append(ZoomHost(user=email, email=email, concurrency=concurrency))
            recorded.add(email)
            lines.append(SyncLine("added", email))
        ZoomHost.objects.bulk_create(new)
    for found in inactive:
        refusal = _refusal(found, experts_own=experts_own)
        lines.append(SyncLine("skipped", found.get("email", "").lower(), refusal))
    return lines


@transaction.atomic
def zoom_host_seed(*, hosts: list[tuple[str, int]]) -> list[ZoomHost]:
    """Record (e-mail, concurrency) hosts without asking Zoom, and only into an empty pool: for
    the stand-in, whose roster is known (`make run` seeds its demo pool once)."""
    if ZoomHost.objects.exists():
        return []
    return ZoomHost.objects.bulk_create(
        ZoomHost(user=email, email=email, concurrency=concurrency) for email, concurrency in hosts
    )


def _check_concurrency(concurrency: int) -> None:
    if not HOST_CONCURRENCY_MIN <= concurrency <= HOST_CONCURRENCY_MAX:
        raise ZoomHostError(
            _(
                "The concurrency must be 1 or 2: Zoom runs 1 meeting at once for a licensed user "
                "of a Pro account, 2 on Business, Education and Enterprise."
            )
        )


def _recorded(user: str, email: str) -> bool:
    return ZoomHost.objects.named(user, email).exists()


def _host(user: str) -> ZoomHost:
    host = ZoomHost.objects.named(user).first()
    if host is None:
        raise ZoomHostError(_("%(user)s is not a pool host.") % {"user": user})
    return host


def _experts_own_zoom_users() -> set[str]:
    own = get_user_model().objects.exclude(zoom_user="").values_list("zoom_user", flat=True)
    return {zoom_user.lower() for zoom_user in own}


def _names_of(found: dict) -> set[str]:
    """What a Zoom user may be recorded under: its e-mail and its id, in lower case."""
    return {found.get("email", "").lower(), found.get("id", "").lower()}


def _refusal(found: dict, *, experts_own: set[str]) -> str:
    """Why this Zoom user cannot be a pool host; empty when it can."""
    if _names_of(found) & experts_own:
        return _("an expert's own Zoom user serves only that expert")
    if found.get("status") != "active":
        return _("inactive")
    if found.get("type") != LICENSED:
        return _("Basic (not licensed): its meetings end at 40 minutes")
    return ""


def _zoom_user(user: str) -> dict:
    try:
        return zoom_client().get_user(user_id=user)
    except ZoomError as exc:
        if exc.code == USER_NOT_FOUND and not isinstance(exc, ZoomTransientError):
            message = _("Zoom has no user %(user)s in this account.") % {"user": user}
            raise ZoomHostError(message) from exc
        raise _zoom_refused(exc) from exc


def _zoom_users(status: str) -> list[dict]:
    try:
        return list(zoom_client().list_users(status=status))
    except ZoomError as exc:
        raise _zoom_refused(exc) from exc


def _zoom_refused(exc: ZoomError) -> ZoomHostError:
    if isinstance(exc, ZoomConfigError):
        return ZoomHostError(
            _("Zoom refused the OAuth credentials: %(reason)s") % {"reason": exc.message}
        )
    if isinstance(exc, ZoomTransientError):
        return ZoomHostError(
            _("Zoom could not be reached, nothing was changed: %(reason)s") % {"reason": exc}
        )
    return ZoomHostError(_("Zoom refused: %(reason)s") % {"reason": exc})
