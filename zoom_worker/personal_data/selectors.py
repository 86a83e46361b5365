"""Finding the person a request is about, and reading what the service holds about them."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext as _

from zoom_worker.models import Appointment, Meeting, PlatformEvent


class UnknownPerson(LookupError):
    """No single user answers to the name given; the message says why."""


def user_named(*, name: str):
    """The user with that username or, for digits, that id; refused when the digits are one
    user's username and another's id (an erasure must never guess)."""
    users = get_user_model().objects
    by_username = users.filter(username=name).first()
    by_id = users.filter(pk=int(name)).first() if name.isdigit() and len(name) < 19 else None
    if by_username and by_id and by_username != by_id:
        raise UnknownPerson(
            _("%(name)s is the username of user %(id)s and the id of another user")
            % {"name": name, "id": by_username.pk}
        )
    found = by_username or by_id
    if found is None:
        raise UnknownPerson(_("No user has the username or id %(name)s.") % {"name": name})
    return found


def appointments_of(user):
    """Every appointment the person takes part in, in start order."""
    return (
        Appointment.objects.filter(Q(expert=user) | Q(client=user))
        .select_related("meeting", "meeting__attendance", "expert", "client")
        .order_by("start_time", "id")
    )


def standalone_meetings_of(user):
    return Meeting.objects.filter(owner=user, standalone=True).order_by("start_time", "id")


def platform_events_about(user):
    """The events sent about their appointments and standalone meetings."""
    about = (
        Q(meeting__appointment__expert=user)
        | Q(meeting__appointment__client=user)
        | Q(meeting__owner=user, meeting__standalone=True)
    )
    return PlatformEvent.objects.filter(about).order_by("created_at", "sequence")
