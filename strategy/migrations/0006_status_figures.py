"""The dashboards' figures (strategy/models/figures.py), made once from the records already
there; from then on every write keeps them (strategy/figures.py). Also the indexes of the
dashboards' "reports asking for support" and of a ministry's reports by period and state."""

import django.db.models.deletion
import django.db.models.expressions
from django.conf import settings
from django.db import migrations, models


def make_figures(apps, schema_editor):
    # Made by 0010_status_set_by_hand, once the statuses set by hand they count exist: the
    # maintaining code (strategy.figures.rebuild) reads today's tables.
    pass


class Migration(migrations.Migration):

    dependencies = [
        ('coordination', '0008_account_changes'),
        ('strategy', '0005_queue_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ActionFigure',
            fields=[
                ('action', models.OneToOneField(on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='+', serialize=False, to='strategy.priorityaction')),
                ('status', models.CharField(choices=[('not_started', 'Not started'), ('on_track', 'On track'), ('at_risk', 'At risk'), ('delayed', 'Delayed'), ('completed', 'Completed'), ('cancelled', 'Cancelled')], max_length=12)),
                ('concerns_departure', models.BooleanField(default=False)),
                ('concerns_transit', models.BooleanField(default=False)),
                ('concerns_abroad', models.BooleanField(default=False)),
                ('concerns_return', models.BooleanField(default=False)),
            ],
        ),
        migrations.CreateModel(
            name='ActionPeriodStatus',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('period_start', models.DateField(verbose_name='period start')),
                ('status', models.CharField(choices=[('not_started', 'Not started'), ('on_track', 'On track'), ('at_risk', 'At risk'), ('delayed', 'Delayed'), ('completed', 'Completed'), ('cancelled', 'Cancelled')], max_length=12, verbose_name='status')),
                ('percent_complete', models.PositiveSmallIntegerField(verbose_name='percent complete')),
            ],
        ),
        migrations.CreateModel(
            name='PeriodStatusCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('period_start', models.DateField(verbose_name='period start')),
                ('n_not_started', models.IntegerField(default=0, verbose_name='Not started')),
                ('n_on_track', models.IntegerField(default=0, verbose_name='On track')),
                ('n_at_risk', models.IntegerField(default=0, verbose_name='At risk')),
                ('n_delayed', models.IntegerField(default=0, verbose_name='Delayed')),
                ('n_completed', models.IntegerField(default=0, verbose_name='Completed')),
                ('n_cancelled', models.IntegerField(default=0, verbose_name='Cancelled')),
            ],
        ),
        migrations.CreateModel(
            name='ReportingCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('period_start', models.DateField(verbose_name='period start')),
                ('due', models.IntegerField(default=0)),
                ('received', models.IntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='ReportingDuty',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('period_start', models.DateField(verbose_name='period start')),
                ('sent', models.BooleanField(default=False)),
            ],
        ),
        migrations.CreateModel(
            name='StatusCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('n_not_started', models.IntegerField(default=0, verbose_name='Not started')),
                ('n_on_track', models.IntegerField(default=0, verbose_name='On track')),
                ('n_at_risk', models.IntegerField(default=0, verbose_name='At risk')),
                ('n_delayed', models.IntegerField(default=0, verbose_name='Delayed')),
                ('n_completed', models.IntegerField(default=0, verbose_name='Completed')),
                ('n_cancelled', models.IntegerField(default=0, verbose_name='Cancelled')),
                ('n_departure', models.IntegerField(default=0, verbose_name='Departure')),
                ('n_transit', models.IntegerField(default=0, verbose_name='Transit')),
                ('n_abroad', models.IntegerField(default=0, verbose_name='Abroad')),
                ('n_return', models.IntegerField(default=0, verbose_name='Return')),
            ],
        ),
        migrations.AddIndex(
            model_name='progressupdate',
            index=models.Index(fields=['ministry', 'period_start', 'state'], name='report_by_ministry'),
        ),
        migrations.AddIndex(
            model_name='progressupdate',
            index=models.Index(models.OrderBy(models.F('period_start'), descending=True), models.OrderBy(models.F('id'), descending=True), condition=models.Q(('state__in', ('submitted', 'validated')), models.Q(('support_needed', ''), _negated=True)), name='report_support_requests'),
        ),
        migrations.AddIndex(
            model_name='progressupdate',
            index=models.Index(models.F('ministry'), models.OrderBy(models.F('period_start'), descending=True), models.OrderBy(models.F('id'), descending=True), condition=models.Q(('state__in', ('submitted', 'validated')), models.Q(('support_needed', ''), _negated=True)), name='report_support_by_ministry'),
        ),
        migrations.AddField(
            model_name='actionfigure',
            name='lead_ministry',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='coordination.ministry'),
        ),
        migrations.AddField(
            model_name='actionfigure',
            name='pillar',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='strategy.pillar'),
        ),
        migrations.AddField(
            model_name='actionperiodstatus',
            name='action',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='period_statuses', to='strategy.priorityaction'),
        ),
        migrations.AddField(
            model_name='actionperiodstatus',
            name='pillar',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='strategy.pillar'),
        ),
        migrations.AddField(
            model_name='actionperiodstatus',
            name='report',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='strategy.progressupdate'),
        ),
        migrations.AddField(
            model_name='periodstatuscount',
            name='pillar',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='strategy.pillar'),
        ),
        migrations.AddField(
            model_name='reportingcount',
            name='ministry',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coordination.ministry'),
        ),
        migrations.AddField(
            model_name='reportingcount',
            name='pillar',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='strategy.pillar'),
        ),
        migrations.AddField(
            model_name='reportingduty',
            name='action',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='strategy.priorityaction'),
        ),
        migrations.AddField(
            model_name='reportingduty',
            name='ministry',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coordination.ministry'),
        ),
        migrations.AddField(
            model_name='reportingduty',
            name='pillar',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='strategy.pillar'),
        ),
        migrations.AddField(
            model_name='statuscount',
            name='lead_ministry',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coordination.ministry'),
        ),
        migrations.AddField(
            model_name='statuscount',
            name='pillar',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='strategy.pillar'),
        ),
        migrations.AddConstraint(
            model_name='actionperiodstatus',
            constraint=models.UniqueConstraint(fields=('action', 'period_start'), name='one_status_per_action_period'),
        ),
        migrations.AddConstraint(
            model_name='periodstatuscount',
            constraint=models.UniqueConstraint(fields=('period_start', 'pillar'), name='one_period_status_count'),
        ),
        migrations.AddConstraint(
            model_name='reportingcount',
            constraint=models.UniqueConstraint(fields=('period_start', 'pillar', 'ministry'), name='one_reporting_count'),
        ),
        migrations.AddIndex(
            model_name='reportingduty',
            index=models.Index(fields=['ministry', 'period_start'], name='duty_by_ministry'),
        ),
        migrations.AddConstraint(
            model_name='reportingduty',
            constraint=models.UniqueConstraint(fields=('action', 'ministry', 'period_start'), name='one_duty_per_report'),
        ),
        migrations.AddConstraint(
            model_name='statuscount',
            constraint=models.UniqueConstraint(fields=('pillar', 'lead_ministry'), name='one_status_count'),
        ),
        migrations.AddField(
            model_name='statuscount',
            name='total',
            field=models.GeneratedField(db_persist=True, expression=django.db.models.expressions.CombinedExpression(django.db.models.expressions.CombinedExpression(django.db.models.expressions.CombinedExpression(django.db.models.expressions.CombinedExpression(django.db.models.expressions.CombinedExpression(django.db.models.expressions.CombinedExpression(models.Value(0), '+', models.F('n_not_started')), '+', models.F('n_on_track')), '+', models.F('n_at_risk')), '+', models.F('n_delayed')), '+', models.F('n_completed')), '+', models.F('n_cancelled')), output_field=models.IntegerField()),
        ),
        migrations.AddField(
            model_name='statuscount',
            name='worst',
            field=models.GeneratedField(db_persist=True, expression=models.Case(models.When(n_delayed__gt=0, then=models.Value('delayed')), models.When(n_at_risk__gt=0, then=models.Value('at_risk')), models.When(n_not_started__gt=0, then=models.Value('not_started')), models.When(n_on_track__gt=0, then=models.Value('on_track')), models.When(n_completed__gt=0, then=models.Value('completed')), models.When(n_cancelled__gt=0, then=models.Value('cancelled')), output_field=models.CharField(max_length=12)), output_field=models.CharField(max_length=12, null=True)),
        ),
        migrations.RunPython(make_figures, migrations.RunPython.noop),
    ]
