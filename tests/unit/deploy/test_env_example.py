""".env.example lists every variable the service reads."""

import re

from tests.plugins.services import ROOT

# Read by libraries (prometheus_client) or by docker-compose.yml itself, not by settings.py.
OUTSIDE_SETTINGS = {"PROMETHEUS_MULTIPROC_DIR", "POSTGRES_PASSWORD"}


def test_every_variable_is_listed():
    settings = (ROOT / "lunova" / "settings.py").read_text(encoding="utf-8")
    compose = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    read = set(re.findall(r'env\.\w+\(\s*"([A-Z0-9_]+)"', settings))
    read |= set(re.findall(r"\$\{([A-Z0-9_]+)[:}]", compose)) | OUTSIDE_SETTINGS
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#? ?([A-Z0-9_]+)=", example, re.MULTILINE))
    assert read - listed == set()
    assert len(read) > 40
