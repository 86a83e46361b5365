"""What production mode refuses: the development secret key, a short key, DEBUG on, and any secret
left at its `.env.example` value or containing the `change-me` placeholder.

Imported by settings, so it imports nothing of the service. Each reason is one line that names the
variable and never repeats its value.
"""

from pathlib import Path
from urllib.parse import urlsplit

PLACEHOLDER = "change-me"
SECRET_KEY_MIN_LENGTH = 50


def example_values(path: Path) -> dict[str, str]:
    """The values `.env.example` assigns (uncommented lines only); empty when the file is absent."""
    if not path.is_file():
        return {}
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, sep, value = line.partition("=")
        if sep and not line.startswith("#") and name.strip():
            values[name.strip()] = value.strip()
    return values


def database_password(url: str) -> str:
    try:
        return urlsplit(url).password or ""
    except ValueError:
        return ""


def production_problem(
    *, secret_key: str, dev_secret_key: str, debug: bool, secrets: dict[str, str], examples: dict
) -> str | None:
    """The first reason production must not start with these values, or None.

    `secrets` maps a variable's name to its value; empty values are not checked (unset)."""
    if debug:
        return "LUNOVA_PRODUCTION is on: leave DJANGO_DEBUG off."
    if secret_key == dev_secret_key or len(secret_key) < SECRET_KEY_MIN_LENGTH:
        return (
            "LUNOVA_PRODUCTION is on: set DJANGO_SECRET_KEY to a random secret of "
            f"{SECRET_KEY_MIN_LENGTH}+ characters."
        )
    for name, value in {"DJANGO_SECRET_KEY": secret_key, **secrets}.items():
        if value and (PLACEHOLDER in value.lower() or value == examples.get(name)):
            return (
                f"LUNOVA_PRODUCTION is on: {name} still holds the placeholder of .env.example; "
                "set a secret of your own."
            )
    return None
