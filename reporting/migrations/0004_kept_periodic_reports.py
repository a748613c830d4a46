import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0003_generated_document_keeps_its_scope"),
    ]

    operations = [
        migrations.AddField(
            model_name="quarterlyreport",
            name="content_hash",
            field=models.CharField(
                blank=True, editable=False, max_length=64, verbose_name="content hash"
            ),
        ),
        migrations.AddField(
            model_name="quarterlyreport",
            name="kept_from",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="reporting.quarterlyreport",
                verbose_name="same file as",
            ),
        ),
        migrations.AddField(
            model_name="quarterlyreport",
            name="replaces",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="reporting.quarterlyreport",
                verbose_name="replaces",
            ),
        ),
        migrations.AddIndex(
            model_name="quarterlyreport",
            index=models.Index(
                fields=["period_start", "kind", "language", "content_hash"],
                name="quarterly_report_kept",
            ),
        ),
    ]
