"""Operators with least privilege: each admin action that changes something has its own
permission, and two groups hold them: `Lunova operators` (view every record and run every action)
and `Lunova viewers` (view only). Also the index the daily allowance of standalone meetings is
counted by.

The groups hold what exists at this migration; a model or action added later is given to them
by the migration that adds it.
"""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

OPERATORS = "Lunova operators"
VIEWERS = "Lunova viewers"
# (app label, codename) of every admin action that changes something.
ACTIONS = [
    ("zoom_worker", "cancel_appointment"),
    ("zoom_worker", "resync_meeting"),
    ("zoom_worker", "disable_zoomhost"),
    ("zoom_worker", "enable_zoomhost"),
    ("zoom_worker", "redeliver_platformevent"),
]
# Whose records the admin shows: each model's view permission.
VIEWED_APPS = ("zoom_worker", "users")


def create_groups(apps, schema_editor):
    # Permissions are made after every migration has run (post_migrate): made here first, so
    # the groups can hold them on a fresh database too.
    # (create_permissions passes over an app without a models module, as the migration state's
    # apps are: one is lent for the call.)
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    views = [
        Permission.objects.get(
            content_type__app_label=label, codename=f"view_{model._meta.model_name}"
        )
        for label in VIEWED_APPS
        for model in apps.get_app_config(label).get_models()
    ]
    actions = [
        Permission.objects.get(content_type__app_label=label, codename=codename)
        for label, codename in ACTIONS
    ]
    Group.objects.get_or_create(name=VIEWERS)[0].permissions.set(views)
    Group.objects.get_or_create(name=OPERATORS)[0].permissions.set(views + actions)


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[OPERATORS, VIEWERS]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('zoom_worker', '0016_personal_data'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='appointment',
            options={'ordering': ['-start_time', '-id'], 'permissions': [('cancel_appointment', 'Can cancel an appointment')], 'verbose_name': 'appointment', 'verbose_name_plural': 'appointments'},
        ),
        migrations.AlterModelOptions(
            name='meeting',
            options={'permissions': [('resync_meeting', 'Can resync a meeting with Zoom')], 'verbose_name': 'meeting', 'verbose_name_plural': 'meetings'},
        ),
        migrations.AlterModelOptions(
            name='platformevent',
            options={'ordering': ['-created_at'], 'permissions': [('redeliver_platformevent', 'Can deliver a platform event again')], 'verbose_name': 'platform event', 'verbose_name_plural': 'platform events'},
        ),
        migrations.AlterModelOptions(
            name='zoomhost',
            options={'ordering': ['user'], 'permissions': [('disable_zoomhost', 'Can disable a Zoom host'), ('enable_zoomhost', 'Can enable a Zoom host')], 'verbose_name': 'Zoom host', 'verbose_name_plural': 'Zoom hosts'},
        ),
        migrations.AddIndex(
            model_name='meeting',
            index=models.Index(condition=models.Q(('standalone', True)), fields=['owner', 'created_at'], name='meeting_standalone_created'),
        ),
        migrations.RunPython(create_groups, delete_groups),
    ]
