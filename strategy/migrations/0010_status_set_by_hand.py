"""Statuses set on an action by hand, kept with the day they were set, and counted in the
periods' pictures (strategy/figures.py). An action whose status or percent differs from what
its lead ministry's latest validated report says (or that has none, and is not "not
started" at 0 %) was set by hand: one change is kept for it, dated by the audit log's last
change of its status or percent (its last update where the log has none). Then the figures
are made again from the records."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.utils import timezone
from django.conf import settings
from django.db import migrations, models


def keep_statuses_set_by_hand(apps, schema_editor):
    PriorityAction = apps.get_model("strategy", "PriorityAction")
    ProgressUpdate = apps.get_model("strategy", "ProgressUpdate")
    ActionStatusChange = apps.get_model("strategy", "ActionStatusChange")
    latest = {}
    for action_id, ministry_id, status, percent in (
        ProgressUpdate.objects.filter(state="validated")
        .order_by("action_id", "period_start", "pk")
        .values_list("action_id", "ministry_id", "status", "percent_complete")
        .iterator(chunk_size=5000)
    ):
        latest[(action_id, ministry_id)] = (status, percent)
    LogEntry = apps.get_model("auditlog", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    action_type = ContentType.objects.filter(app_label="strategy", model="priorityaction").first()
    status_logged = {}
    if action_type is not None:
        for object_pk, timestamp, changes in (
            LogEntry.objects.filter(content_type=action_type)
            .order_by("timestamp")
            .values_list("object_pk", "timestamp", "changes")
            .iterator(chunk_size=5000)
        ):
            if isinstance(changes, dict) and changes.keys() & {"status", "percent_complete"}:
                status_logged[object_pk] = timestamp
    changes = []
    for pk, lead, status, percent, updated_at in (
        PriorityAction.objects.order_by("pk")
        .values_list("pk", "lead_ministry_id", "status", "percent_complete", "updated_at")
        .iterator(chunk_size=5000)
    ):
        reported = latest.get((pk, lead), ("not_started", 0))
        if (status, percent) != reported:
            set_at = status_logged.get(str(pk), updated_at)
            changes.append(
                ActionStatusChange(
                    action_id=pk,
                    status=status,
                    percent_complete=percent,
                    set_on=timezone.localdate(set_at),
                    set_at=set_at,
                )
            )
    ActionStatusChange.objects.bulk_create(changes, batch_size=5000)


def make_figures(apps, schema_editor):
    # The maintaining code itself, which reads today's tables: a later migration that
    # changes what the figures hold makes them again and turns this into a no-op (as 0006).
    # A new database has nothing to count.
    if not apps.get_model("strategy", "PriorityAction").objects.exists():
        return
    from strategy.figures import rebuild

    rebuild()


class Migration(migrations.Migration):

    dependencies = [
        ('strategy', '0009_period_status_covering_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auditlog", "0017_add_actor_email"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name='actionperiodstatus',
            name='report',
            field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='strategy.progressupdate'),
        ),
        migrations.CreateModel(
            name='ActionStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('not_started', 'Not started'), ('on_track', 'On track'), ('at_risk', 'At risk'), ('delayed', 'Delayed'), ('completed', 'Completed'), ('cancelled', 'Cancelled')], max_length=12, verbose_name='status')),
                ('percent_complete', models.PositiveSmallIntegerField(validators=[django.core.validators.MaxValueValidator(100)], verbose_name='percent complete')),
                ('set_on', models.DateField(verbose_name='set on')),
                ('set_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='set at')),
                ('action', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='status_changes', to='strategy.priorityaction', verbose_name='priority action')),
                ('set_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='set by')),
            ],
            options={
                'verbose_name': 'status set by hand',
                'verbose_name_plural': 'statuses set by hand',
                'ordering': ['action', 'set_at', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='actionperiodstatus',
            name='status_change',
            field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='strategy.actionstatuschange'),
        ),
        migrations.AddConstraint(
            model_name='actionperiodstatus',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('report__isnull', False), ('status_change__isnull', True)), models.Q(('report__isnull', True), ('status_change__isnull', False)), _connector='OR'), name='period_status_has_one_source'),
        ),
        migrations.AddIndex(
            model_name='actionstatuschange',
            index=models.Index(fields=['action', 'set_on'], name='status_change_by_action'),
        ),
        migrations.RunPython(keep_statuses_set_by_hand, migrations.RunPython.noop),
        migrations.RunPython(make_figures, migrations.RunPython.noop),
    ]
