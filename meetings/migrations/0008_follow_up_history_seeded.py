# Each existing follow-up's history starts with the one state known of it: its status and
# note as last saved, by whom and when. (What it was before that was never kept: as of an
# earlier moment it reads as pending.) One INSERT ... SELECT, on SQLite and PostgreSQL alike,
# whatever the number of follow-ups.

from django.db import migrations


def seed_history(apps, schema_editor):
    follow_ups = apps.get_model("meetings", "FollowUp")._meta.db_table
    updates = apps.get_model("meetings", "FollowUpUpdate")._meta.db_table
    quote = schema_editor.connection.ops.quote_name
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(updates)} (follow_up_id, status, note, updated_by_id, updated_at)"  # noqa: S608 - table names only
            f" SELECT id, status, note, updated_by_id, updated_at FROM {quote(follow_ups)}"
        )


def forget_history(apps, schema_editor):
    apps.get_model("meetings", "FollowUpUpdate").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0007_follow_up_history"),
    ]

    operations = [
        migrations.RunPython(seed_history, forget_history, elidable=True),
    ]
