"""How the admin shows values: local times, dashes for nothing, titled filters, inline tables,
and JSON with whatever opens or starts a meeting hidden."""

import json

from django.conf import settings
from django.contrib import admin
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _


def titled(title):
    """A choices filter with its own title: two filters on fields called `status` read apart."""

    class TitledFilter(admin.ChoicesFieldListFilter):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.title = title

    return TitledFilter


def local_time(value) -> str:
    """A time in ZOOM_TIMEZONE to the second, or a dash."""
    if value is None:
        return "—"
    return formats.date_format(timezone.localtime(value), "d.m.Y H:i:s")


def zoned(label) -> str:
    return format_html("{} ({})", label, settings.ZOOM_TIMEZONE)


def dash(value):
    return "—" if value in (None, "") else value


def inline_table(inline, rows):
    """The meeting's rows as the meeting page's inline shows them (the appointment page has no
    inline of its own for them: they belong to the meeting)."""
    rows = list(rows)
    if not rows:
        return _("none yet")
    header = table_row("th", (label_of(inline, name) for name in inline.fields))
    cells = (
        (table_row("td", (value_of(inline, name, row) for name in inline.fields)),) for row in rows
    )
    body = format_html_join("", "{}", cells)
    return format_html("<table><thead>{}</thead><tbody>{}</tbody></table>", header, body)


def label_of(inline, name):
    method = getattr(inline, name, None)
    if method is not None:
        return method.short_description
    return inline.model._meta.get_field(name).verbose_name


def value_of(inline, name, row):
    method = getattr(inline, name, None)
    if method is not None:
        return method(inline, row)
    display = getattr(row, f"get_{name}_display", None)  # a field with choices: its label
    if display is not None:
        return display()
    value = getattr(row, name)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return dash(value)


def table_row(cell: str, values) -> str:
    return format_html(
        "<tr>{}</tr>", format_html_join("", f"<{cell}>{{}}</{cell}>", ((v,) for v in values))
    )


# Keys whose values let their holder join or start a meeting (Zoom's names for the links and the
# passcodes): an operator reads a record to see what happened, never to get into a session.
HIDDEN_KEYS = frozenset(
    {
        "join_url",
        "start_url",
        "registration_url",
        "password",
        "passcode",
        "encrypted_password",
        "h323_password",
        "pstn_password",
    }
)


def masked_json(value):
    """A JSON field as readable text, every HIDDEN_KEYS value at any depth replaced."""
    text = json.dumps(_masked(value, str(_("(hidden)"))), indent=2, ensure_ascii=False)
    return format_html("<pre>{}</pre>", text)


def _masked(value, hidden: str):
    if isinstance(value, dict):
        return {
            key: hidden
            if str(key).lower() in HIDDEN_KEYS and item not in ("", None)
            else _masked(item, hidden)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_masked(item, hidden) for item in value]
    return value
