"""What production mode refuses: the development secret key, a short key, DEBUG on, any secret
left at its `.env.example` value or containing the `change-me` placeholder, a Redis or broker URL
without a password, and platform events to a URL that is not https://.

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


def url_password(url: str) -> str:
    """The password in a URL's user part (`scheme://user:PASSWORD@host`), or "" when none."""
    try:
        return urlsplit(url).password or ""
    except ValueError:
        return ""


def production_problem(
    *,
    secret_key: str,
    dev_secret_key: str,
    debug: bool,
    secrets: dict[str, str],
    examples: dict,
    passworded_urls: dict[str, str],
    events_url: str,
) -> str | None:
    """The first reason production must not start with these values, or None.

    `secrets` maps a variable's name to its value; empty values are not checked (unset).
    `passworded_urls` maps a variable's name to a URL that must carry a password, even when empty,
    and not a placeholder: Redis and the broker hold every queued task and the shared Zoom token,
    so anyone who can reach their port must not be able to read or write them."""
    if debug:
        return "LUNOVA_PRODUCTION is on: leave DJANGO_DEBUG off."
    if secret_key == dev_secret_key or len(secret_key) < SECRET_KEY_MIN_LENGTH:
        return (
            "LUNOVA_PRODUCTION is on: set DJANGO_SECRET_KEY to a random secret of "
            f"{SECRET_KEY_MIN_LENGTH}+ characters."
        )
    url_passwords = {name: url_password(url) for name, url in passworded_urls.items()}
    for name, value in {"DJANGO_SECRET_KEY": secret_key, **secrets, **url_passwords}.items():
        if value and (PLACEHOLDER in value.lower() or value == examples.get(name)):
            return (
                f"LUNOVA_PRODUCTION is on: {name} still holds the placeholder of .env.example; "
                "set a secret of your own."
            )
    for name, password in url_passwords.items():
        if not password:
            return (
                f"LUNOVA_PRODUCTION is on: {name} must carry a password "
                "(scheme://user:PASSWORD@host:port/...)."
            )
    # Events name people and their appointments: they cross the network encrypted or not at all.
    if events_url and urlsplit(events_url).scheme != "https":
        return "LUNOVA_PRODUCTION is on: LUNOVA_EVENTS_URL must be an https:// URL."
    return None
