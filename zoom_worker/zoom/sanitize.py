"""Strip secrets from any text the Zoom client produces (exception messages, logs, call records)."""

import re
from collections.abc import Iterable

MAX_LENGTH = 500
REDACTED = "***"

# Names whose values are secrets wherever they show up: query strings, form bodies, JSON, XML.
# `zak` is the host token in start_url and `pwd` the passcode in join_url.
_REDACTED_KEYS = (
    r"zak|pwd|tk|access_token|refresh_token|id_token|client_secret|secret_token|api_secret"
    r"|[a-z0-9_]*password|passcode"
)

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Authorization values. After "Basic" only what looks like base64 credentials (long, with a
    # digit or +/), so Zoom's own wording such as "Basic user" survives.
    (re.compile(r"(?i)\b(bearer)\s+[^\s,;\"']+"), rf"\1 {REDACTED}"),
    (
        re.compile(r"(?i)\b(basic)\s+(?=[A-Za-z0-9+/]*[0-9+/])[A-Za-z0-9+/]{16,}={0,2}"),
        rf"\1 {REDACTED}",
    ),
    # Credentials inside a URL: scheme://user:password@host.
    (re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/\s:@]+:[^/\s@]+@"), rf"\1{REDACTED}@"),
    # JSON or Python-repr pairs: "password": "x", 'access_token': 'x', "password": 123.
    (
        re.compile(
            rf"""(?i)(["'](?:{_REDACTED_KEYS})["']\s*:\s*)(?:"[^"]*"|'[^']*'|[^\s,}}\]]+)"""
        ),
        rf'\1"{REDACTED}"',
    ),
    # XML elements: <password>x</password>.
    (re.compile(rf"(?i)(<({_REDACTED_KEYS})>)[^<]*(</\2>)"), rf"\1{REDACTED}\3"),
    # Query strings, form bodies and loose text: zak=x, pwd=x, password: x.
    (re.compile(rf"(?i)\b({_REDACTED_KEYS})(\s*[=:]\s*)[^\s&\"'<>,;]+"), rf"\1\2{REDACTED}"),
    # Bare JWTs (Zoom's access tokens and zak are JWT-shaped), whatever label they came with.
    (re.compile(r"\beyJ[\w-]+\.[\w-]+\.[\w-]*"), REDACTED),
)
_WHITESPACE = re.compile(r"\s+")


def sanitize(text: object, *, secrets: Iterable[str] = (), limit: int = MAX_LENGTH) -> str:
    """Return `text` on one line with every secret replaced by ***, cut to `limit` characters.

    `secrets` are literal values known to the caller (e.g. its client secret), removed wherever
    they appear, even without a telling label around them.
    """
    result = "" if text is None else str(text)
    for secret in secrets:
        if secret:
            result = result.replace(secret, REDACTED)
    for pattern, replacement in _PATTERNS:
        result = pattern.sub(replacement, result)
    # One line: a message must not be able to forge extra log lines.
    result = _WHITESPACE.sub(" ", result).strip()
    if len(result) > limit:
        result = result[: limit - 1] + "…"
    return result
