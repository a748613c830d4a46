# The quarterly report takes its common fields from coordination.generated.GeneratedDocument.
# created_at is renamed, so every row keeps the moment it was asked for. The stored states
# ("pending", "ready", "failed") are already DocumentState's values: only their choices are
# declared. requested_by becomes nullable (SET_NULL), as for every generated document.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import coordination.models


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(
            model_name="quarterlyreport", old_name="created_at", new_name="requested_at"
        ),
        migrations.AlterField(
            model_name="quarterlyreport",
            name="requested_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="requested at"),
        ),
        migrations.AlterModelOptions(
            name="quarterlyreport",
            options={
                "ordering": ["-requested_at"],
                "verbose_name": "quarterly report",
                "verbose_name_plural": "quarterly reports",
            },
        ),
        migrations.AlterField(
            model_name="quarterlyreport",
            name="state",
            field=models.CharField(
                choices=[("pending", "Being prepared"), ("ready", "Ready"), ("failed", "Failed")],
                default="pending",
                max_length=10,
                verbose_name="state",
            ),
        ),
        migrations.AlterField(
            model_name="quarterlyreport",
            name="language",
            field=models.CharField(max_length=8, verbose_name="language"),
        ),
        migrations.AlterField(
            model_name="quarterlyreport",
            name="requested_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="requested by",
            ),
        ),
        migrations.AlterField(
            model_name="quarterlyreport",
            name="file",
            field=models.FileField(
                blank=True,
                max_length=200,
                upload_to=coordination.models.document_path,
                verbose_name="file",
            ),
        ),
        migrations.AlterField(
            model_name="quarterlyreport",
            name="seconds",
            field=models.FloatField(blank=True, null=True, verbose_name="seconds to make"),
        ),
        migrations.AlterField(
            model_name="quarterlyreport",
            name="error",
            field=models.TextField(blank=True, verbose_name="error"),
        ),
    ]
