# Every write of a follow-up now adds an entry to its history (FollowUpUpdate): the
# quarterly report reads the status each follow-up had at the end of a period from it. The
# index on (follow_up, updated_at) finds the latest entry of each follow-up up to a moment.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0006_meeting_page_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='FollowUpUpdate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('in_progress', 'In progress'), ('done', 'Done'), ('blocked', 'Blocked')], max_length=12, verbose_name='status')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='updated')),
                ('follow_up', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='updates', to='meetings.followup', verbose_name='follow-up')),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='updated by')),
            ],
            options={
                'verbose_name': 'follow-up update',
                'verbose_name_plural': 'follow-up updates',
                'ordering': ['follow_up', '-updated_at', '-pk'],
                'indexes': [models.Index(fields=['follow_up', 'updated_at'], name='follow_up_update_at')],
            },
        ),
    ]
