# The quarterly report moved to the reporting app: its table is renamed here and the model
# is created in reporting's state (reporting 0001), so every row, id, content type, audit
# entry and object permission stays.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0003_quarterly_reports"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable("QuarterlyReport", "reporting_quarterlyreport"),
            ],
            state_operations=[migrations.DeleteModel("QuarterlyReport")],
        ),
    ]
