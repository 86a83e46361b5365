"""The events whose fields are kept are exactly the events a handler acts on."""

from zoom_worker.inbound.handlers import HANDLERS
from zoom_worker.inbound.kept_fields import HANDLED_EVENTS


def test_the_allow_list_and_the_handler_table_name_the_same_events():
    # given the handler table and the allow-list's events
    # then neither names an event the other does not (a handler never reads a dropped body)
    assert set(HANDLERS) == HANDLED_EVENTS
