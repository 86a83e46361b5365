"""JSON bodies: DRF's parser, hardened so that no body, however odd, becomes a 500.

DRF turns only ValueError into a 400. Deep nesting raises RecursionError, and JSON may carry
unpaired surrogates (`"\\ud800"`) or NUL characters that parse fine but break the database
driver or PostgreSQL's jsonb when written.
"""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError(_("JSON parse error - the document is nested too deeply.")) from exc
        if not _plain_text_only(data):
            raise ParseError(
                _("JSON parse error - text may not contain NUL characters or lone surrogates.")
            )
        return data


def _plain_text_only(data) -> bool:
    """Every string (keys too) encodes as UTF-8 and has no NUL. Iterative: no depth limit."""
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, str):
            if "\x00" in value:
                return False
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return False
    return True
