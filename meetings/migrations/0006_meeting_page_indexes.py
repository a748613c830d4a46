# An index for the matters arising of a meeting's page and its agenda builder, chosen by
# EXPLAIN ANALYZE on the national dataset (5,965 follow-ups, 1,633 of them open): they read
# the open follow-ups of the body's earlier decisions (a focal point's, those of their
# ministry). The secretariat's query scanned every follow-up and a focal point's read all of
# its ministry's, done ones too; both now read only open ones, which stay few while done
# ones pile up over the years.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0005_register_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="followup",
            index=models.Index(
                condition=models.Q(("status", "done"), _negated=True),
                fields=["ministry", "decision"],
                name="follow_up_open",
            ),
        ),
    ]
