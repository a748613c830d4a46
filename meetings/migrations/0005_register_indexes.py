# The decision register orders decisions by their meeting's start, newest first: with this
# index its first page reads a few meetings and their decisions instead of sorting them all
# (2.0 ms to 0.1 ms on the national dataset's 3,000 decisions).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0004_generated_document_keeps_its_scope"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="meeting",
            index=models.Index(fields=["start"], name="meeting_start"),
        ),
    ]
