"""Each searched table gets its stored search document (search.documents): a generated
``search_document`` column, which PostgreSQL keeps current with every write, and a GIN index
on it; nothing on SQLite, which has no text search.

The column is the database's alone: the models do not declare it (they belong to strategy
and meetings), and the ORM neither reads nor writes it. A later change of a searched column's
type, of the searched columns (search.kinds) or of the normalisation table needs a migration
here that drops the document column and adds it again: PostgreSQL refuses to alter the type
of a column a generated column reads."""

from django.db import migrations


def add_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.documents import document_column_sql
    from search.kinds import KINDS

    for kind in KINDS:
        for statement in document_column_sql(
            kind.model, kind.columns, kind.index_name, schema_editor.connection
        ):
            schema_editor.execute(statement)


def remove_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.documents import DOCUMENT_COLUMN
    from search.kinds import KINDS

    quote = schema_editor.connection.ops.quote_name
    for kind in KINDS:
        # The index goes with its column.
        schema_editor.execute(
            f"ALTER TABLE {quote(kind.model._meta.db_table)} "
            f"DROP COLUMN IF EXISTS {quote(DOCUMENT_COLUMN)}"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0011_report_event_withdrawn"),
        ("meetings", "0009_decision_records"),
    ]

    operations = [migrations.RunPython(add_documents, remove_documents, elidable=False)]
