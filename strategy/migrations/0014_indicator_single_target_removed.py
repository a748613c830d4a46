"""The single target of an indicator, now a target for one year (see the previous
migration), goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0013_indicator_yearly_targets"),
    ]

    operations = [
        migrations.RemoveField(model_name="indicator", name="target"),
    ]
