from tests.integration.events.conftest import events_on, receiver  # noqa: F401 - fixtures
