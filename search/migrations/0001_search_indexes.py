"""A GIN index on each searched kind's search document (search.documents): an expression
index, kept current by PostgreSQL with every write; nothing on SQLite, which has no text
search. The query repeats the indexed expression (search.kinds lists the columns): a change
of the searched columns needs a migration that rebuilds the index."""

from django.db import migrations


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.documents import index_sql
    from search.kinds import KINDS

    for kind in KINDS:
        schema_editor.execute(
            index_sql(kind.model, kind.columns, kind.index_name, schema_editor.connection)
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.kinds import KINDS

    quote = schema_editor.connection.ops.quote_name
    for kind in KINDS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(kind.index_name)}")


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0011_report_event_withdrawn"),
        ("meetings", "0009_decision_records"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
