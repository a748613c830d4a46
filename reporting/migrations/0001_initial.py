# The quarterly report, moved from strategy (strategy 0004 renamed its table): the model
# enters reporting's state without touching the database, and its content type follows it,
# so audit entries and object permissions that point at it keep pointing at it.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import coordination.models


def content_type_to(app_label: str, from_label: str):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        ContentType.objects.filter(app_label=from_label, model="quarterlyreport").update(
            app_label=app_label
        )

    return move


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("strategy", "0004_quarterly_report_moves_to_reporting"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="QuarterlyReport",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("period_start", models.DateField(verbose_name="period start")),
                        ("period_end", models.DateField(verbose_name="period end")),
                        (
                            "kind",
                            models.CharField(
                                choices=[("pdf", "PDF report"), ("xlsx", "Excel workbook")],
                                max_length=4,
                                verbose_name="kind",
                            ),
                        ),
                        ("language", models.CharField(max_length=8)),
                        ("state", models.CharField(default="pending", max_length=10)),
                        (
                            "file",
                            models.FileField(
                                blank=True,
                                max_length=200,
                                upload_to=coordination.models.document_path,
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("seconds", models.FloatField(blank=True, null=True)),
                        ("error", models.TextField(blank=True)),
                        (
                            "requested_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "quarterly report",
                        "verbose_name_plural": "quarterly reports",
                        "ordering": ["-created_at"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            content_type_to("reporting", from_label="strategy"),
            content_type_to("strategy", from_label="reporting"),
        ),
    ]
