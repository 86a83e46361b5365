"""Pool test helpers: messages in English, for the tests that read them."""

import pytest
from django.utils import translation


@pytest.fixture
def in_english():
    """Messages in English (the default language is Turkish), for tests that read them."""
    with translation.override("en"):
        yield
