from tests.integration.events.conftest import receiver  # noqa: F401 - the events' receiver
