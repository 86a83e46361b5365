"""Personal data: the record of each export and erasure, the Zoom call that deletes a meeting's
cloud recordings, and the indexes retention reads old notes and participant stays by.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('zoom_worker', '0013_care_relations_existing_pairs'),
    ]

    operations = [
        migrations.CreateModel(
            name='PersonalDataRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(choices=[('export', 'export'), ('erase', 'erasure')], max_length=8, verbose_name='action')),
                ('via', models.CharField(choices=[('api', 'API'), ('command', 'command')], max_length=8, verbose_name='via')),
                ('subject_id', models.BigIntegerField(verbose_name="subject's user id")),
                ('operator_id', models.BigIntegerField(blank=True, null=True, verbose_name="operator's user id")),
                ('at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='when')),
            ],
            options={
                'verbose_name': 'personal data request',
                'verbose_name_plural': 'personal data requests',
                'ordering': ['-at', '-id'],
            },
        ),
        migrations.AlterField(
            model_name='syncattempt',
            name='action',
            field=models.CharField(choices=[('token', 'token'), ('create', 'create'), ('get', 'get'), ('update', 'update'), ('delete', 'delete'), ('list', 'list'), ('report', 'report'), ('user', 'user'), ('recordings', 'recordings')], max_length=16, verbose_name='action'),
        ),
        migrations.AddIndex(
            model_name='appointment',
            index=models.Index(condition=models.Q(('notes', ''), _negated=True), fields=['start_time'], name='appointment_notes_held'),
        ),
        migrations.AddIndex(
            model_name='participantinterval',
            index=models.Index(fields=['joined_at'], name='interval_joined'),
        ),
        migrations.AddIndex(
            model_name='participantinterval',
            index=models.Index(condition=models.Q(('joined_at__isnull', True)), fields=['left_at'], name='interval_leave_only'),
        ),
    ]
