"""Audit the runtime lock for known vulnerabilities with pip-audit, as CI does (`make audit`).

    python scripts/audit_dependencies.py [requirements/base.txt]

pip-audit asks PyPI's JSON API for each pinned release's known vulnerabilities. Two outcomes must
not look alike:

- a vulnerability is known in a pinned release (or a release cannot be audited while the feed
  answers for others): pip-audit's own exit status, non-zero, fails the run;
- the feed itself does not answer (no network, a firewall, a mirror that serves the package index
  but not the JSON API): nothing was audited. The run says so in a banner on stderr and exits 0,
  so that an outage of a service CI does not run fails no build, while nobody reading the log can
  take it for a clean audit.

The feed is asked first about the lock's first pin, which exists on the index: when that question
gets no answer, no other would. pip-audit then runs with --strict, so a release it skips counts as
a failure rather than as audited.
"""

import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

LOCK = Path(__file__).resolve().parents[1] / "requirements" / "base.txt"
FEED = "https://pypi.org/pypi/{name}/{version}/json"
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", re.MULTILINE)
TIMEOUT = 15


def first_pin(lock_text: str) -> tuple[str, str]:
    match = PIN.search(lock_text)
    if match is None:
        raise SystemExit("audit: the lock pins no package (name==version)")
    return match.group(1), match.group(2)


def feed_problem(url: str) -> str | None:
    """Why the vulnerability feed gives no answer at this URL, or None when it does."""
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310 - fixed https URL
            json.load(response)
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        return str(getattr(error, "reason", error))
    return None


def pip_audit(lock: Path) -> int:
    command = [sys.executable, "-m", "pip_audit", "--strict", "--require-hashes", "--disable-pip"]
    return subprocess.call([*command, "--requirement", str(lock)])  # noqa: S603 - fixed argv


def main(argv: list[str]) -> int:
    lock = Path(argv[0]) if argv else LOCK
    name, version = first_pin(lock.read_text(encoding="utf-8"))
    url = FEED.format(name=name, version=version)
    problem = feed_problem(url)
    if problem is not None:
        rule = "!" * 78
        print(
            f"{rule}\n"
            f"WARNING: dependency audit NOT DONE: no package in {lock.name} was checked for known\n"
            f"vulnerabilities. PyPI's vulnerability feed, which pip-audit reads, did not answer:\n"
            f"  {url}: {problem}\n"
            f"Run `make audit` where https://pypi.org/pypi/ is reachable.\n"
            f"{rule}",
            file=sys.stderr,
        )
        return 0
    return pip_audit(lock)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
