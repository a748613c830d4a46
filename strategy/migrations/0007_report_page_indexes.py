# A focal point's home page lists the drafts and returned reports of their ministries, the
# oldest period first. Without an index it read every open report of every ministry (about
# 2,500 on the national dataset) and joined all 5,000 actions to sort them (9-14 ms); with
# this partial index it reads the ministry's first ten in period order (about 2 ms, most of
# it the access layer's subquery of visible actions).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0006_status_figures"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="progressupdate",
            index=models.Index(
                condition=models.Q(("state__in", ["draft", "returned"])),
                fields=["ministry", "period_start", "id"],
                name="report_open_by_ministry",
            ),
        ),
    ]
