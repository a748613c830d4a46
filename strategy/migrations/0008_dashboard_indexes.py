# A focal point's compliance reads its ministry's duties for a period from the index alone.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("coordination", "0008_account_changes"),
        ("strategy", "0007_report_page_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="reportingduty",
            name="duty_by_ministry",
        ),
        migrations.AddIndex(
            model_name="reportingduty",
            index=models.Index(
                fields=["ministry", "period_start"],
                include=("action", "sent"),
                name="duty_by_ministry_covering",
            ),
        ),
    ]
