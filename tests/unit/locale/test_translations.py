"""Every message the code marks for translation has its Turkish text in the committed catalogue.

CI has no gettext tools, so the compiled django.mo is committed: these tests read the source with
`ast` and the catalogues with the standard library, and fail when a message was added without
`makemessages` + a translation + `compilemessages`.
"""

import ast
import gettext
import re
from pathlib import Path

from tests.plugins.services import ROOT

CATALOGUE = ROOT / "locale" / "tr" / "LC_MESSAGES"
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "gettext_noop"}


def source_messages() -> dict[str, Path]:
    """Each literal passed to a gettext function in lunova/ and zoom_worker/, with one file."""
    found = {}
    for package in ("lunova", "zoom_worker"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", getattr(node.func, "attr", None)) in GETTEXT_NAMES
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    found.setdefault(node.args[0].value, path.relative_to(ROOT))
    return found


def po_entries() -> dict[str, str]:
    """msgid -> msgstr of django.po (header left out)."""
    text = (CATALOGUE / "django.po").read_text()
    entries = {}
    for msgid, msgstr in re.findall(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', text, re.M):
        entries[_unquote(msgid)] = _unquote(msgstr)
    entries.pop("", None)
    return entries


def _unquote(lines: str) -> str:
    return "".join(ast.literal_eval(line) for line in lines.split("\n") if line)


def compiled() -> dict[str, str]:
    with open(CATALOGUE / "django.mo", "rb") as mo:
        catalog = dict(gettext.GNUTranslations(mo)._catalog)
    catalog.pop("", None)
    return catalog


def test_every_marked_message_has_a_turkish_translation():
    # given the messages the code marks and the Turkish catalogue
    messages = source_messages()
    translations = po_entries()
    # when each is looked up
    untranslated = {m: str(p) for m, p in messages.items() if not translations.get(m)}
    # then none is missing
    assert untranslated == {}
    assert len(messages) > 50


def test_the_compiled_catalogue_matches_its_source():
    # given django.po and the committed django.mo
    # then the .mo holds exactly the .po's translations (compilemessages was run after editing)
    assert compiled() == {m: t for m, t in po_entries().items() if t}
