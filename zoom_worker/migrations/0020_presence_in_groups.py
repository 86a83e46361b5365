"""The operators' and viewers' groups see the presence records added since they were made: the
groups are given the view permission of every model the app has at this point, as migration
0017 did when it made them."""

from importlib import import_module

from django.db import migrations

_groups = import_module("zoom_worker.migrations.0017_operator_groups")


class Migration(migrations.Migration):

    dependencies = [
        ("zoom_worker", "0019_waiting_mark_at_index"),
    ]

    operations = [
        migrations.RunPython(_groups.create_groups, migrations.RunPython.noop),
    ]
