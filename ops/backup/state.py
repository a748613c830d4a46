"""What a database holds, as a backup's manifest records it and a restore checks it: the applied
migrations, the number of records of every model, and the stored names of uploaded files."""

from dataclasses import dataclass

from django.apps import apps
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from ops.backup import BackupError


@dataclass
class DatabaseState:
    """What a database holds, as recorded in a manifest and checked after a restore."""

    migrations: list[str]
    records: dict[str, int]
    file_references: list[str]


# Models that moved to another app, with the label and table they had before: an archive made
# before the move names them so, and its restored database holds them so until it is migrated.
FORMER_PLACES = {
    "reporting.QuarterlyReport": ("strategy.QuarterlyReport", "strategy_quarterlyreport"),
}


def counted_models() -> list[type[models.Model]]:
    """Every model with a table of its own, many-to-many tables included."""
    return sorted(
        (
            model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy and not model._meta.swapped
        ),
        key=lambda model: model._meta.label,
    )


def read_state(cursor) -> DatabaseState:
    """Migrations, record counts and stored file names, read through ``cursor``: a Django
    cursor, or a sqlite3 cursor on a copy (the SQL is the same)."""
    quote = connection.ops.quote_name
    existing = set(connection.introspection.table_names(cursor))
    if "django_migrations" not in existing:
        raise BackupError("The database holds no portal tables: it was never migrated.")
    cursor.execute("SELECT app, name FROM django_migrations")
    migrations = sorted(f"{app}.{name}" for app, name in cursor.fetchall())
    records = {}
    file_references = []
    for model in counted_models():
        label, table = model._meta.label, model._meta.db_table
        if table not in existing and label in FORMER_PLACES:
            # An archive made before the model moved, restored but not yet migrated.
            label, table = FORMER_PLACES[label]
        if table not in existing:
            continue
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (model table names)
        records[label] = cursor.fetchone()[0]
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                cursor.execute(
                    f"SELECT {quote(field.column)} FROM {quote(table)} "  # noqa: S608
                    f"WHERE {quote(field.column)} <> ''"
                )
                file_references.extend(row[0] for row in cursor.fetchall())
    return DatabaseState(migrations, records, sorted(set(file_references)))


def known_migrations() -> set[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def pending_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def database_tables() -> list[str]:
    return connection.introspection.table_names(include_views=True)


def database_label() -> str:
    return f"{connection.vendor} database {connection.settings_dict['NAME']}"
