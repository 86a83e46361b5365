"""What the played-meeting tests share: the events' receiver and workers that tell it, and the
personal data the stand-in's participants carry, which nothing may keep."""

from tests.integration.events.conftest import events_on, receiver  # noqa: F401 - fixtures
from zoom_sandbox import play

PERSONAL = [
    play.HOST["user_name"],
    play.HOST["email"],
    play.HOST["public_ip"],
    play.HOST["private_ip"],
    play.GUEST["user_name"],
    play.GUEST["registrant_id"],
    play.GUEST["public_ip"],
    play.GUEST["private_ip"],
]
