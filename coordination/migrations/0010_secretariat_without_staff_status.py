"""The secretariat no longer works in Django's admin (only administrators do): its accounts
lose the staff status they were given. Administrators keep theirs."""

from django.db import migrations


def secretariat_without_staff_status(apps, schema_editor):
    User = apps.get_model("coordination", "User")
    User.objects.filter(role="secretariat", is_superuser=False, is_staff=True).update(
        is_staff=False
    )


class Migration(migrations.Migration):
    dependencies = [
        ("coordination", "0009_setup_quorum_rule_and_alternates"),
    ]

    operations = [
        migrations.RunPython(secretariat_without_staff_status, migrations.RunPython.noop),
    ]
