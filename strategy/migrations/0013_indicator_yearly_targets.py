"""Indicators get a target for each year instead of one target, and a direction (higher or
lower is better).

Each indicator's single target becomes the target of one year: the year of its action's due
date, the day the action was to have reached it; an action due after its strategy has ended
takes the strategy's end year instead, since no reporting period of the strategy reaches
beyond it and a target there would never be compared with anything. The direction is
"lower is better" where the target was below the baseline (days to process a permit, 30 ->
10), "higher is better" otherwise. The next migration removes the single target, in a
transaction of its own (PostgreSQL refuses to alter a table whose rows were just updated in
the same transaction while deferred foreign-key checks are pending).

Backwards, an indicator takes back the target of its latest year (its baseline if it has no
target at all, as the old column needs a value)."""

import django.db.models.deletion
from django.db import migrations, models


def targets_become_yearly(apps, schema_editor):
    Indicator = apps.get_model("strategy", "Indicator")
    IndicatorTarget = apps.get_model("strategy", "IndicatorTarget")
    targets, lower = [], []
    for pk, baseline, target, due, strategy_end in (
        Indicator.objects.order_by("pk")
        .values_list(
            "pk",
            "baseline",
            "target",
            "action__due_date",
            "action__pillar__strategy__end_date",
        )
        .iterator(chunk_size=5000)
    ):
        year = min(due.year, strategy_end.year)
        targets.append(IndicatorTarget(indicator_id=pk, year=year, value=target))
        if target < baseline:
            lower.append(pk)
    IndicatorTarget.objects.bulk_create(targets, batch_size=5000)
    Indicator.objects.filter(pk__in=lower).update(direction="lower")


def targets_become_single(apps, schema_editor):
    Indicator = apps.get_model("strategy", "Indicator")
    IndicatorTarget = apps.get_model("strategy", "IndicatorTarget")
    latest = dict(
        IndicatorTarget.objects.order_by("indicator_id", "year").values_list(
            "indicator_id", "value"
        )
    )
    for indicator in Indicator.objects.order_by("pk").iterator(chunk_size=5000):
        indicator.target = latest.get(indicator.pk, indicator.baseline)
        indicator.save(update_fields=["target"])


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0012_report_comments_and_requests"),
    ]

    operations = [
        # Nullable while the targets move, so that the way back can add it to filled rows.
        migrations.AlterField(
            model_name="indicator",
            name="target",
            field=models.DecimalField(
                decimal_places=2, max_digits=14, null=True, verbose_name="target"
            ),
        ),
        migrations.AddField(
            model_name="indicator",
            name="direction",
            field=models.CharField(
                choices=[("higher", "Higher is better"), ("lower", "Lower is better")],
                default="higher",
                max_length=8,
                verbose_name="direction",
            ),
        ),
        migrations.CreateModel(
            name="IndicatorTarget",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                (
                    "value",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="target"),
                ),
                (
                    "indicator",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="targets",
                        to="strategy.indicator",
                        verbose_name="indicator",
                    ),
                ),
            ],
            options={
                "verbose_name": "yearly target",
                "verbose_name_plural": "yearly targets",
                "ordering": ["indicator", "year"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("indicator", "year"), name="unique_indicator_year"
                    )
                ],
            },
        ),
        migrations.RunPython(targets_become_yearly, targets_become_single),
    ]
